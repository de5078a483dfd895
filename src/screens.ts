/**
 * The entry of dist/screens.cjs: the whole command line again, as one CommonJS bundle, for the
 * commands that draw. src/bin.ts runs it through a V8 code cache (fs/code-cache.ts), which
 * needs a classic script; ES modules have no cache Node lets a program keep.
 */
export { main } from './cli.js';
export { afterFirstFrame } from './commands/first-frame.js';
