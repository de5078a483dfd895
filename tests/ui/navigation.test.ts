import { describe, expect, it } from 'vitest';
import { navigate, type Screen, startNav } from '../../src/ui/navigation.js';

const now = Date.parse('2026-03-10T12:00:00Z');
const home: Screen = { name: 'home', status: { decks: [], nextDue: null }, now };
const stats = { name: 'stats', report: {} } as Screen;

describe('navigation', () => {
  it('keeps the deck selected on home while other screens come and go', () => {
    let nav = startNav(home);
    nav = navigate(nav, { type: 'select', deckId: 'b' });
    nav = navigate(nav, { type: 'show', screen: stats });
    nav = navigate(nav, { type: 'show', screen: home });
    expect(nav.selected).toBe('b');
    expect(nav.screen).toBe(home);
  });

  it('gives each session screen it shows a new key, so the screen starts afresh', () => {
    const quiz = { name: 'cram', cram: {}, key: 0 } as Screen;
    const a = navigate(startNav(home), { type: 'show', screen: quiz });
    const b = navigate(a, { type: 'show', screen: quiz });
    expect(a.screen.name === 'cram' && b.screen.name === 'cram').toBe(true);
    expect((a.screen as { key: number }).key).not.toBe((b.screen as { key: number }).key);
  });
});
