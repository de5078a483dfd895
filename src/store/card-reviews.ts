/**
 * Each card's ratings as they stand after replay: what `recall export --anki` writes as Anki's
 * review log. Undone ratings are gone, a move carries a card's ratings to its new key, a forget
 * drops them; entries that rate nothing (flags, suspends, marks, and kinds added after this
 * was written) leave the ratings alone, since the card's progress already holds what they did.
 */
import type { Rating, SrsState } from '../core/model.js';
import { instantMs } from './instant.js';
import { replayFromStart, type Source } from './merge.js';
import { MergedReplay, type Reschedule } from './replay.js';

export type CardReview = {
  readonly id: string;
  /** Epoch ms. */
  readonly at: number;
  readonly rating: Rating;
  readonly durationMs: number;
  /** A review moves the schedule; a cram answer (no `--reschedule`) does not. */
  readonly kind: 'review' | 'cram';
  /** The card's state before and after, as replay has it (null: new); null for cram answers. */
  readonly before: SrsState | null;
  readonly after: SrsState | null;
};

export function reviewsByCard(
  sources: readonly Source[],
  own: string,
  reschedule: Reschedule | undefined,
): Map<string, CardReview[]> {
  let out = new Map<string, CardReview[]>();
  let replay: MergedReplay | undefined;
  const fresh = (skip: ReadonlySet<string>) => {
    out = new Map();
    replay = new MergedReplay(new Map(), own, reschedule, skip);
    return replay;
  };
  const push = (key: string, r: CardReview) => {
    const list = out.get(key);
    if (list === undefined) out.set(key, [r]);
    else list.push(r);
  };
  replayFromStart(sources, fresh, (entry, _device, before) => {
    switch (entry.kind) {
      case 'review':
        push(entry.card, {
          id: entry.id,
          at: instantMs(entry.reviewedAt),
          rating: entry.rating,
          durationMs: entry.durationMs,
          kind: 'review',
          before,
          after: replay!.cards.get(entry.card)?.srs ?? null,
        });
        return;
      case 'cram':
        push(entry.card, {
          id: entry.id,
          at: instantMs(entry.at),
          rating: entry.rating,
          durationMs: entry.durationMs,
          kind: 'cram',
          before: null,
          after: null,
        });
        return;
      case 'undo': {
        const list = out.get(entry.card) ?? [];
        for (let i = list.length - 1; i >= 0; i--) {
          if (list[i]!.id === entry.undoes) {
            list.splice(i, 1);
            break;
          }
        }
        return;
      }
      case 'move': {
        const moved = out.get(entry.card);
        if (moved === undefined) return;
        out.delete(entry.card);
        const there = out.get(entry.to) ?? [];
        out.set(
          entry.to,
          [...there, ...moved].sort((a, b) => a.at - b.at),
        );
        return;
      }
      case 'forget':
        out.delete(entry.card);
        return;
      default:
        return;
    }
  });
  return out;
}
