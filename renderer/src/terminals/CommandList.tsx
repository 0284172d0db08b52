import type { OpenTerminal } from './terminal-registry';

/** The commands a session ran, newest last, with how each ended. */
export function CommandList({ open }: { open: OpenTerminal }) {
  if (open.snapshot.integration === 'absent') {
    return (
      <p className="terminal-banner" role="status" data-testid="no-integration">
        No exit codes here: this shell does not report them (another shell, sudo -i, su, a network device).
        Handrail will ask you for the outcome of each step instead of guessing.
      </p>
    );
  }
  if (open.commands.length === 0) return <p className="muted">No commands yet.</p>;
  return (
    <ol className="terminal-commands" data-testid="terminal-commands">
      {open.commands.map((command) => (
        <li key={command.seq} className={`terminal-command outcome-${command.outcome}`}>
          <code className="terminal-command-text">{command.text}</code>
          <span className="terminal-command-exit" data-testid="exit-code">
            {command.outcome === 'running'
              ? 'running'
              : command.outcome === 'unknown'
                ? 'outcome unknown'
                : `exit ${command.exitCode ?? '?'}`}
          </span>
        </li>
      ))}
    </ol>
  );
}
