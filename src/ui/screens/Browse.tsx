import { Box, Text, useStdin } from 'ink';
import { useRef } from 'react';
import {
  BROWSE_SORTS,
  type BrowseRow,
  type BrowseSort,
  filterRows,
  sortRows,
} from '../../app/browse.js';
import type { CardInfo } from '../../app/card-info.js';
import type { ControlChange } from '../../app/recorder.js';
import type { Card } from '../../core/card.js';
import { daysBetween } from '../../core/day.js';
import { formatInterval } from '../../core/duration.js';
import { parseQuery, type QueryError, type SearchClock } from '../../core/search.js';
import { type DueSpec, parseDueSpec } from '../../core/set-due.js';
import { inlineText } from '../../text/inline.js';
import { counted } from '../../text/plural.js';
import { visible } from '../../text/sanitize.js';
import { displayWidth, padEnd, truncate, wrappedRows } from '../../text/width.js';
import { KeyHints } from '../components/KeyHints.js';
import { useCardInfo } from '../hooks/use-card-info.js';
import { useKeys } from '../hooks/use-keys.js';
import { useLatestState } from '../hooks/use-latest-state.js';
import { type Command, type HintOptions, hints, type Mode, typedKey } from '../keys.js';
import { listWindow, moreLine, moved, moveOf } from '../list-window.js';
import { theme, tint } from '../theme.js';
import { CardInfoView } from './CardInfo.js';

/** What the browser asks of the application layer: each action is durable when it returns. */
export type BrowseDeps = {
  /** Returns an id `undo` takes (undefined: nothing changed). */
  readonly control: (keys: readonly string[], change: ControlChange) => string | undefined;
  /** Returns why the undo was refused, or undefined. */
  readonly undo: (id: string) => string | undefined;
  /** Back to new; returns an id `undo` takes (undefined: nothing changed). */
  readonly forget: (keys: readonly string[]) => string | undefined;
  /** Due as `spec` says (cards still new are left); returns an id `undo` takes, and how many changed. */
  readonly setDue: (
    keys: readonly string[],
    spec: DueSpec,
  ) => { readonly id: string | undefined; readonly changed: number };
  /** The rows again, as the log has them now. */
  readonly refresh: (rows: readonly BrowseRow[]) => BrowseRow[];
  /** Opens the card's file at its line and waits; returns why it could not, or undefined. */
  readonly edit: (row: BrowseRow) => string | undefined;
  /** The card's schedule and every rating it got, from the review log. */
  readonly info: (card: Card, now: number) => Promise<CardInfo>;
  /** When a bury ends: the next study day's start (epoch ms). */
  readonly buryUntil: number;
};

type Props = {
  /** Every card, in deck and file order. */
  readonly rows: readonly BrowseRow[];
  readonly query?: string;
  readonly sort?: BrowseSort;
  readonly clock: SearchClock;
  readonly deps: BrowseDeps;
  readonly width: number;
  readonly height: number;
  readonly onExit: () => void;
  /** Leaving goes back home (home opened it), not out of recall. */
  readonly fromHome?: boolean;
};

type Focus = 'table' | 'query' | 'mark' | 'due' | 'forget';

type State = {
  readonly rows: readonly BrowseRow[];
  readonly sort: BrowseSort;
  /** The query as typed. */
  readonly query: string;
  /** The last query that parsed: what the table shows while the typed one has a mistake. */
  readonly applied: string;
  readonly error: QueryError | null;
  readonly focus: Focus;
  readonly cursor: number;
  readonly top: number;
  /** Keys of the chosen cards. */
  readonly chosen: ReadonlySet<string>;
  /** The mark being typed. */
  readonly mark: string;
  /** The due date being typed (`3`, `1-7`, `0!`). */
  readonly due: string;
  readonly notice: string | null;
  /** Actions this screen may still undo, the last one last. */
  readonly undo: readonly { readonly id: string; readonly keys: readonly string[] }[];
};

