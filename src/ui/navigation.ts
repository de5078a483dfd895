/**
 * Which screen is up, as a reducer: the container (AppContainer.tsx) does the work a move needs
 * (reading the log, starting a session) in its event handlers and dispatches the result here;
 * the layout (App.tsx) only draws it. Pure: no I/O, no clock.
 */

import type { BrowseRow, BrowseSort } from '../app/browse.js';
import type { CramStart } from '../app/cram.js';
import type { QuizOutcome, QuizPlan } from '../app/quiz.js';
import type { ReviewRequest } from '../app/review.js';
import type { Status } from '../app/status.js';
import type { QuizSession } from '../core/quiz-session.js';
import type { Session } from '../core/review-session.js';
import type { StatsReport } from '../core/stats/types.js';
import type { SummaryData } from './screens/Summary.js';

export type Screen =
  | {
      readonly name: 'home';
      readonly status: Status;
      /** Epoch ms. */
      readonly now: number;
      /** A one-line message, e.g. why a cram or test could not start. */
      readonly notice?: string | undefined;
    }
  | {
      readonly name: 'review';
      readonly deckIds: ReadonlySet<string> | undefined;
      /** Custom study (`recall review --ahead/--new/--tag`): the title says it. */
      readonly request?: ReviewRequest | undefined;
      readonly session: Session;
      /** Remounts the screen for a new session. */
      readonly key: number;
    }
  | {
      readonly name: 'summary';
      readonly data: SummaryData;
      /** The session summed up, while it has a rating to undo. */
      readonly session?: Session | undefined;
      readonly deckIds?: ReadonlySet<string> | undefined;
      /** The session's custom study, for undoing back into it. */
      readonly request?: ReviewRequest | undefined;
      /** Why the last undo was refused. */
      readonly notice?: string | undefined;
    }
  | { readonly name: 'cram'; readonly cram: CramStart; readonly key: number }
  | {
      readonly name: 'quiz';
      readonly plan: QuizPlan;
      readonly session: QuizSession;
      readonly key: number;
    }
  | { readonly name: 'quizResult'; readonly outcome: QuizOutcome }
  | { readonly name: 'stats'; readonly report: StatsReport }
  | {
      readonly name: 'browse';
      readonly rows: readonly BrowseRow[];
      readonly query: string;
      readonly sort: BrowseSort;
      /** Epoch ms: when the rows were read (recall and due are as of then). */
      readonly now: number;
      readonly key: number;
    };

export type Nav = {
  readonly screen: Screen;
  /** The deck selected on home (null: all decks), kept while sessions come and go. */
  readonly selected: string | null;
  /** Screens opened since start: each gets a fresh `key`. */
  readonly opened: number;
};

export type NavAction =
  | { readonly type: 'show'; readonly screen: Screen }
  | { readonly type: 'select'; readonly deckId: string | null };

export function startNav(screen: Screen, selected: string | null = null): Nav {
  return { screen, selected, opened: 0 };
}

export function navigate(nav: Nav, action: NavAction): Nav {
  switch (action.type) {
    case 'show': {
      const opened = nav.opened + 1;
      const s = action.screen;
      const screen = 'key' in s ? { ...s, key: opened } : s;
      return { ...nav, screen, opened };
    }
    case 'select':
      return { ...nav, selected: action.deckId };
  }
}
