/**
 * The layering of docs/architecture.md, checked by `npm run lint` (and so by `npm test`).
 * Paths are resolved by the TypeScript resolver, so a rule cannot be dodged by spelling an
 * import differently; type-only imports count too.
 */
const layer = (name) => `^src/${name}/`;

module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment:
        'The pure core (model, scheduling, queue, sessions, grading, recall, stats figures) reads no files and no clock: it imports only itself, text/ and ts-fsrs.',
      severity: 'error',
      from: { path: layer('core') },
      to: { pathNot: [layer('core'), layer('text'), '^node_modules/ts-fsrs/'] },
    },
    {
      name: 'text-is-pure',
      comment: 'String helpers: no I/O, nothing of the app.',
      severity: 'error',
      from: { path: layer('text') },
      to: { pathNot: [layer('text'), '^node_modules/'] },
    },
    {
      name: 'no-node-in-pure-layers',
      comment: 'Node built-ins (fs, path, process…) are I/O: not in core/, text/, charts/ or ui/.',
      severity: 'error',
      from: { path: '^src/(core|text|charts|ui)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'charts-are-plain-text',
      comment: 'Charts turn figures into lines of text; the TUI and the CLI both draw them.',
      severity: 'error',
      from: { path: layer('charts') },
      to: { pathNot: [layer('charts'), layer('core'), layer('text')] },
    },
    {
      name: 'ui-does-not-touch-files',
      comment: 'Screens go through app/ for progress, decks and settings.',
      severity: 'error',
      from: { path: layer('ui') },
      to: { path: [layer('store'), layer('deck'), layer('config'), layer('fs'), layer('commands')] },
    },
    {
      name: 'lower-layers-know-no-app',
      comment: 'store/, deck/, config/ and fs/ never import the layers above them.',
      severity: 'error',
      from: { path: '^src/(store|deck|config|fs)/' },
      to: { path: '^src/(app|ui|commands|charts)/|^src/cli' },
    },
    {
      name: 'sync-is-below-the-app',
      comment:
        'sync/ runs git over the progress folder: it may use fs/, text/, store/ and errors.ts, nothing above them.',
      severity: 'error',
      from: { path: layer('sync') },
      to: {
        path: '^src/',
        pathNot: [layer('sync'), layer('fs'), layer('text'), layer('store'), '^src/errors\\.ts$'],
      },
    },
    {
      name: 'sync-is-for-commands',
      comment: 'Syncing is a command (recall sync, or one started at a session end), never a layer below.',
      severity: 'error',
      from: { path: '^src/(core|text|charts|ui|app|store|deck|config|fs)/' },
      to: { path: layer('sync') },
    },
    {
      name: 'import-is-below-the-app',
      comment:
        'import/ turns Anki packages and text files into decks and log entries: it may use core/, deck/, text/, fs/, store/ and errors.ts, nothing above them, and schedules only through core/scheduler.ts.',
      severity: 'error',
      from: { path: layer('import') },
      to: {
        path: ['^src/', '^node_modules/(ts-fsrs|ink|react)/'],
        pathNot: [
          layer('import'),
          layer('core'),
          layer('deck'),
          layer('text'),
          layer('fs'),
          layer('store'),
          '^src/errors\\.ts$',
        ],
      },
    },
    {
      name: 'import-is-for-commands',
      comment: 'Importing is a command (recall import, recall export --anki), never a layer below.',
      severity: 'error',
      from: { path: '^src/(core|text|charts|ui|app|store|deck|config|fs|sync)/' },
      to: { path: layer('import') },
    },
    {
      name: 'deck-knows-no-fsrs',
      comment: 'Decks are files of cards; scheduling is the core\'s.',
      severity: 'error',
      from: { path: layer('deck') },
      to: { path: ['^node_modules/ts-fsrs/', '^src/core/scheduler'] },
    },
    {
      name: 'app-draws-nothing',
      comment: 'The application layer serves the CLI and the TUI alike.',
      severity: 'error',
      from: { path: layer('app') },
      to: { path: ['^src/(ui|commands|charts)/', '^node_modules/(ink|react)/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
