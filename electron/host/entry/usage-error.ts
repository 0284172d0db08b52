/** A mistake in the command line: printed as one line, never as a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
