import { Box, Text } from 'ink';
import type { CardInfo } from '../../app/card-info.js';
import type { CardRating } from '../../core/card-history.js';
import { localDate } from '../../core/day.js';
import { formatDuration, formatInterval } from '../../core/duration.js';
import { counted } from '../../text/plural.js';
import { visible } from '../../text/sanitize.js';
import { padEnd, truncate, wrapPath, wrappedRows, wrapText } from '../../text/width.js';
import { KeyHints } from '../components/KeyHints.js';
import { useKeys } from '../hooks/use-keys.js';
import { useScroll } from '../hooks/use-scroll.js';
import { type Command, hints } from '../keys.js';
import { moreLine } from '../list-window.js';
import { ratingNames, theme } from '../theme.js';

type Props = {
  /** Null while the review log is being read. */
  readonly info: CardInfo | null;
  readonly now: number;
  readonly width: number;
  readonly height: number;
  readonly onClose: () => void;
  /** Opens the card in the editor (the screen under the info does the editing). */
  readonly onEdit?: () => void;
};

const LABEL = 11;

/** `2026-03-10 14:05`, local time. */
function when(at: number): string {
  const d = new Date(at);
  const hh = String(d.getHours()).padStart(2, '0');
  const mm = String(d.getMinutes()).padStart(2, '0');
  return `${localDate(at)} ${hh}:${mm}`;
}

const percent = (p: number) => `${Math.round(p * 100)}%`;

/** The card's facts, one `label value` line each. */
function facts(info: CardInfo, now: number): [string, string][] {
  const { card } = info;
  const out: [string, string][] = [
    // File names are the user's and may hold anything: spelt out, as in problem lines.
    ['file', visible(`${card.pos.file}:${card.pos.line}`)],
    ['id', card.key],
  ];
  if (card.tags.length > 0) out.push(['tags', card.tags.join(', ')]);
  out.push([
    'state',
    `${info.state} · ${counted(info.reps, 'review')} · ${counted(info.lapses, 'lapse')}`,
  ]);
  if (info.due !== null) {
    const ms = info.due - now;
    out.push(['due', `${localDate(info.due)} (${ms <= 0 ? 'now' : `in ${formatInterval(ms)}`})`]);
  }
  if (info.stability !== null && info.difficulty !== null) {
    out.push([
      'stability',
      `${formatInterval(info.stability * 86_400_000)} · difficulty ${info.difficulty.toFixed(1)}`,
    ]);
  }
  if (info.recall !== null) out.push(['recall now', percent(info.recall)]);
  if (info.mark !== null) out.push(['mark', visible(info.mark)]);
  if (info.suspended) out.push(['suspended', 'out of every queue until unsuspended']);
  if (info.buriedUntil !== null) out.push(['buried', `until ${when(info.buriedUntil)}`]);
  return out;
}

function ratingLine(r: CardRating): string {
  const name = r.rating === null ? 'cram' : ratingNames[r.rating];
  const interval =
    r.intervalMs === null ? '' : r.intervalMs === 0 ? '<1d' : formatInterval(r.intervalMs);
  return `${when(r.at)}  ${name.padEnd(5)} ${interval.padStart(5)} ${formatDuration(r.durationMs).padStart(7)}`;
}

/**
 * Everything known of the card on screen: where it is, its schedule, its recall now and every
 * rating it got. Taller than the terminal, it scrolls.
 */
export function CardInfoView({ info, now, width, height, onClose, onEdit }: Props) {
  const inner = width - 2;
  const lines = info
    ? [
        // A long value (a file's path) wraps beside its label rather than being cut.
        ...facts(info, now).flatMap(([label, value]) =>
          (label === 'file' ? wrapPath : wrapText)(value, Math.max(8, inner - LABEL)).map(
            (part, i) => `${padEnd(i === 0 ? label : '', LABEL)}${part}`,
          ),
        ),
        '',
        info.ratings.length === 0
          ? 'Never rated.'
          : `${counted(info.ratings.length, 'rating')}: interval given, time`,
        ...info.ratings.map(ratingLine),
      ]
    : ['Reading the review log…'];
  // Title, a blank line, the footer and a row spare. The footer is measured with every hint:
  // whether it scrolls depends on the rows it leaves.
  const footer = wrappedRows(hints('cardInfo', { width: inner }), inner);
  const { shown, scroll } = useScroll(lines.length, height - 3 - footer);
  const hide: Command[] = onEdit ? [] : ['edit'];
  useKeys(
    () => 'cardInfo',
    (m) => {
      if (m?.command === 'cancel') onClose();
      else if (m?.command === 'edit') onEdit?.();
      else scroll(m?.command);
    },
  );
  if (shown.above + shown.below === 0) hide.push('up');
  return (
    <Box flexDirection="column" paddingX={1} width={width}>
      <Text bold color={theme.accent}>
        Card info
      </Text>
      <Box flexDirection="column" marginTop={1}>
        {shown.above > 0 && <Text color={theme.muted}>{moreLine('above', shown.above)}</Text>}
        {lines.slice(shown.start, shown.end).map((line, i) => (
          <Text key={shown.start + i}>{truncate(line, inner)}</Text>
        ))}
        {shown.below > 0 && <Text color={theme.muted}>{moreLine('below', shown.below)}</Text>}
      </Box>
      <KeyHints mode="cardInfo" hide={hide} width={inner} />
    </Box>
  );
}
