import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { finishQuiz, type QuizPlan, sendMissedToReview } from '../../src/app/quiz.js';
import type { Recorder } from '../../src/app/recorder.js';
import { buildQuiz, type QuizQuestion } from '../../src/core/quiz-build.js';
import type { QuizAnswer } from '../../src/core/quiz-score.js';
import { type QuizSession, quizReducer, startQuiz } from '../../src/core/quiz-session.js';
import { appendQuizResult, readQuizHistory } from '../../src/store/quiz-history.js';
import { displayWidth } from '../../src/text/width.js';
import { Quiz, type QuizDeps } from '../../src/ui/screens/Quiz.js';
import { QuizResult } from '../../src/ui/screens/QuizResult.js';
import { choiceQ, typedQ } from '../core/quiz-cards.js';
import { eventually, frameMatching, renderAt, scrollCardToEnd } from '../support/ink.js';

const t0 = Date.parse('2026-03-30T20:00:00Z');

/** Three typed questions and one choice question, in a fixed order (the seed decides it). */
const cards = [
  typedQ('capital', 'Capital of France?', ['Paris'], { tags: ['geo'], explain: 'Since 508.' }),
  typedQ('six', 'Six times seven?', ['42'], { tags: ['maths'] }),
  typedQ('h2o', 'Formula of water?', ['H2O'], { tags: ['chem'] }),
  choiceQ('red', 'Which is a colour?', ['red', 'run', 'rut', 'rip'], [0], { tags: ['geo'] }),
];
const questions = buildQuiz(cards, { seed: 'ui', count: 4 });

function plan(qs: readonly QuizQuestion[] = questions, minutes?: number): QuizPlan {
  return {
    title: 'Test deck',
    questions: qs,
    seed: 'ui',
    ...(minutes === undefined ? {} : { minutes }),
    selection: { decks: ['d'], tags: [] },
    retake: 'recall quiz --count 4 --seed ui',
    typos: 'wrong',
  };
}

/** A fake clock the test moves, and a timer the test fires. */
function fakeTime() {
  let now = t0;
  let tick: (() => void) | null = null;
  const deps: QuizDeps = {
    now: () => now,
    every: (fn) => {
      tick = fn;
      return () => {
        tick = null;
      };
    },
  };
  return {
    deps,
    set: (seconds: number) => {
      now = t0 + seconds * 1000;
    },
    tick: () => tick?.(),
  };
}

function setup(minutes?: number) {
  const time = fakeTime();
  let ended: QuizSession | null = null;
  let left = false;
  const view = render(
    <Quiz
      title="Test deck"
      initial={startQuiz(questions, t0, minutes)}
      deps={time.deps}
      width={100}
      onEnd={(s) => {
        ended = s;
      }}
      onLeave={() => {
        left = true;
      }}
    />,
  );
  return { view, time, ended: (): QuizSession | null => ended, left: () => left };
}

/** Answers the question on screen: the right answer, or a wrong one. */
async function answer(view: ReturnType<typeof render>, k: number, right: boolean) {
  const frame = await frameMatching(view.lastFrame, `Question ${k} of 4`);
  const q = questions[k - 1]!;
  if (q.kind === 'choice') {
    const letter = /([a-d])\) red/.exec(frame)![1]!;
    const chosen = right ? letter : letter === 'a' ? 'b' : 'a';
    view.stdin.write(chosen);
    await frameMatching(view.lastFrame, `• ${chosen})`);
    view.stdin.write('\r');
  } else {
    view.stdin.write(right ? q.accepted[0]! : 'no idea');
    await frameMatching(view.lastFrame, right ? `› ${q.accepted[0]}` : '› no idea');
    view.stdin.write('\r');
  }
}