const MODES: Readonly<Record<Focus, Mode>> = {
  table: 'browse',
  query: 'browse.query.typing',
  mark: 'browse.mark.typing',
  due: 'browse.due.typing',
  forget: 'browse.forget',
};

const DAY = 86_400_000;

type Column = {
  readonly sort: BrowseSort;
  readonly head: string;
  readonly width: number;
  readonly cell: (r: BrowseRow, c: SearchClock) => string;
};

const COLUMNS: readonly Column[] = [
  { sort: 'due', head: 'Due', width: 7, cell: dueText },
  {
    sort: 'recall',
    head: 'Recall',
    width: 7,
    cell: (r) => (r.recall === null ? '—' : `${Math.round(r.recall * 100)}%`),
  },
  { sort: 'lapses', head: 'Lapses', width: 7, cell: (r) => String(r.progress?.srs?.lapses ?? 0) },
  { sort: 'last', head: 'Last', width: 7, cell: lastText },
  {
    sort: 'difficulty',
    head: 'Diff',
    width: 5,
    cell: (r) => (rated(r) ? r.progress!.srs!.difficulty.toFixed(1) : '—'),
  },
];

/** Cursor, chosen, state and a space: `›*S `. */
const PREFIX = 4;
/** The question keeps at least this much of a line before another column is added. */
const MIN_QUESTION = 16;

/** `s` unsuspends when every card it acts on is suspended, else suspends them all. */
const allSuspended = (rows: readonly BrowseRow[]) => rows.every((r) => r.progress?.suspended);
/** `b` unburies when every card it acts on is buried, else buries them all. */
const allBuried = (rows: readonly BrowseRow[], now: number) =>
  rows.every((r) => (r.progress?.buriedUntil ?? 0) > now);

/** A path's last part: `tiny.yaml` of `/home/me/decks/tiny.yaml` (ui/ imports no node:path). */
const fileName = (path: string) =>
  path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

const rated = (r: BrowseRow) => r.progress?.srs != null && r.progress.srs.state !== 'New';

function dueText(r: BrowseRow, c: SearchClock): string {
  if (!rated(r)) return 'new';
  const days = daysBetween(c.now, r.progress!.srs!.due, c.dayStartsAt);
  if (days === 0) return 'today';
  return `${days < 0 ? '-' : ''}${formatInterval(Math.abs(days) * DAY)}`;
}

function lastText(r: BrowseRow, c: SearchClock): string {
  const last = r.progress?.srs?.lastReview;
  if (last === undefined) return '—';
  const days = daysBetween(last, c.now, c.dayStartsAt);
  return days <= 0 ? 'today' : formatInterval(days * DAY);
}

/** The columns that fit beside a question of `MIN_QUESTION`, the sorted one first. */
function columnsFor(inner: number, sort: BrowseSort): readonly Column[] {
  const order = [...COLUMNS].sort((a, b) => Number(b.sort === sort) - Number(a.sort === sort));
  const kept = new Set<Column>();
  let room = inner - PREFIX;
  for (const col of order) {
    if (room - col.width < MIN_QUESTION) break;
    kept.add(col);
    room -= col.width;
  }
  return COLUMNS.filter((c) => kept.has(c));
}

/**
 * `recall browse`: a query line over a table of every card, sortable by column, with actions on
 * the card under the cursor or on the chosen ones. The table is windowed (list-window.ts), so a
 * keystroke costs one filter of the rows and a screenful of lines, whatever the collection.
 */
