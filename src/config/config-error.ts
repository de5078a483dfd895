import { UserError } from '../errors.js';

/** A config.yaml that cannot be used, located `file:line:col` (its own module: config.ts loads the parser lazily, and both throw it). */
export class ConfigError extends UserError {}
