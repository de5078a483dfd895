import { Text } from 'ink';
import { describe, expect, it } from 'vitest';
import { CLEAR_SCREEN, RedrawOnResize } from '../../../src/ui/components/RedrawOnResize.js';
import { eventually, renderAt } from '../../support/ink.js';

describe('RedrawOnResize', () => {
  it('clears the screen on a resize, then draws the same frame whole again', async () => {
    const writes: string[] = [];
    const view = renderAt(
      <RedrawOnResize>
        <Text>same at any width</Text>
      </RedrawOnResize>,
      80,
      24,
      (w) => writes.push(w),
    );
    await eventually(() => expect(view.lastFrame()).toContain('same at any width'));
    writes.length = 0;
    view.resize({ columns: 100, rows: 30 });
    // The frame reads the same at the new width; it is drawn again after the clear anyway.
    await eventually(() => {
      const clear = writes.indexOf(CLEAR_SCREEN);
      expect(clear).toBeGreaterThanOrEqual(0);
      expect(writes.slice(clear + 1).some((w) => w.includes('same at any width'))).toBe(true);
    });
    view.unmount();
  });
});
