/** The `recall` executable: runs the command line and exits with its code. */
import { main } from './cli.js';

// chalk (inside Ink) reads FORCE_COLOR but not NO_COLOR (https://no-color.org); Ink is imported
// later, lazily, by the commands that draw, so setting it before `main` runs is enough.
if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';

process.exitCode = await main(process.argv.slice(2));