describe('Quiz screen', () => {
  it('says before the first question that fewer questions than asked for could be set', async () => {
    const view = render(
      <Quiz
        title="Test deck"
        notice="only 4 questions available (of 20 asked for)"
        initial={startQuiz(questions, t0)}
        deps={fakeTime().deps}
        width={100}
        onEnd={() => {}}
        onLeave={() => {}}
      />,
    );
    await frameMatching(view.lastFrame, 'only 4 questions available (of 20 asked for)');
    await answer(view, 1, true);
    await frameMatching(view.lastFrame, 'Question 2 of 4');
    expect(view.lastFrame()).not.toContain('only 4 questions');
  });

  it('shows question k of N and gives no feedback before the end', async () => {
    const { view, ended } = setup();
    expect(view.lastFrame()).toContain('Question 1 of 4');
    expect(view.lastFrame()).not.toContain(' left');
    for (let k = 1; k <= 3; k++) {
      await answer(view, k, k !== 2);
      const frame = await frameMatching(view.lastFrame, `Question ${k + 1} of 4`);
      expect(frame).not.toMatch(/✓|✗|correct|wrong|right answer/i);
    }
    expect(ended()).toBeNull();
    await answer(view, 4, true);
    await frameMatching(view.lastFrame, 'Every question is answered.');
    expect(ended()).toBeNull();
    view.stdin.write('y');
    await eventually(() => expect(ended()!.answers.filter((a) => a !== null)).toHaveLength(4));
  });

  it('keeps q as text in a typed answer and asks before ending the test on Esc', async () => {
    const { view, ended, left } = setup();
    const first = questions[0]!;
    expect(first.kind).toBe('typed');
    view.stdin.write('q');
    await frameMatching(view.lastFrame, '› q');
    view.stdin.write('\x1b');
    await frameMatching(view.lastFrame, '4 questions blank (they count as wrong)');
    view.stdin.write('n');
    await frameMatching(view.lastFrame, /^(?![\s\S]*Hand in the test)/);
    view.stdin.write('\x1b');
    await frameMatching(view.lastFrame, 'Hand in the test?');
    view.stdin.write('y');
    await eventually(() => expect(ended()!.endedAt).toEqual(t0));
    expect(ended()!.answers.every((a) => a === null)).toBe(true);
    expect(left()).toBe(false);
  });

  it('leaves without a result only on x: Esc twice goes back to the test', async () => {
    const { view, ended, left } = setup();
    view.stdin.write('\x1b');
    await frameMatching(view.lastFrame, 'Hand in the test?');
    expect(view.lastFrame()).toContain('x leave without a result');
    view.stdin.write('\x1b');
    await frameMatching(view.lastFrame, /^(?![\s\S]*Hand in the test)/);
    expect(left()).toBe(false);
    view.stdin.write('\x1b');
    await frameMatching(view.lastFrame, 'Hand in the test?');
    view.stdin.write('x');
    await eventually(() => expect(left()).toBe(true));
    expect(ended()).toBeNull();
  });

  it('counts down with --time and ends the test when the clock passes the deadline', async () => {
    const { view, time, ended } = setup(2);
    expect(view.lastFrame()).toContain('02:00 left');
    await answer(view, 1, true);
    time.set(61);
    time.tick();
    await frameMatching(view.lastFrame, '00:59 left');
    expect(ended()).toBeNull();
    time.set(120);
    time.tick();
    await eventually(() => expect(ended()).not.toBeNull());
    const s = ended()!;
    expect(s.timedOut).toBe(true);
    expect(s.endedAt).toBe(t0 + 120_000);
    expect(s.answers.filter((a) => a !== null)).toHaveLength(1);
  });
});

const LEFT = '\x1b[D';
const RIGHT = '\x1b[C';
const DOWN = '\x1b[B';
const TAB = '\t';
const CTRL_F = '\x06';
const choiceAt = questions.findIndex((q) => q.kind === 'choice');

