import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ScreenHeader } from '../../../src/ui/components/ScreenHeader.js';

describe('ScreenHeader', () => {
  it('cuts a long title on a narrow line and keeps the right side whole, on one line', () => {
    const view = render(
      <Box width={40}>
        <ScreenHeader title="Databricks Jobs — REST API & CLI">
          <Text>New 20 · Learn 0 · Review 0</Text>
        </ScreenHeader>
      </Box>,
    );
    const lines = view.lastFrame()!.split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Databricks .*… New 20 · Learn 0 · Review 0$/);
  });

  it('leaves a title that fits as it is', () => {
    const view = render(
      <Box width={80}>
        <ScreenHeader title="Spanish">
          <Text>Question 1 of 20</Text>
        </ScreenHeader>
      </Box>,
    );
    expect(view.lastFrame()).toMatch(/^Spanish\s+Question 1 of 20$/);
  });
});
