import { describe, expect, it } from 'vitest';
import { type RenderContext, render, renderCloze } from '../../src/import/template.js';

const ctx = (fields: Record<string, string>, ord = 0): RenderContext => ({
  fields: new Map(Object.entries(fields)),
  tags: ['verb', 'a1'],
  noteType: 'Vocab',
  deck: 'Spanish::Verbs',
  template: 'Card 1',
  ord,
});

describe('Anki templates', () => {
  it('fills fields, special fields and FrontSide', () => {
    const c = ctx({ Word: 'comer', Meaning: 'to eat' });
    expect(render('{{Word}} ({{Type}}, {{Subdeck}}, {{Tags}})', c, 'question')).toBe(
      'comer (Vocab, Verbs, verb a1)',
    );
    expect(render('{{FrontSide}}<hr id=answer>{{Meaning}}', c, 'answer', 'Q')).toBe(
      'Q<hr id=answer>to eat',
    );
  });

  it('shows a section when its field is non-empty, an inverted one when empty', () => {
    const c = ctx({ A: 'x', B: '  <br> ', C: '<img src="p.png">' });
    expect(render('{{#A}}a{{/A}}{{#B}}b{{/B}}{{^B}}!b{{/B}}{{#C}}c{{/C}}', c, 'question')).toBe(
      'a!bc',
    );
  });

  it('applies filters right to left: text, hint, type', () => {
    const c = ctx({ F: '<b>bold</b>', H: 'a hint', E: '' });
    expect(render('{{text:F}}', c, 'question')).toBe('bold');
    expect(render('{{hint:H}}{{hint:E}}', c, 'question')).toBe('<br>Hint: a hint');
    expect(render('Q {{type:F}}', c, 'question')).toBe('Q ');
    expect(render('{{type:F}}', c, 'answer')).toBe('<b>bold</b>');
  });

  it('keeps an unclosed section as the text Anki would show', () => {
    expect(render('{{#A}}open', ctx({ A: 'x' }), 'question')).toBe('{{#A}}open');
  });

  it('renders cloze N: its deletions hidden (with hints), the others shown; empty when absent', () => {
    const text = '{{c1::ser}} and {{c1::estar::verb}} mean {{c2::to be}}';
    expect(renderCloze(text, 1, 'question')).toBe('[...] and [verb] mean to be');
    expect(renderCloze(text, 1, 'answer')).toBe('<b>ser</b> and <b>estar</b> mean to be');
    expect(renderCloze(text, 2, 'question')).toBe('ser and estar mean [...]');
    expect(renderCloze(text, 3, 'question')).toBe('');
    expect(render('{{cloze:T}}', ctx({ T: text }, 1), 'question')).toBe('ser and estar mean [...]');
  });
});
