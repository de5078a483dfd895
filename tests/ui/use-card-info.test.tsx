import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { CardInfo } from '../../src/app/card-info.js';
import type { Card } from '../../src/core/card.js';
import { useCardInfo } from '../../src/ui/hooks/use-card-info.js';
import { basic } from '../support/cards.js';
import { eventually } from '../support/ink.js';

/** Reads that end when the test says, in any order. */
function deferredReads() {
  const pending: { card: Card; end: (info: CardInfo) => void; fail: (e: Error) => void }[] = [];
  const read = (card: Card) =>
    new Promise<CardInfo>((end, fail) => {
      pending.push({ card, end, fail });
    });
  return { read, pending };
}

const infoOf = (card: Card) => ({ card }) as unknown as CardInfo;

function Probe(props: {
  read: (card: Card, now: number) => Promise<CardInfo>;
  control: { open?: (c: Card) => void; close?: () => void };
  failed: string[];
}) {
  const info = useCardInfo(props.read, (n) => props.failed.push(n));
  props.control.open = (c) => info.open(c, 0);
  props.control.close = info.close;
  if (info.info === undefined) return <Text>closed</Text>;
  return <Text>{info.info === null ? 'reading' : `info ${info.info.card.key}`}</Text>;
}

describe('useCardInfo', () => {
  const a = basic('a');
  const b = basic('b');

  it('opens at once while reading, then shows what was read', async () => {
    const { read, pending } = deferredReads();
    const control: { open?: (c: Card) => void } = {};
    const view = render(<Probe read={read} control={control} failed={[]} />);
    control.open!(a);
    await eventually(() => expect(view.lastFrame()).toBe('reading'));
    pending[0]!.end(infoOf(a));
    await eventually(() => expect(view.lastFrame()).toBe(`info ${a.key}`));
  });

  it('drops a read that ends after the info was closed, or after another was asked for', async () => {
    const { read, pending } = deferredReads();
    const control: { open?: (c: Card) => void; close?: () => void } = {};
    const view = render(<Probe read={read} control={control} failed={[]} />);
    control.open!(a);
    control.close!();
    pending[0]!.end(infoOf(a));
    await eventually(() => expect(view.lastFrame()).toBe('closed'));
    control.open!(a);
    control.open!(b);
    pending[2]!.end(infoOf(b));
    pending[1]!.end(infoOf(a));
    await eventually(() => expect(view.lastFrame()).toBe(`info ${b.key}`));
    // Still b after a's late read has had its turn.
    await new Promise<void>((r) => setImmediate(r));
    expect(view.lastFrame()).toBe(`info ${b.key}`);
  });

  it('closes and says why when the read fails', async () => {
    const { read, pending } = deferredReads();
    const failed: string[] = [];
    const control: { open?: (c: Card) => void } = {};
    const view = render(<Probe read={read} control={control} failed={failed} />);
    control.open!(a);
    pending[0]!.fail(new Error('log unreadable'));
    await eventually(() => expect(view.lastFrame()).toBe('closed'));
    expect(failed).toEqual(['Card info failed: log unreadable']);
  });
});