describe('Quiz screen as an exam', () => {
  it('takes a choice only on Enter, and changes it from an earlier question', async () => {
    const { view, ended } = setup();
    for (let k = 0; k < choiceAt; k++) view.stdin.write(RIGHT);
    const here = `Question ${choiceAt + 1} of 4`;
    await frameMatching(view.lastFrame, here);
    view.stdin.write('a');
    await frameMatching(view.lastFrame, '• a)');
    view.stdin.write('b');
    const chosen = await frameMatching(view.lastFrame, '• b)');
    expect(chosen).not.toContain('• a)');
    expect(chosen).toContain(here);
    expect(chosen).toContain('enter confirm');
    view.stdin.write('\r');
    await frameMatching(view.lastFrame, /^(?![\s\S]*• b\))/);
    view.stdin.write(LEFT);
    await frameMatching(view.lastFrame, here);
    await frameMatching(view.lastFrame, '• b)');
    view.stdin.write('c');
    await frameMatching(view.lastFrame, '• c)');
    view.stdin.write('\r');
    await frameMatching(view.lastFrame, /^(?![\s\S]*• c\))/);
    view.stdin.write('\x1b');
    await frameMatching(view.lastFrame, '3 questions blank (they count as wrong)');
    view.stdin.write('y');
    await eventually(() => expect(ended()).not.toBeNull());
    expect(ended()!.answers[choiceAt]).toEqual({ kind: 'choice', picked: [2] });
    expect(ended()!.answers.filter((a) => a !== null)).toHaveLength(1);
  });

  it('keeps a typed answer to change, and moving on without Enter leaves it blank', async () => {
    const { view, ended } = setup();
    expect(questions[0]!.kind).toBe('typed');
    view.stdin.write('draft');
    await frameMatching(view.lastFrame, '› draft');
    view.stdin.write(RIGHT);
    await frameMatching(view.lastFrame, 'Question 2 of 4');
    view.stdin.write(LEFT);
    const back = await frameMatching(view.lastFrame, 'Question 1 of 4');
    expect(back).not.toContain('draft');
    view.stdin.write('first\r');
    await frameMatching(view.lastFrame, 'Question 2 of 4');
    view.stdin.write(LEFT);
    await frameMatching(view.lastFrame, '› first');
    for (let i = 0; i < 5; i++) view.stdin.write('\x7f');
    await frameMatching(view.lastFrame, /›\s*$/m);
    view.stdin.write('second\r');
    await frameMatching(view.lastFrame, 'Question 2 of 4');
    view.stdin.write('\x1b');
    await frameMatching(view.lastFrame, 'Hand in the test?');
    view.stdin.write('y');
    await eventually(() => expect(ended()).not.toBeNull());
    expect(ended()!.answers[0]).toEqual({ kind: 'typed', text: 'second' });
  });

  it.each([
    [80, 24],
    [40, 15],
  ])(
    'at %i×%i the list counts a flagged question as answered or blank too, and its row says both',
    async (w, h) => {
      // 1 flagged and answered, 2 flagged and blank, 3 answered, 4 blank.
      const answerTo = (q: QuizQuestion): QuizAnswer =>
        q.kind === 'choice' ? { kind: 'choice', picked: [0] } : { kind: 'typed', text: 'x' };
      const session = [
        { type: 'flag' },
        { type: 'answer', answer: answerTo(questions[0]!), at: t0 },
        { type: 'flag' },
        { type: 'move', by: 1 },
        { type: 'answer', answer: answerTo(questions[2]!), at: t0 },
        { type: 'openList' },
      ].reduce(
        (s, a) => quizReducer(s, a as Parameters<typeof quizReducer>[1]),
        startQuiz(questions, t0),
      );
      expect(session.view).toBe('list');
      const view = renderAt(
        <Quiz
          title="Test deck"
          initial={session}
          deps={fakeTime().deps}
          width={w}
          height={h}
          onEnd={() => {}}
          onLeave={() => {}}
        />,
        w,
        h,
      );
      const list = await frameMatching(view.lastFrame, /answered ·/);
      expect(list).toContain('2 answered · 2 blank · 2 flagged');
      expect(list).toMatch(/^ [ ›] 1 answered flagged \S/m);
      expect(list).toMatch(/^ [ ›] 2 blank {4}flagged \S/m);
      expect(list).toMatch(/^ [ ›] 3 answered {9}\S/m);
      expect(list).toMatch(/^ [ ›] 4 blank {12}\S/m);
      for (const line of list.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(w);
      expect(list.split('\n').length).toBeLessThan(h);
    },
  );

  it('flags a question, lists every question as answered, flagged or blank, and jumps to one', async () => {
    const { view, ended } = setup();
    view.stdin.write(CTRL_F);
    await frameMatching(view.lastFrame, 'Question 1 of 4 · flagged');
    view.stdin.write(RIGHT);
    await frameMatching(view.lastFrame, 'Question 2 of 4');
    view.stdin.write(TAB);
    const list = await frameMatching(view.lastFrame, '0 answered · 4 blank · 1 flagged');
    expect(list).toMatch(/^\s+1 blank {4}flagged /m);
    expect(list).toMatch(/^ › 2 blank /m);
    view.stdin.write(DOWN);
    await frameMatching(view.lastFrame, /^ › 3 blank /m);
    view.stdin.write('\r');
    await frameMatching(view.lastFrame, 'Question 3 of 4');
    view.stdin.write('\x1b');
    const ask = await frameMatching(view.lastFrame, 'Hand in the test?');
    expect(ask).toContain('4 questions blank (they count as wrong) · 1 question flagged');
    view.stdin.write('n');
    await frameMatching(view.lastFrame, 'Question 3 of 4');
    expect(ended()).toBeNull();
  });

  const long = buildQuiz(
    [
      choiceQ(
        'long',
        'Which one holds?',
        [
          'A job is the definition: tasks, clusters, schedule',
          'A run is the definition',
          'A run holds every setting',
          'A job is one execution',
        ],
        [0],
      ),
    ],
    { seed: 'x', count: 1 },
  );

  it.each([
    [80, 24],
    [40, 15],
  ])(
    'at %i×%i keeps the header on top, the keys whole and wrapped, choices hanging',
    async (w, h) => {
      const view = render(
        <Quiz
          title="Databricks Jobs — REST API & CLI, the long deck title"
          notice="only 1 question available (of 20 asked for)"
          initial={startQuiz(long, t0, 30)}
          deps={fakeTime().deps}
          width={w}
          height={h}
          onEnd={() => {}}
          onLeave={() => {}}
        />,
      );
      const frame = await frameMatching(view.lastFrame, 'hand in');
      const lines = frame.split('\n');
      expect(lines.length).toBeLessThanOrEqual(h - 1);
      for (const line of lines) expect(line.trimEnd().length).toBeLessThanOrEqual(w);
      expect(lines[0]).toMatch(/^ Mock test · /);
      expect(frame).toContain('Question 1 of 1');
      expect(frame).toContain('30:00 left');
      // Every key hint is there, none cut: `? keys` and the way out included.
      for (const hint of [
        'a–d choose',
        '←→ question',
        'm flag',
        'tab list',
        '? keys',
        'esc hand in',
      ])
        expect(frame).toContain(hint);
      // A wrapped choice (at 40 columns) continues under its text, not under its letter.
      const at = lines.findIndex((l) => /[a-d]\) A job is the definition/.test(l));
      expect(at, frame).toBeGreaterThan(0);
      if (w < 50) expect(lines[at + 1]).toMatch(/^ {6}\S/);
    },
  );
});

