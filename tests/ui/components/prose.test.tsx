import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { dropWrapSpace, Prose } from '../../../src/ui/components/Prose.js';
import { RichText } from '../../../src/ui/components/RichText.js';

// The shipped deck's explanation of endpoint-for-intent: its first row fills 78 columns exactly.
const explain =
  'Job = definition; run = one execution. Every endpoint acts on one or the other — that’s how you pick it.';

const rows = (frame: string | undefined) => (frame ?? '').split('\n');

describe('prose wrapped by Ink', () => {
  it('starts no wrapped row with the space it broke at', () => {
    for (const node of [<RichText key="r" text={explain} />, <Prose key="p">{explain}</Prose>]) {
      const view = render(<Box width={78}>{node}</Box>);
      const [first, second] = rows(view.lastFrame());
      expect(first).toHaveLength(78);
      expect(second).toBe('— that’s how you pick it.');
      view.unmount();
    }
  });

  it('wraps by the widths Ink measures with: © is one column', () => {
    // Ink measures text with string-width 8 (© one column); wrap-ansi had its own string-width 7,
    // which takes © for an emoji two columns wide, and broke after the first word.
    const view = render(
      <Box width={12}>
        <Prose>{'©©©©©© ©©©© abc'}</Prose>
      </Box>,
    );
    expect(rows(view.lastFrame())).toEqual(['©©©©©© ©©©©', 'abc']);
    view.unmount();
  });

  it('keeps bold and code spans and their colours on a wrapped row', () => {
    const view = render(
      <Box width={20}>
        <RichText text={'run it with `databricks jobs run-now` and **wait** for it'} />
      </Box>,
    );
    for (const row of rows(view.lastFrame()).slice(1)) expect(row).not.toMatch(/^ /);
    view.unmount();
  });

  it('leaves the first row and rows opened by colour codes alone but for the space', () => {
    expect(dropWrapSpace('  indented', 0)).toBe('  indented');
    expect(dropWrapSpace(' next', 1)).toBe('next');
    expect(dropWrapSpace('\x1b[1m\x1b[36m word', 2)).toBe('\x1b[1m\x1b[36mword');
    expect(dropWrapSpace('word', 3)).toBe('word');
  });
});
