/** A failure as one line for the page: the host's messages already name the file, line or field. */
export function describeError(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}
