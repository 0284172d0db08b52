import { useHost } from '../host-client/HostProvider';

const transportLabels = { 'message-port': 'app', websocket: 'browser mode' } as const;

export function StatusBar() {
  const { status } = useHost();
  return (
    <footer className="status-bar" role="status" aria-label="Connection to the host">
      <span className={`status-dot status-${status.state}`} aria-hidden="true" />
      {status.state === 'connecting' && <span>Connecting to the Handrail host…</span>}
      {status.state === 'connected' && (
        <span data-testid="host-status">
          Connected to the host ({transportLabels[status.transport]}) · Handrail {status.info.version}
        </span>
      )}
      {status.state === 'disconnected' && (
        <span data-testid="host-status">Disconnected from the host: {status.reason}. Reconnecting…</span>
      )}
    </footer>
  );
}
