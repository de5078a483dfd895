import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { type CardScroll, useCardScroll } from '../../src/ui/hooks/use-card-scroll.js';
import type { Command } from '../../src/ui/keys.js';
import { eventually } from '../support/ink.js';

type Probe = { scroll?: CardScroll; handle?: (c: Command | undefined) => boolean };

function Scroller({ showing, probe }: { showing: string; probe: Probe }) {
  const { scroll, handle } = useCardScroll(showing);
  probe.scroll = scroll;
  probe.handle = handle;
  const w = scroll.window;
  return <Text>{`${w.start} ${w.above} ${w.below}`}</Text>;
}

describe('useCardScroll', () => {
  it('scrolls a measured card, and not another face until that one is measured', async () => {
    const probe: Probe = {};
    const view = render(<Scroller showing="a#0" probe={probe} />);
    probe.scroll!.measure(30, 8);
    await eventually(() => expect(view.lastFrame()).toMatch(/^0 0 \d+$/));
    expect(probe.handle!('down')).toBe(true);
    await eventually(() => expect(view.lastFrame()).toMatch(/^1 1 \d+$/));
    // The answer side is up: the question's 30 rows say nothing of it.
    view.rerender(<Scroller showing="a#1" probe={probe} />);
    await eventually(() => expect(view.lastFrame()).toBe('0 0 0'));
    expect(probe.handle!('pageDown')).toBe(false);
    probe.scroll!.measure(12, 8);
    await eventually(() => expect(view.lastFrame()).toMatch(/^0 0 [1-9]\d*$/));
    expect(probe.handle!('pageDown')).toBe(true);
  });
});
