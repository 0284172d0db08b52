import { useEffect, useState, useSyncExternalStore } from 'react';
import { useHost } from '../host-client/HostProvider';
import { CommandList } from './CommandList';
import { SshForm } from './SshForm';
import { TerminalPane } from './TerminalPane';
import { TerminalRegistry } from './terminal-registry';
import { installTestHook } from './test-hook';
import './terminals.css';

const statusText = {
  connecting: 'connecting…',
  connected: 'connected',
  dropped: 'dropped',
  exited: 'exited',
};

/** Where the run's terminals live: tabs of local shells and SSH sessions to the control host. */
export function TerminalDock() {
  const { client } = useHost();
  const [registry, setRegistry] = useState<TerminalRegistry | undefined>(undefined);
  const [activeId, setActiveId] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [showSsh, setShowSsh] = useState(false);

  useEffect(() => {
    if (client === undefined) return;
    const created = new TerminalRegistry(client, (uri) =>
      window.confirm(`Open this link from the terminal?\n\n${uri}`),
    );
    const removeHook = installTestHook(created);
    setRegistry(created);
    created.adoptOpenSessions().catch((failure: unknown) => setError(String(failure)));
    return () => {
      removeHook();
      created.dispose();
      setRegistry(undefined);
    };
  }, [client]);

  useSyncExternalStore(registry?.subscribe ?? noSubscribe, registry?.getVersion ?? zero);
  const terminals = registry?.list() ?? [];
  const active = terminals.find((open) => open.id === activeId) ?? terminals.at(-1);

  const open = async (params: Parameters<TerminalRegistry['open']>[0]): Promise<void> => {
    if (registry === undefined) return;
    setError(undefined);
    try {
      const opened = await registry.open(params);
      setActiveId(opened.id);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  // A run's terminal is its shell: closing it here ends the run's session, so it asks first.
  const closeTerminal = (terminal: { id: string; snapshot: { runId: string | null } }): void => {
    if (
      terminal.snapshot.runId !== null &&
      !window.confirm(
        'This terminal belongs to a run. Closing it ends the run’s shell (its folder and exported variables); the run opens a new one when it next needs it. Close it?',
      )
    )
      return;
    void registry?.close(terminal.id);
  };

  return (
    <aside className="terminal-dock" aria-label="Terminals">
      <h2 className="pane-title">Terminals</h2>
      <div className="terminal-toolbar">
        <button
          type="button"
          disabled={registry === undefined}
          onClick={() => void open({ target: { kind: 'local' } })}
        >
          New local terminal
        </button>
        <button type="button" disabled={registry === undefined} onClick={() => setShowSsh((shown) => !shown)}>
          SSH…
        </button>
      </div>
      {showSsh && (
        <SshForm
          onOpen={(profile) => {
            setShowSsh(false);
            void open({ target: { kind: 'ssh', profile } });
          }}
        />
      )}
      {error !== undefined && (
        <p className="terminal-error" role="alert">
          {error}
        </p>
      )}
      {terminals.length === 0 ? (
        <p className="muted">Open a local shell or SSH to the control host.</p>
      ) : (
        <>
          <div className="terminal-tabs" role="tablist">
            {terminals.map((open) => (
              <button
                key={open.id}
                type="button"
                role="tab"
                aria-selected={open === active}
                className="terminal-tab"
                onClick={() => setActiveId(open.id)}
              >
                {open.snapshot.runId !== null && <span className="badge">run</span>} {open.snapshot.title} ·{' '}
                {statusText[open.snapshot.status]}
              </button>
            ))}
          </div>
          {terminals.map((open) => (
            <TerminalPane key={open.id} open={open} visible={open === active} />
          ))}
          {active !== undefined && (
            <section className="terminal-session" aria-label="Session">
              {active.snapshot.runId !== null && (
                <p className="warn" data-testid="run-terminal-label">
                  This is the terminal of a run: what is typed here is recorded in that run.{' '}
                  <a href={`#/runs/${active.snapshot.runId}`}>Open the run</a>
                </p>
              )}
              <div className="terminal-session-actions">
                {(active.snapshot.status === 'dropped' || active.snapshot.status === 'exited') && (
                  <button
                    type="button"
                    onClick={() => void client?.call('terminals.reconnect', { id: active.id })}
                  >
                    Reconnect
                  </button>
                )}
                <button type="button" onClick={() => closeTerminal(active)}>
                  Close
                </button>
              </div>
              <CommandList open={active} />
            </section>
          )}
        </>
      )}
    </aside>
  );
}

const noSubscribe = (): (() => void) => () => {};
const zero = (): number => 0;
