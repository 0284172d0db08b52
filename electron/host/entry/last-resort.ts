/**
 * The host's last line of defence against an exception nobody caught. Every handler of request
 * data is meant to catch its own faults; this is for the one that was missed, so that a single
 * misbehaving client cannot take down every terminal and every running run with the process.
 *
 * What is safe to survive:
 * - a fault scoped to one client's connection (a reset socket, a broken WebSocket frame, an HTTP
 *   parse error): only that connection is affected, so the host logs it and keeps serving;
 * - an unhandled promise rejection: nothing was unwound halfway by it, so log and keep serving.
 * Any other uncaught exception may have left memory half-updated; the host logs it and exits, and
 * the next start recovers the runs from SQLite (a command in flight becomes "outcome unknown").
 */
export function installLastResort(log: (message: string, error?: unknown) => void): void {
  process.on('uncaughtException', (error) => {
    if (isClientFault(error)) {
      log('a client connection failed and was closed; the host keeps serving', error);
      return;
    }
    log('unexpected error: the host stops; runs resume from the database at the next start', error);
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    log('an operation failed without a handler; the host keeps serving', reason);
  });
}

/** Error codes raised by one peer's socket or by parsing what that peer sent. */
const clientFaultCodes = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ERR_STREAM_DESTROYED',
  'ERR_STREAM_WRITE_AFTER_END',
  'ERR_INVALID_URL',
  'ERR_INVALID_CHAR',
  'ERR_HTTP_HEADERS_SENT',
]);

function isClientFault(error: unknown): boolean {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') return false;
  return clientFaultCodes.has(error.code) || /^(WS_ERR_|HPE_)/.test(error.code);
}
