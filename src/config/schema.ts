/** config.yaml's shape: zod is the single source of truth for keys, types and ranges. */
import { z } from 'zod';
import { DAY_KEY_PROBLEM, parseDayKey } from '../core/day.js';
import { quizTyposValues } from '../core/quiz-score.js';
import { newMixes, newOrders, reviewOrders } from '../core/settings.js';

/** The longest step, in minutes: the longest `maximum_interval`, 36500 days. */
const MAX_STEP_MINUTES = 36500 * 1440;
const STEP_MINUTES: Record<string, number> = { m: 1, h: 60, d: 1440 };

const step = z
  .string()
  .regex(/^\d+(\.\d+)?[mhd]$/, 'a step is a number with m, h or d, e.g. 10m')
  .refine(
    (s) => Number.parseFloat(s) * (STEP_MINUTES[s.slice(-1)] ?? 1) <= MAX_STEP_MINUTES,
    'a step is at most 36500d (100 years)',
  );

/** What `recall optimize` writes: parameters fitted to the user, and what they were judged on. */
const fsrsSchema = z.strictObject({
  /** FSRS-6's 21 parameters; ts-fsrs clips each to its range. */
  parameters: z.array(z.number().finite()).length(21, 'FSRS-6 has 21 parameters'),
  trained: z.string().refine((s) => parseDayKey(s) !== undefined, DAY_KEY_PROBLEM),
  reviews: z.number().int().min(0),
  log_loss: z.number().finite().min(0),
  rmse: z.number().finite().min(0),
});

/** A weekday's share of a normal day's load: 1 normal, 0.5 half, 0 none (Anki's easy days). */
const share = z.number().min(0, 'a share from 0 to 1').max(1, 'a share from 0 to 1');

/** `easy_days:`: weekdays left out are normal days. */
const easyDaysSchema = z.strictObject({
  sun: share.optional(),
  mon: share.optional(),
  tue: share.optional(),
  wed: share.optional(),
  thu: share.optional(),
  fri: share.optional(),
  sat: share.optional(),
});

export const deckSettingsSchema = z.strictObject({
  desired_retention: z.number().min(0.7).max(0.99).optional(),
  maximum_interval: z.number().int().min(1).max(36500).optional(),
  learning_steps: z.array(step).optional(),
  relearning_steps: z.array(step).optional(),
  fuzz: z.boolean().optional(),
  load_balance: z.boolean().optional(),
  easy_days: easyDaysSchema.optional(),
  new_per_day: z.number().int().min(0).max(9999).optional(),
  reviews_per_day: z.number().int().min(0).max(99999).optional(),
  leech_threshold: z.number().int().min(1).max(9999).optional(),
  leech_action: z.enum(['tag', 'suspend']).optional(),
  exam: z
    .string()
    .refine((s) => parseDayKey(s) !== undefined, DAY_KEY_PROBLEM)
    .optional(),
  fsrs: fsrsSchema.optional(),
  new_order: z
    .enum(newOrders as [string, ...string[]], {
      error: 'new_order is `file` (default), `random` or `interleaved`',
    })
    .optional(),
  review_order: z
    .enum(reviewOrders as [string, ...string[]], {
      error: 'review_order is `due` (default), `weakest` or `random`',
    })
    .optional(),
  new_mix: z
    .enum(newMixes as [string, ...string[]], {
      error: 'new_mix is `mixed` (default), `before` or `after`',
    })
    .optional(),
});

/** `decks.<id>:` may also name the preset (under `presets:`) whose settings it shares. */
const deckEntrySchema = deckSettingsSchema.extend({ preset: z.string().min(1).optional() });

/** `sync:` (recall sync, README "Progress on every machine"). */
const syncSchema = z.strictObject({
  /** Any URL or path git can push to; git would read a leading "-" as an option. */
  remote: z
    .string()
    .min(1, 'a git URL or path, e.g. /media/usb/recall.git or git@host:me/recall.git')
    .refine((s) => !s.startsWith('-'), 'a git URL or path may not start with "-"')
    .refine((s) => !/[\0-\x1f\x7f]/.test(s), 'a git URL or path holds no control characters')
    .optional(),
  /** Sync at the end of each session, quietly. */
  auto: z.boolean().optional(),
});

/** `quiz:` (recall quiz, README "Mock tests"). */
const quizSchema = z.strictObject({
  /** Whether a typed answer off by a typo counts as right. */
  typos: z
    .enum(quizTyposValues as [string, ...string[]], {
      error: 'typos is `right` (a typo counts as right) or `wrong`',
    })
    .optional(),
});

export const configSchema = z
  .strictObject({
    /** Extra deck folders, besides the user's deck folder. */
    deck_dirs: z.array(z.string()).optional(),
    day_starts_at: z.number().int().min(0).max(23).optional(),
    defaults: deckSettingsSchema.optional(),
    /** Named settings several decks share (`decks.<id>.preset: NAME`), as Anki's presets. */
    presets: z.record(z.string(), deckSettingsSchema).optional(),
    decks: z.record(z.string(), deckEntrySchema).optional(),
    sync: syncSchema.optional(),
    quiz: quizSchema.optional(),
  })
  .superRefine((config, ctx) => {
    for (const [id, deck] of Object.entries(config.decks ?? {})) {
      if (deck.preset === undefined || Object.hasOwn(config.presets ?? {}, deck.preset)) continue;
      ctx.addIssue({
        code: 'custom',
        path: ['decks', id, 'preset'],
        message: `no preset ${JSON.stringify(deck.preset)} under presets:`,
      });
    }
  });

export type ConfigFile = z.infer<typeof configSchema>;
export type DeckSettingsFile = z.infer<typeof deckSettingsSchema>;
export type DeckEntryFile = z.infer<typeof deckEntrySchema>;
export type FsrsFile = z.infer<typeof fsrsSchema>;