/** The quiz history in `dir`, as the progress store writes it. */
const historyIn = (dir: string) => ({
  appendQuiz: (r: Parameters<typeof appendQuizResult>[1]) => appendQuizResult(dir, r),
});

describe('Quiz result screen', () => {
  async function finished(rightAnswers: boolean[]) {
    const { view, ended } = setup();
    for (let k = 1; k <= 4; k++) await answer(view, k, rightAnswers[k - 1]!);
    await frameMatching(view.lastFrame, 'Hand in the test?');
    view.stdin.write('y');
    await eventually(() => expect(ended()).not.toBeNull());
    view.unmount();
    const dir = mkdtempSync(join(tmpdir(), 'recall-quiz-ui-'));
    return { outcome: finishQuiz(plan(), ended()!, historyIn(dir), t0), dir };
  }

  /** Answers every question of `quiz` with `text` (none: left blank), hands it in, and
   * scores it: the outcome the result screen shows. */
  function handedIn(quiz: ReturnType<typeof buildQuiz>, text?: string) {
    let s = startQuiz(quiz, t0);
    if (text !== undefined) {
      for (const _ of quiz) {
        s = quizReducer(s, { type: 'answer', answer: { kind: 'typed', text }, at: t0 + 1 });
      }
    }
    s = quizReducer(s, { type: 'finish', at: t0 + 1000 });
    const dir = mkdtempSync(join(tmpdir(), 'recall-quiz-ui-'));
    return finishQuiz({ ...plan(quiz) }, s, historyIn(dir), t0 + 1000);
  }

  function showResult(outcome: ReturnType<typeof finishQuiz>, height = 40, width = 100) {
    const flagged: { key: string; reason: string }[] = [];
    const recorder = {
      flag: (key: string, _now: number, reason: string) => flagged.push({ key, reason }),
    } as unknown as Recorder;
    let closed = false;
    const view = render(
      <QuizResult
        outcome={outcome}
        sendToReview={() => sendMissedToReview(recorder, outcome.result, t0)}
        width={width}
        height={height}
        onClose={() => {
          closed = true;
        }}
      />,
    );
    return { view, flagged, closed: () => closed };
  }

  const wrongOn = (...ids: string[]) => questions.map((q) => !ids.some((id) => q.id === `d/${id}`));

  it('shows the score, the per-tag breakdown, and each missed question with the right answer', async () => {
    const { outcome, dir } = await finished(wrongOn('capital', 'red'));
    const { view } = showResult(outcome);
    const frame = view.lastFrame()!;
    expect(frame).toContain('Score 2/4 · 50%');
    expect(frame).toMatch(/geo\s+0\/2\s+0%/);
    expect(frame).toMatch(/maths\s+1\/1\s+100%/);
    expect(frame).toContain('Missed 2');
    expect(frame).toContain('Capital of France?');
    expect(frame).toContain('you answered ✗ no idea');
    expect(frame).toContain('right answer ✓ Paris');
    expect(frame).toContain('Since 508.');
    expect(frame).toContain('Which is a colour?');
    expect(frame).toContain('right answer ✓ red');
    expect(frame).toContain('seed ui');
    expect(frame).toContain('Retake: recall quiz --count 4 --seed ui');
    const history = await readQuizHistory(dir);
    expect(history.results.map((r) => [r.correct, r.count, r.seed])).toEqual([[2, 4, 'ui']]);
  });

  it('lists an answer counted right with a typo after the missed ones, with its spelling', async () => {
    let session = startQuiz(questions, t0);
    for (const q of questions) {
      const answer: QuizAnswer =
        q.kind === 'choice'
          ? { kind: 'choice', picked: [...q.correct] }
          : { kind: 'typed', text: q.id === 'd/capital' ? 'Pari' : 'no idea' };
      session = quizReducer(session, { type: 'answer', answer, at: t0 + 1000 });
    }
    const dir = mkdtempSync(join(tmpdir(), 'recall-quiz-ui-'));
    const outcome = finishQuiz({ ...plan(), typos: 'right' }, session, historyIn(dir), t0 + 1000);
    const frame = showResult(outcome).view.lastFrame()!;
    expect(frame).toContain('Score 2/4 · 50%');
    expect(frame).toContain('Missed 2 · right with a typo 1');
    expect(frame).toContain('you typed ~ Pari');
    expect(frame).toContain('spelt ✓ Paris');
  });

  it('r sends the missed cards to review as flags and says how many', async () => {
    const { outcome } = await finished(wrongOn('six', 'h2o', 'red'));
    const { view, flagged } = showResult(outcome);
    view.stdin.write('r');
    await frameMatching(view.lastFrame, 'Sent 3 cards to review');
    view.stdin.write('r');
    await eventually(() =>
      expect(flagged.map((f) => f.key).sort()).toEqual(['d/h2o', 'd/red', 'd/six']),
    );
    expect(flagged.every((f) => f.reason === 'quiz')).toBe(true);
  });

  it('scrolls the missed list when it does not fit the terminal', async () => {
    const { outcome } = await finished([false, false, false, false]);
    const { view } = showResult(outcome, 14);
    const frame = view.lastFrame()!;
    expect(frame).toMatch(/Missed 4 \(\d of 4 shown\)/);
    expect(frame).toContain('PgUp/PgDn page');
    expect(frame).not.toMatch(/^\s*4\.\s/m);
    view.stdin.write('\x1b[6~');
    await frameMatching(view.lastFrame, /^ 4\. /m);
    expect(view.lastFrame()).not.toMatch(/^ 1\. /m);
    view.stdin.write('\x1b[5~');
    await frameMatching(view.lastFrame, /^ 1\. /m);
  });

  it.each([
    [40, 24],
    [20, 30],
  ])('fits %i×%i with a row spare, measuring each missed question as it wraps', async (w, h) => {
    const { outcome } = await finished([false, false, false, false]);
    const { view } = showResult(outcome, h, w);
    const frame = view.lastFrame()!;
    expect(frame.split('\n').length).toBeLessThanOrEqual(h - 1);
    for (const line of frame.split('\n')) expect(line.trimEnd().length).toBeLessThanOrEqual(w);
    expect(frame).toMatch(/^ 1\. /m);
    expect(frame).toMatch(/--seed\s+ui/);
  });

  it.each([
    [80, 24, 4],
    [40, 15, 1],
  ])(
    'at %i×%i shows the score on top and pages of missed questions (%i or more)',
    async (w, h, least) => {
      const many = buildQuiz(
        Array.from({ length: 12 }, (_, i) =>
          typedQ(`q${i}`, `Question number ${i + 1}?`, [`answer${i}`], {
            tags: [i % 2 ? 'odd' : 'even'],
            explain: `Because ${i + 1} is what it is.`,
          }),
        ),
        { seed: 'many', count: 12 },
      );
      const outcome = handedIn(many, 'no');
      const { view } = showResult(outcome, h, w);
      const frame = view.lastFrame()!;
      const lines = frame.split('\n');
      expect(lines.length).toBeLessThanOrEqual(h - 1);
      for (const line of lines) expect(line.trimEnd().length).toBeLessThanOrEqual(w);
      expect(lines.slice(0, 3).join('\n')).toContain('Score 0/12 · 0%');
      const numbers = (f: string) => [...f.matchAll(/^ (\d+)\. /gm)].map((m) => Number(m[1]));
      const first = numbers(frame);
      expect(first.length).toBeGreaterThanOrEqual(least);
      expect(frame).toContain('PgUp/PgDn page');
      view.stdin.write('\x1b[6~');
      await frameMatching(view.lastFrame, new RegExp(`^ ${first.at(-1)! + 1}\\. `, 'm'));
      const second = view.lastFrame()!;
      expect(numbers(second)[0]).toBe(first.at(-1)! + 1);
      expect(second.split('\n').slice(0, 3).join('\n')).toContain('Score 0/12 · 0%');
    },
  );

  // Missed questions as the shipped deck makes them: prompts, answers and explanations that
  // wrap over several rows at 80 columns. Each is kept compact (prompt cut to two rows, one
  // line of answers, the explanation's first row), so a page holds four or more.
  it.each([
    [80, 24, 4],
    [40, 15, 1],
  ])(
    'at %i×%i keeps long missed questions compact: %i or more a page, the score on top',
    async (w, h, least) => {
      const long = (i: number) =>
        `Scenario ${i + 1}: your nightly pipeline failed half-way through its third task, and the team asks you to rerun only what failed without starting a whole fresh run of every task in it. Which call?`;
      const many = buildQuiz(
        Array.from({ length: 8 }, (_, i) =>
          typedQ(
            `q${i}`,
            long(i),
            [`POST /api/2.2/jobs/runs/repair with run_id ${i} and the failed task keys listed`],
            {
              explain: `Repair reruns only the failed tasks and their downstream tasks of run ${i}; run-now would start a whole fresh run. The lesson: "repair is the retry you want".`,
            },
          ),
        ),
        { seed: 'long', count: 8 },
      );
      const outcome = handedIn(many, 'POST /api/2.2/jobs/run-now with the job_id of the pipeline');
      const { view } = showResult(outcome, h, w);
      const frame = view.lastFrame()!;
      const lines = frame.split('\n');
      expect(lines.length).toBeLessThanOrEqual(h - 1);
      for (const line of lines) expect(line.trimEnd().length).toBeLessThanOrEqual(w);
      expect(lines.slice(0, 3).join('\n')).toContain('Score 0/8 · 0%');
      const numbers = [...frame.matchAll(/^ (\d+)\. /gm)].map((m) => Number(m[1]));
      expect(numbers.length).toBeGreaterThanOrEqual(least);
      expect(numbers).toEqual(numbers.map((_, k) => numbers[0]! + k));
      // Each shown question says what was answered and what is right, on a row of its own.
      expect(frame.match(/you answered ✗/g)?.length).toBeGreaterThanOrEqual(least);
      if (w >= 80) {
        expect(frame.match(/right answer ✓ POST/g)?.length).toBe(numbers.length);
        expect(frame.match(/Repair reruns only/g)?.length).toBe(numbers.length);
      }
      expect(frame).toContain('PgUp/PgDn page');
    },
  );

  // Seed s2 of the shipped deck at 80×24: "which are called with POST?" missed by leaving out
  // run-now showed "right answer ✓ …/runs/repair · …/create ·" and no run-now, the one the
  // student had to learn: the answers row was cut where it wrapped, with no mark.
  it('keeps the right choices that were not picked in view when it cuts the answers row', async () => {
    const long = (i: number) =>
      `Question ${i + 1}: of the endpoints below, which of them does the lesson list as called with the POST verb in Jobs API 2.2, and why?`;
    const many = buildQuiz(
      Array.from({ length: 8 }, (_, i) =>
        choiceQ(
          `m${i}`,
          long(i),
          [
            `/api/2.2/jobs/create for pipeline ${i}`,
            `/api/2.2/jobs/runs/repair for pipeline ${i}`,
            `/api/2.2/jobs/run-now for pipeline ${i}`,
            `/api/2.2/jobs/get for pipeline ${i}`,
          ],
          [0, 1, 2],
          { explain: 'POST: jobs/create, jobs/run-now, jobs/runs/repair.' },
        ),
      ),
      { seed: 'multi', count: 8 },
    );
    let s = startQuiz(many, t0);
    for (const q of many) {
      if (q.kind !== 'choice') continue;
      const picked = [0, 1]
        .map((k) => q.choices.indexOf(q.card.kind === 'choice' ? q.card.choices[k]! : ''))
        .filter((i) => i >= 0);
      s = quizReducer(s, { type: 'answer', answer: { kind: 'choice', picked }, at: t0 + 1 });
    }
    s = quizReducer(s, { type: 'finish', at: t0 + 1000 });
    const dir = mkdtempSync(join(tmpdir(), 'recall-quiz-ui-'));
    const outcome = finishQuiz({ ...plan(many) }, s, historyIn(dir), t0 + 1000);
    const frame = showResult(outcome, 24, 80).view.lastFrame()!;
    const numbers = [...frame.matchAll(/^ (\d+)\. /gm)].map((m) => Number(m[1]));
    expect(numbers.length).toBeGreaterThanOrEqual(4);
    // Each question's right choice not picked, run-now, comes first; the cut is marked.
    expect(frame.match(/right answer ✓ \/api\/2\.2\/jobs\/run-now/g)?.length).toBe(numbers.length);
    expect(frame.match(/right answer ✓ .*…$/gm)?.length).toBe(numbers.length);
  });

  it('cuts a missed question taller than a 40×15 screen, the score kept on top', async () => {
    const long = buildQuiz(
      [
        typedQ('long', 'Which endpoints act on the job?', ['jobs/get'], {
          explain: Array.from({ length: 30 }, (_, i) => `word${i} of a long explanation`).join(' '),
        }),
      ],
      { seed: 'long', count: 1 },
    );
    const outcome = handedIn(long);
    const frame = showResult(outcome, 15, 40).view.lastFrame()!;
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(14);
    expect(lines.slice(0, 3).join('\n')).toContain('Score 0/1 · 0%');
    expect(frame).toContain('q quit');
  });

  // A test over the shipped deck's eight tags, one question missed: at 80×24 the tags were cut
  // to two rows ("… and 3 more") over a screen whose lower half was empty.
  it.each([
    [80, 24],
    [40, 15],
  ])('at %i×%i gives the tags the rows the missed questions leave', (w, h) => {
    const tags = ['anchor', 'lesson-prompt', 'endpoints', 'pagination', 'cli', 'dabs'];
    const quiz = buildQuiz(
      [...tags, 'landscape', 'api-version'].flatMap((tag, i) =>
        [0, 1].map((k) =>
          typedQ(`${tag}${k}`, `Question ${i}.${k} about ${tag}?`, [`answer${i}x${k}`], {
            tags: ['databricks', 'jobs', tag],
          }),
        ),
      ),
      { seed: 'tags', count: 16 },
    );
    let s = startQuiz(quiz, t0);
    quiz.forEach((q, i) => {
      const text = i === 0 ? 'no idea' : q.kind === 'typed' ? q.accepted[0]! : '';
      s = quizReducer(s, { type: 'go', to: i });
      s = quizReducer(s, { type: 'answer', answer: { kind: 'typed', text }, at: t0 + 1 });
    });
    s = quizReducer(s, { type: 'finish', at: t0 + 1000 });
    const outcome = finishQuiz(
      plan(quiz),
      s,
      historyIn(mkdtempSync(join(tmpdir(), 'rq-'))),
      t0 + 1000,
    );
    const frame = showResult(outcome, h, w).view.lastFrame()!;
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(h - 1);
    for (const line of lines) expect(line.trimEnd().length).toBeLessThanOrEqual(w);
    expect(lines.slice(0, 3).join('\n')).toContain('Score 15/16');
    expect(frame).toContain('Missed 1');
    expect(frame).toMatch(/^ 1\. /m);
    expect(frame).toContain('By tag:');
    if (w >= 80) {
      // Every tag is there, none counted away, and the retake line under them.
      expect(frame).not.toMatch(/and \d+ more/);
      for (const tag of [...tags, 'landscape', 'api-version'])
        expect(frame).toMatch(new RegExp(`\\b${tag} \\d`));
      expect(frame).toContain('Retake:');
    } else {
      // Tags counted away only when every row is taken.
      expect(frame).toMatch(/and \d+ more/);
      expect(lines.length).toBe(h - 1);
    }
  });

  it('says when time ran out and counts unanswered questions as missed', async () => {
    const { view, time, ended } = setup(1);
    await answer(view, 1, true);
    time.set(60);
    time.tick();
    await eventually(() => expect(ended()).not.toBeNull());
    view.unmount();
    const outcome = finishQuiz(
      plan(questions, 1),
      ended()!,
      historyIn(mkdtempSync(join(tmpdir(), 'rq-'))),
      t0,
    );
    const result = showResult(outcome).view.lastFrame()!;
    expect(result).toContain('Score 1/4 · 25% · time 1m 00s (time up)');
    // A blank question says so in two words, not `you answered (not answered)`.
    expect(result).toContain('not answered · right answer');
    expect(result).not.toContain('you answered (not answered)');
  });

  it('closes with q', async () => {
    const { outcome } = await finished([true, true, true, true]);
    const { view, closed } = showResult(outcome);
    expect(view.lastFrame()).toContain('No question missed.');
    expect(view.lastFrame()).not.toContain('send missed to review');
    view.stdin.write('q');
    await eventually(() => expect(closed()).toBe(true));
  });
});