export function Browse({
  rows,
  query = '',
  sort = 'due',
  clock,
  deps,
  width,
  height,
  onExit,
  fromHome = false,
}: Props) {
  const { setRawMode } = useStdin();
  const [state, get, set] = useLatestState<State>(() => {
    const parsed = parseQuery(query);
    return {
      rows,
      sort,
      query,
      applied: parsed.ok ? query : '',
      error: parsed.ok ? null : parsed,
      focus: 'table',
      cursor: 0,
      top: 0,
      chosen: new Set(),
      mark: '',
      due: '',
      notice: null,
      undo: [],
    };
  });
  // Sorting is per column change and filtering per keystroke: each kept until its inputs change.
  const sorted = useRef<{ rows: readonly BrowseRow[]; sort: BrowseSort; out: BrowseRow[] } | null>(
    null,
  );
  const found = useRef<{
    from: readonly BrowseRow[];
    query: string;
    out: readonly BrowseRow[];
  } | null>(null);
  const shownRows = (s: State): readonly BrowseRow[] => {
    if (sorted.current?.rows !== s.rows || sorted.current.sort !== s.sort) {
      sorted.current = { rows: s.rows, sort: s.sort, out: sortRows(s.rows, s.sort) };
    }
    const from = sorted.current.out;
    if (found.current?.from !== from || found.current.query !== s.applied) {
      const f = filterRows(from, s.applied, clock);
      found.current = { from, query: s.applied, out: f.ok ? f.rows : [] };
    }
    return found.current.out;
  };

  const inner = Math.max(1, width - 2);
  const listRows = (s: State) => Math.max(1, height - fixedRows(s, inner, footerOf(s)));
  const windowOf = (s: State) => listWindow(shownRows(s).length, listRows(s), s.cursor, s.top);
  const cardInfo = useCardInfo(deps.info, (notice) => update({ notice }));
  const update = (patch: Partial<State>) => {
    const next = { ...get(), ...patch };
    const total = shownRows(next).length;
    const cursor = moved(next.cursor, 0, total);
    set({ ...next, cursor, top: windowOf({ ...next, cursor }).start });
  };
  // The chosen rows, kept until the rows or the choice change: the footer asks for them on every
  // layout, and finding them is a pass over every card.
  const chosenRows = useRef<{
    rows: readonly BrowseRow[];
    chosen: ReadonlySet<string>;
    out: BrowseRow[];
  } | null>(null);
  const targets = (s: State): BrowseRow[] => {
    if (s.chosen.size > 0) {
      if (chosenRows.current?.rows !== s.rows || chosenRows.current.chosen !== s.chosen) {
        const out = s.rows.filter((r) => s.chosen.has(r.card.key));
        chosenRows.current = { rows: s.rows, chosen: s.chosen, out };
      }
      return chosenRows.current.out;
    }
    const r = shownRows(s)[s.cursor];
    return r ? [r] : [];
  };
  /** The footer says what `s` and `b` would do to the cards now (`s unsuspend`), and where `q` goes. */
  const footerOf = (s: State): HintOptions => {
    const t = targets(s);
    const say: Partial<Record<Command, string>> = {};
    if (t.length > 0 && allSuspended(t)) say.suspend = 'unsuspend';
    if (t.length > 0 && allBuried(t, clock.now)) say.bury = 'unbury';
    return { width: inner, fromHome, say };
  };
  /** After an action: the changed rows as the log has them, in place. */
  const withRefreshed = (s: State, changed: readonly BrowseRow[]) => {
    const fresh = new Map(deps.refresh(changed).map((r) => [r.card.key, r]));
    return s.rows.map((r) => fresh.get(r.card.key) ?? r);
  };
  const act = (change: (all: BrowseRow[]) => ControlChange) => {
    const s = get();
    const all = targets(s);
    if (all.length === 0) return;
    const keys = all.map((r) => r.card.key);
    const c = change(all);
    const id = deps.control(keys, c);
    const what = counted(all.length, 'card');
    update({
      rows: withRefreshed(s, all),
      undo: id ? [...s.undo, { id, keys }] : s.undo,
      notice: id ? `${verbOf(c, clock.now)} ${what} · u undo` : `Nothing to change on ${what}.`,
    });
  };
  const setQuery = (q: string) => {
    const parsed = parseQuery(q);
    update(
      parsed.ok
        ? { query: q, applied: q, error: null, cursor: 0, top: 0 }
        : { query: q, error: parsed },
    );
  };
  const edit = (s: State) => {
    const row = shownRows(s)[s.cursor];
    if (!row) return;
    // The editor owns the terminal until it exits: keys are its, not ours.
    setRawMode(false);
    const failed = deps.edit(row);
    setRawMode(true);
    update({
      notice:
        failed ??
        // The file by its name (the editor showed where it is): two rows at 40 columns.
        `Edited ${visible(`${fileName(row.card.pos.file)}:${row.card.pos.line}`)} (shown when recall next reads it).`,
    });
  };

  useKeys(
    () => MODES[get().focus],
    (m, input, key) => {
      const s = get();
      // The card info over the table takes its own keys.
      if (cardInfo.isOpen()) return;
      switch (s.focus) {
        case 'query': {
          if (m?.command === 'submit' || m?.command === 'cancel') return update({ focus: 'table' });
          if (m?.command === 'erase') return setQuery(s.query.slice(0, -1));
          const typed = typedKey(s.query, input, key);
          if (typed.text !== s.query) setQuery(typed.text);
          if (typed.submit) update({ focus: 'table' });
          return;
        }
        case 'mark': {
          if (m?.command === 'cancel') return update({ focus: 'table', notice: null });
          if (m?.command === 'erase') return update({ mark: s.mark.slice(0, -1) });
          const typed =
            m?.command === 'submit' ? { text: s.mark, submit: true } : typedKey(s.mark, input, key);
          if (!typed.submit) return update({ mark: typed.text });
          update({ focus: 'table' });
          try {
            act(() => ({ kind: 'mark', mark: typed.text.trim() }));
          } catch (e) {
            update({ notice: (e as Error).message });
          }
          return;
        }
        case 'due': {
          if (m?.command === 'cancel') return update({ focus: 'table', notice: null });
          if (m?.command === 'erase') return update({ due: s.due.slice(0, -1) });
          const typed =
            m?.command === 'submit' ? { text: s.due, submit: true } : typedKey(s.due, input, key);
          if (!typed.submit) return update({ due: typed.text });
          const spec = parseDueSpec(typed.text);
          if ('problem' in spec)
            return update({ due: '', notice: `not ${typed.text}: ${spec.problem}` });
          const all = targets(s);
          const keys = all.map((r) => r.card.key);
          const { id, changed } = deps.setDue(keys, spec);
          const left = all.length - changed;
          return update({
            focus: 'table',
            rows: withRefreshed(s, all),
            undo: id ? [...s.undo, { id, keys }] : s.undo,
            notice: id
              ? `${counted(changed, 'card')} due ${dueWhen(spec)}${left > 0 ? ` (${counted(left, 'new card')} left new)` : ''} · u undo`
              : `Nothing to change on ${counted(all.length, 'card')} (new cards have no due date to set).`,
          });
        }
        case 'forget': {
          if (m?.command === 'cancel') return update({ focus: 'table', notice: null });
          if (m?.command !== 'confirm') return;
          const all = targets(s);
          const keys = all.map((r) => r.card.key);
          const id = deps.forget(keys);
          return update({
            focus: 'table',
            rows: withRefreshed(s, all),
            undo: id ? [...s.undo, { id, keys }] : s.undo,
            notice: id
              ? `Forgot ${counted(all.length, 'card')}: new again (their history stays in the log) · u undo`
              : `Nothing to change on ${counted(all.length, 'card')}: already new.`,
          });
        }
        case 'table':
          break;
      }
      const by = moveOf(m?.command, windowOf(s));
      if (by !== undefined) return update({ cursor: moved(s.cursor, by, shownRows(s).length) });
      switch (m?.command) {
        case 'quit':
          return onExit();
        case 'search':
          return update({ focus: 'query', notice: null });
        case 'sort': {
          const next = BROWSE_SORTS[(BROWSE_SORTS.indexOf(s.sort) + 1) % BROWSE_SORTS.length]!;
          return update({ sort: next, cursor: 0, top: 0, notice: null });
        }
        case 'choose': {
          const r = shownRows(s)[s.cursor];
          if (!r) return;
          const chosen = new Set(s.chosen);
          if (chosen.has(r.card.key)) chosen.delete(r.card.key);
          else chosen.add(r.card.key);
          return update({ chosen, cursor: moved(s.cursor, 1, shownRows(s).length) });
        }
        case 'suspend':
          return act((all) => ({
            kind: allSuspended(all) ? 'unsuspend' : 'suspend',
          }));
        case 'bury':
          return act((all) => ({
            kind: 'bury',
            until: allBuried(all, clock.now) ? clock.now : deps.buryUntil,
          }));
        case 'mark':
          if (targets(s).length === 0) return;
          return update({ focus: 'mark', mark: '', notice: null });
        case 'forget':
          if (targets(s).length === 0) return;
          return update({ focus: 'forget', notice: null });
        case 'setDue':
          if (targets(s).length === 0) return;
          return update({ focus: 'due', due: '', notice: null });
        case 'edit':
          return edit(s);
        case 'info': {
          const row = shownRows(s)[s.cursor];
          if (!row) return;
          update({ notice: null });
          return cardInfo.open(row.card, clock.now);
        }
        case 'undo': {
          const last = s.undo.at(-1);
          if (!last) return update({ notice: 'Nothing to undo.' });
          const refused = deps.undo(last.id);
          const changed = s.rows.filter((r) => last.keys.includes(r.card.key));
          return update({
            rows: withRefreshed(s, changed),
            undo: s.undo.slice(0, -1),
            notice: refused ?? `Undone on ${counted(changed.length, 'card')}.`,
          });
        }
      }
    },
  );

  const shown = shownRows(state);
  const win = windowOf(state);
  const cols = columnsFor(inner, state.sort);
  const questionWidth = Math.max(1, inner - PREFIX - cols.reduce((w, c) => w + c.width, 0));
  const current = shown[state.cursor];
  const chosenNote =
    state.chosen.size > 0 ? ` · ${state.chosen.size.toLocaleString('en-US')} chosen` : '';

  if (cardInfo.info !== undefined && current) {
    return (
      <CardInfoView
        info={cardInfo.info}
        now={clock.now}
        width={width}
        height={height}
        onClose={cardInfo.close}
        onEdit={() => {
          cardInfo.close();
          edit(get());
        }}
      />
    );
  }
  return (
    <Box flexDirection="column" paddingX={1} width={width}>
      <Text bold color={theme.accent} wrap="truncate-end">
        Browse · {shown.length.toLocaleString('en-US')} of {counted(state.rows.length, 'card')} · by{' '}
        {state.sort}
        {chosenNote}
      </Text>
      <QueryLine state={state} width={inner} />
      <Box flexDirection="column" marginTop={1}>
        <Text color={theme.muted} wrap="truncate-end">
          {' '.repeat(PREFIX)}
          {cols.map((c) => padEnd(c.sort === state.sort ? `${c.head}▾` : c.head, c.width)).join('')}
          Question
        </Text>
        {shown.length === 0 && <Text color={theme.muted}>No card matches.</Text>}
        {win.above > 0 && <Text color={theme.muted}>{`    ${moreLine('above', win.above)}`}</Text>}
        {shown.slice(win.start, win.end).map((r, i) => {
          const at = win.start + i;
          const active = at === state.cursor;
          const flag = r.progress?.suspended
            ? 'S'
            : (r.progress?.buriedUntil ?? 0) > clock.now
              ? 'B'
              : ' ';
          const mark = r.progress?.mark ? `[${r.progress.mark}] ` : '';
          return (
            <Text
              key={r.card.key}
              bold={active}
              wrap="truncate-end"
              {...tint(active ? theme.accent : undefined)}
            >
              {active ? '›' : ' '}
              {state.chosen.has(r.card.key) ? '*' : ' '}
              {flag} {cols.map((c) => padEnd(c.cell(r, clock), c.width)).join('')}
              {truncate(`${mark}${inlineText(r.prompt)}`, questionWidth)}
            </Text>
          );
        })}
        {win.below > 0 && <Text color={theme.muted}>{`    ${moreLine('below', win.below)}`}</Text>}
      </Box>
      <Box flexDirection="column" marginTop={1}>
        <StatusLine state={state} width={inner} targets={targets(state).length} />
        <KeyHints mode={MODES[state.focus]} {...footerOf(state)} />
      </Box>
    </Box>
  );
}

