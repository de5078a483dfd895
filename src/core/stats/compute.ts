/** The stats core's public face: compute a report, and the types it is made of. */
export { cardPrompt } from '../card-prompt.js';
export { computeStats, type StatsInput } from './report.js';
export type { CardId, StatsCard } from './selection.js';
export type * from './types.js';
