/**
 * What a loaded deck is, once YAML is gone: the contract between deck/ and everything above it.
 * Strings here are already sanitised (no terminal control sequences) — see text/sanitize.ts.
 */
import type { AnswerRules } from './answer-check.js';

/** A place in a deck file, 1-based, as editors and `file:line:col` messages count. */
export type SourcePos = {
  readonly file: string;
  readonly line: number;
  readonly col: number;
};

/** `note`: advice below a warning (`recall lint` lists notes apart; they never fail it). */
export type Severity = 'error' | 'warning' | 'note';

/** One problem found while reading decks; printed as `file:line:col: severity: message`. */
export type Problem = SourcePos & {
  readonly severity: Severity;
  readonly message: string;
  /** Short machine name of the rule, for `lint --json` (e.g. `yaml-syntax`, `unknown-key`). */
  readonly rule: string;
};

/** A cloze text split into plain runs and numbered deletions (numbered from 1 in text order). */
export type ClozePart =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'gap'; readonly index: number; readonly text: string; readonly hint?: string };

/** What every card has, whatever its kind. */
export type CardCommon = {
  /** Progress key: `deckId/cardId` or `deckId/cardId:sub` for a card expanded from a note. */
  readonly key: string;
  readonly deckId: string;
  /** The id of the YAML entry this card came from (explicit, or a content hash). */
  readonly noteId: string;
  /** True when the YAML entry had no explicit `id` (its key then changes with its content). */
  readonly implicitId: boolean;
  /**
   * For a card with an explicit id: the note id it had before it had one (its content hash),
   * under which progress recorded before `lint --fix` gave it the id may still be (an
   * interrupted fix). `formerKey` in app/reattach.ts makes the key of it.
   */
  readonly formerNoteId?: string;
  /** Deck tags plus the card's own tags. */
  readonly tags: readonly string[];
  /** Cards of several notes that teach one fact (the `group:` key): asked and shown apart. */
  readonly group?: string;
  readonly explain?: string;
  /**
   * What counts as the same answer: the deck's rules with the card's own (absent: none). Typed
   * answers and cloze gaps are checked with them; a mock test compares every card's answers
   * with them.
   */
  readonly answers?: AnswerRules;
  readonly pos: SourcePos;
  /** Position of the card in its deck, in file order (expanded cards keep their note's order). */
  readonly order: number;
};

export type BasicCard = CardCommon & {
  readonly kind: 'basic';
  readonly prompt: string;
  readonly answer: string;
};

export type ClozeCard = CardCommon & {
  readonly kind: 'cloze';
  readonly parts: readonly ClozePart[];
  /** Which gap this card asks for. */
  readonly gap: number;
};

export type ChoiceCard = CardCommon & {
  readonly kind: 'choice';
  readonly prompt: string;
  readonly choices: readonly string[];
  /** Indexes into `choices` of the right answers (more than one: pick all of them). */
  readonly correct: readonly number[];
};

export type TypedCard = CardCommon & {
  readonly kind: 'typed';
  readonly prompt: string;
  /** The first is the canonical answer shown; the rest are accepted alternatives. */
  readonly accepted: readonly string[];
};

export type PairCard = CardCommon & {
  readonly kind: 'pair';
  /** The instruction shown above the left side (the note's `q`, or a default). */
  readonly prompt: string;
  readonly left: string;
  readonly right: string;
  /** Every right-hand side of the note, in order: distractors for quizzes. */
  readonly rights: readonly string[];
};

export type Card = BasicCard | ClozeCard | ChoiceCard | TypedCard | PairCard;
export type CardKind = Card['kind'];

export type Deck = {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly source?: string;
  /** `YYYY-MM-DD`, when the deck declares an exam date. */
  readonly exam?: string;
  readonly file: string;
  /** The id is the file name's (no `id:`): renaming the file moves every card to new keys. */
  readonly implicitId?: boolean;
  readonly cards: readonly Card[];
};

/**
 * What the lost-progress checks read of a card (a whole `Card` is one; lint keeps only this
 * per card, deck/lint-cache.ts): its key, note and former note, and for a cloze with an
 * explicit id its gap (`parts` need hold only that gap's part).
 */
export type KeyedCard = Pick<Card, 'key' | 'deckId' | 'noteId' | 'implicitId'> & {
  readonly formerNoteId?: string | undefined;
} & (
    | { readonly kind: Exclude<CardKind, 'cloze'> }
    | (Pick<ClozeCard, 'gap' | 'parts'> & { readonly kind: 'cloze' })
  );

/** What the lost-progress checks read of a deck. */
export type KeyedDeck = { readonly id: string; readonly cards: readonly KeyedCard[] };

/** The version of the file a deck was read from, as the deck cache identifies it. */
export type DeckFileVersion = {
  /** Absolute path. */
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
};

export type LoadResult = {
  readonly decks: readonly Deck[];
  readonly problems: readonly Problem[];
  /** Each deck's file version, where it was read from one. */
  readonly versions?: ReadonlyMap<Deck, DeckFileVersion>;
};

/**
 * Choices on one card, at most: each is picked with a letter, `a`–`h`. Eight lines of choices
 * under a two-line question still leave an 80×24 screen room for the rating row and the
 * explanation; exam questions rarely offer more than five.
 */
export const MAX_CHOICES = 8;