function verbOf(c: ControlChange, now: number): string {
  switch (c.kind) {
    case 'suspend':
      return 'Suspended';
    case 'unsuspend':
      return 'Unsuspended';
    case 'bury':
      return c.until > now ? 'Buried' : 'Unburied';
    case 'mark':
      return c.mark === '' ? 'Cleared the mark of' : `Marked "${c.mark}":`;
  }
}

/** `/ is:due tag:api▏`, and under a mistake a caret at its column with the message. */
function QueryLine({ state, width }: { readonly state: State; readonly width: number }) {
  const typing = state.focus === 'query';
  const prefix = '/ ';
  const text = `${state.query}${typing ? '▏' : ''}`;
  // A query longer than the line shows its end, where the typing is.
  const room = Math.max(1, width - prefix.length);
  const fits = displayWidth(text) <= room;
  const shown = fits ? text : `…${[...text].slice(-(room - 1)).join('')}`;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text color={theme.muted}>{prefix}</Text>
        {state.query === '' && !typing ? (
          <Text color={theme.muted}>press / to search, e.g. is:due tag:api</Text>
        ) : (
          shown
        )}
      </Text>
      {state.error && (
        <>
          {fits && (
            <Text
              color={theme.bad}
            >{`${' '.repeat(prefix.length + displayWidth(state.query.slice(0, state.error.col - 1)))}^`}</Text>
          )}
          <Text color={theme.bad} wrap="wrap">
            {errorText(state.error)}
          </Text>
        </>
      )}
    </Box>
  );
}

