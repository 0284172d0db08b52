import { DataDirInUseError } from '../store/data-dir-lock';
import {
  DatabaseNeedsUpgradeError,
  DatabaseTooNewError,
  NoDatabaseError,
  NotAHandrailDatabaseError,
} from '../store/errors';
import { RunbookInputError } from '../runbook/errors';
import { RunbookReadRefused } from '../runbook-reader/runbook-reader';
import { UsageError } from './usage-error';

/** Errors people can act on are printed as one plain line; anything else also gets its stack. */
export function reportFatal(error: unknown): never {
  const plain =
    error instanceof UsageError ||
    error instanceof RunbookInputError ||
    error instanceof RunbookReadRefused ||
    error instanceof DatabaseTooNewError ||
    error instanceof DatabaseNeedsUpgradeError ||
    error instanceof NoDatabaseError ||
    error instanceof DataDirInUseError ||
    error instanceof NotAHandrailDatabaseError ||
    (error instanceof Error && 'code' in error && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION');
  if (plain) console.error(`handrail: ${(error as Error).message}`);
  else console.error('handrail: unexpected error:', error);
  process.exit(plain ? 2 : 1);
}