describe('Quiz screen, a question taller than the screen', () => {
  const paths = ['runs/list', 'create', 'run-now', 'runs/get', 'list', 'runs/repair', 'get'];
  const long = buildQuiz(
    [
      choiceQ(
        'job-endpoints',
        'Which of these endpoints act on the **job** (the definition, the recipe), not on a run?',
        paths.map((p) => `/api/2.2/jobs/${p}`),
        [1, 2, 4, 6],
      ),
    ],
    { seed: 'tall', count: 1 },
  );
  const draw = (columns: number, rows: number) =>
    renderAt(
      <Quiz
        title="Test deck"
        initial={startQuiz(long, t0)}
        deps={fakeTime().deps}
        width={columns}
        height={rows}
        onEnd={() => {}}
        onLeave={() => {}}
      />,
      columns,
      rows,
    );

  it('at 40×15 scrolls with the arrows to every choice, inside the screen', async () => {
    const view = draw(40, 15);
    expect(await frameMatching(view.lastFrame, /↓ \d+ more/)).toContain('↑↓ scroll');
    expect((await scrollCardToEnd(view, 15)).letters).toBe('abcdefg');
    // The question list's ↑↓ are the list's, and back on the question it starts at its top.
    view.stdin.write('\t');
    await frameMatching(view.lastFrame, /blank/);
    view.stdin.write('\x1b');
    const back = await frameMatching(view.lastFrame, 'Which of these endpoints');
    expect(back).not.toMatch(/↑ \d+ more/);
  });

  it('at 80×24 fits whole: no scroll line, no scroll hint', async () => {
    const frame = await frameMatching(draw(80, 24).lastFrame, 'g) /api');
    expect(frame).not.toMatch(/[↑↓] \d+ more/);
    expect(frame).not.toContain('scroll');
  });
});