const errorText = (e: QueryError) => `column ${e.col}: ${e.message}`;

/** When a set due date puts the cards: `today`, `in 3 days`, `in 1–7 days`. */
function dueWhen(spec: DueSpec): string {
  const when =
    spec.max === 0
      ? 'today'
      : spec.min === spec.max
        ? `in ${counted(spec.min, 'day')}`
        : `in ${spec.min}–${spec.max} days`;
  return spec.setInterval ? `${when}, interval set` : when;
}

function StatusLine({
  state,
  width,
  targets,
}: {
  readonly state: State;
  readonly width: number;
  readonly targets: number;
}) {
  const what = counted(targets, 'card');
  const line =
    state.focus === 'mark'
      ? `Mark ${what} as: ${state.mark}▏`
      : state.focus === 'due'
        ? `Due in how many days (${what}): ${state.due}▏${state.notice ? ` · ${state.notice}` : ''}`
        : state.focus === 'forget'
          ? `Forget ${what}, back to new? y forget · n keep`
          : state.notice;
  if (line === null) return null;
  return (
    <Text {...tint(state.focus === 'table' ? theme.warn : undefined)} wrap="wrap">
      {truncate(line, width * 2)}
    </Text>
  );
}

/** The rows browse takes besides the table's lines, in step with the layout above. */
function fixedRows(s: State, inner: number, footerOpts: HintOptions): number {
  const title = 1;
  const query = 1 + (s.error ? 1 + wrappedRows(errorText(s.error), inner) : 0);
  const margins = 2;
  const head = 1;
  const status =
    s.focus === 'mark' || s.focus === 'forget' || s.focus === 'due'
      ? 2
      : s.notice
        ? Math.min(2, wrappedRows(s.notice, inner))
        : 0;
  const footer = wrappedRows(hints(MODES[s.focus], footerOpts), inner);
  const spare = 1;
  return title + query + margins + head + status + footer + spare;
}
