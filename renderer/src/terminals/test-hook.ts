import { bufferText, type TerminalRegistry } from './terminal-registry';

/**
 * A read-only view for end-to-end tests: the text of each terminal's buffer and its commands'
 * exit codes, as the operator sees them. It exposes nothing the page does not already show and
 * can change nothing.
 */
export function installTestHook(registry: TerminalRegistry): () => void {
  const hook = Object.freeze({
    terminals: () =>
      registry.list().map((open) => ({
        id: open.id,
        text: bufferText(open.term),
        integration: open.snapshot.integration,
        exitCodes: open.commands.map((command) => command.exitCode),
      })),
  });
  Object.defineProperty(window, '__handrailTerminals', { value: hook, configurable: true, writable: false });
  return () => {
    Reflect.deleteProperty(window, '__handrailTerminals');
  };
}
