import { useEffect, useImperativeHandle, useState, useSyncExternalStore, type Ref } from 'react';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { TerminalPane } from '../terminals/TerminalPane';
import { TerminalRegistry } from '../terminals/terminal-registry';
import { installTestHook } from '../terminals/test-hook';
import '../terminals/terminals.css';

export interface RunTerminalHandle {
  focus(): void;
}

const statusText = {
  connecting: 'connecting…',
  connected: 'connected',
  dropped: 'dropped',
  exited: 'exited',
};

/**
 * The run's terminal on the environment's control host, beside the steps: the host opens it (or
 * returns the open one) and this window shows it, as the terminal dock shows its own sessions.
 */
export function RunTerminal({
  runId,
  active,
  handle,
}: {
  runId: string;
  active: boolean;
  handle: Ref<RunTerminalHandle>;
}) {
  const { client } = useHost();
  const [registry, setRegistry] = useState<TerminalRegistry | undefined>(undefined);
  const [terminalId, setTerminalId] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (client === undefined || !active) return;
    const created = new TerminalRegistry(client, (uri) =>
      window.confirm(`Open this link from the terminal?\n\n${uri}`),
    );
    const removeHook = installTestHook(created);
    setRegistry(created);
    let live = true;
    client
      .call('runs.openTerminal', { id: runId })
      .then(({ terminalId: id }) => created.adopt(id).then(() => live && setTerminalId(id)))
      .catch((failure: unknown) => live && setError(describeError(failure)));
    return () => {
      live = false;
      removeHook();
      created.dispose();
      setRegistry(undefined);
      setTerminalId(undefined);
    };
  }, [client, runId, active]);

  useSyncExternalStore(registry?.subscribe ?? noSubscribe, registry?.getVersion ?? zero);
  const open = terminalId === undefined ? undefined : registry?.get(terminalId);
  useImperativeHandle(handle, () => ({ focus: () => open?.term.focus() }), [open]);

  if (!active)
    return <p className="muted">The run is over: its terminal is closed (the transcript is kept).</p>;
  return (
    <section className="run-terminal" aria-label="Run terminal">
      <h2 className="pane-title">
        Terminal {open !== undefined && `· ${open.snapshot.title} · ${statusText[open.snapshot.status]}`}
      </h2>
      {error !== undefined && (
        <p className="terminal-error" role="alert">
          {error}
        </p>
      )}
      {open === undefined && error === undefined && (
        <p className="muted">Opening the terminal on the control host…</p>
      )}
      {open !== undefined && (
        <>
          <TerminalPane open={open} visible autoFocus={false} />
          {open.snapshot.integration === 'absent' && (
            <p className="terminal-banner" role="status">
              No exit codes here: run commands yourself and mark each step's outcome.
            </p>
          )}
          {(open.snapshot.status === 'dropped' || open.snapshot.status === 'exited') && (
            <button type="button" onClick={() => void client?.call('terminals.reconnect', { id: open.id })}>
              Reconnect
            </button>
          )}
        </>
      )}
    </section>
  );
}

const noSubscribe = (): (() => void) => () => {};
const zero = (): number => 0;
