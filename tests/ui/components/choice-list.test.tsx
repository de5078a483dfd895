import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ChoiceList } from '../../../src/ui/components/ChoiceList.js';

const choices = ['jobs/get', 'jobs/runs/list', 'jobs/run-now', 'jobs/list'];
const frame = (picked: number[], correct?: number[]) => {
  const view = render(
    <ChoiceList
      choices={choices}
      picked={new Set(picked)}
      correct={correct ? new Set(correct) : undefined}
    />,
  );
  const out = view.lastFrame()!;
  view.unmount();
  return out.split('\n');
};

describe('the choices of a choice card', () => {
  it('mark picks with • until the answer is shown', () => {
    expect(frame([0, 2])).toEqual([
      '• a) jobs/get',
      '  b) jobs/runs/list',
      '• c) jobs/run-now',
      '  d) jobs/list',
    ]);
  });

  it('once shown, mark the right ones, a wrong pick, and the right ones a partial answer missed', () => {
    expect(frame([0, 1], [0, 2, 3])).toEqual([
      '✓ a) jobs/get  ← your pick',
      '✗ b) jobs/runs/list  ← your pick',
      '✓ c) jobs/run-now  ← missed',
      '✓ d) jobs/list  ← missed',
    ]);
  });

  it('with one right answer, the ✓ beside a wrong pick says enough', () => {
    expect(frame([1], [0])).toEqual([
      '✓ a) jobs/get',
      '✗ b) jobs/runs/list  ← your pick',
      '  c) jobs/run-now',
      '  d) jobs/list',
    ]);
  });
});

describe('the choices at 40 columns', () => {
  it('never split `← your pick` across lines: it wraps whole under the choice', () => {
    const view = render(
      <Box width={38} flexDirection="column">
        <ChoiceList
          choices={['/api/2.2/jobs/get', '/api/2.2/jobs/run-now']}
          picked={new Set([1])}
          correct={new Set([1])}
        />
      </Box>,
    );
    const lines = view
      .lastFrame()!
      .split('\n')
      .map((l) => l.trimEnd());
    view.unmount();
    expect(lines).toEqual([
      '  a) /api/2.2/jobs/get',
      '✓ b) /api/2.2/jobs/run-now',
      '     ← your pick',
    ]);
  });
});
