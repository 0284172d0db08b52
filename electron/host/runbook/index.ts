/**
 * The runbook file format, the guide importers and the linter, as the host's other modules (RPC
 * handlers, CLI) use them. Every function here throws only RunbookInputError for bad input.
 */
export { RunbookInputError } from './errors';
export { maxInputBytes } from './input';
export { parseRunbook } from './format/parse';
export { serializeRunbook } from './format/serialize';
export { importGuide, detectFormat } from './importers/import-guide';
export type { IncludeResolver } from './importers/shell-guide';
export { lintRunbook } from './lint';
