import { useEffect, useState } from 'react';
import type { StorageSummary } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';

const transportLabels = { 'message-port': 'app', websocket: 'browser mode' } as const;

/**
 * How often the data folder's counts are read again: two COUNTs, cheap; often enough that a
 * run started in another window shows within a glance.
 */
const storageRefreshMs = 10_000;

export function StatusBar() {
  const { status, client } = useHost();
  const storage = useStorage(status.state === 'connected' ? client : undefined);
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
      {storage !== undefined && (
        <span data-testid="data-folder" title="The data folder this window works in">
          {' '}
          · data in <code>{storage.dataDir}</code>: {plural(storage.runbooks, 'runbook')},{' '}
          {plural(storage.runs, 'run')}
          {storage.importedRuns > 0 ? `, ${plural(storage.importedRuns, 'imported run')}` : ''}
        </span>
      )}
    </footer>
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function useStorage(client: ReturnType<typeof useHost>['client']): StorageSummary | undefined {
  const [storage, setStorage] = useState<StorageSummary | undefined>(undefined);
  useEffect(() => {
    if (client === undefined) return;
    let live = true;
    const read = () =>
      client.call('app.storage', {}).then(
        (summary) => live && setStorage(summary),
        () => undefined,
      );
    void read();
    const timer = setInterval(() => void read(), storageRefreshMs);
    // A run started or changed shows in the counts soon after, read once per burst of changes.
    let soon: ReturnType<typeof setTimeout> | undefined;
    const off = client.on('runs.changed', () => {
      soon ??= setTimeout(() => {
        soon = undefined;
        void read();
      }, 1000);
    });
    return () => {
      live = false;
      clearInterval(timer);
      clearTimeout(soon);
      off();
    };
  }, [client]);
  return storage;
}
