import { useCallback, useEffect, useState } from 'react';
import type { Environment, InventorySource, StoredInventory } from '../../../shared/contract/index';
import type { Inventory } from '../../../shared/inventory/index';
import { formatTime } from '../format/time';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { InventoryReview } from './InventoryReview';

interface Candidate {
  text: string;
  fileName: string;
  source: InventorySource;
}

/**
 * The environment's inventory: paste one, import a file, or fetch it from the control host
 * (e.g. `ansible-inventory -i <path> --list`); review its groups and hosts; then save it.
 * Nothing is saved before the operator has seen the preview of exactly that text.
 */
export function InventoryEditor({ environment }: { environment: Environment }) {
  const { client } = useHost();
  const [saved, setSaved] = useState<StoredInventory | null | undefined>(undefined);
  const [candidate, setCandidate] = useState<Candidate>({
    text: '',
    fileName: '',
    source: { kind: 'pasted' },
  });
  const [preview, setPreview] = useState<Inventory | undefined>(undefined);
  const [command, setCommand] = useState('ansible-inventory --list');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    client
      ?.call('inventories.get', { environmentId: environment.id })
      .then(setSaved, (failure: unknown) => setError(describeError(failure)));
  }, [client, environment.id]);
  useEffect(() => {
    load();
    return client?.on('inventories.changed', (event) => {
      if (event.environmentId === environment.id) load();
    });
  }, [client, environment.id, load]);

  const change = (next: Candidate) => {
    setCandidate(next);
    setPreview(undefined);
  };
  const work = (promise: Promise<void> | undefined) => {
    if (promise === undefined) return;
    setBusy(true);
    setError(undefined);
    promise.catch((failure: unknown) => setError(describeError(failure))).finally(() => setBusy(false));
  };
  const fileName = candidate.fileName.trim();
  const previewText = () =>
    work(
      client
        ?.call('inventories.preview', { text: candidate.text, ...(fileName === '' ? {} : { fileName }) })
        .then(setPreview),
    );
  const fetch = () =>
    work(
      client?.call('inventories.fetch', { environmentId: environment.id, command }).then((result) => {
        setCandidate({ text: result.text, fileName: '', source: { kind: 'fetched', command } });
        setPreview(result.inventory);
      }),
    );
  const save = () =>
    work(
      client
        ?.call('inventories.save', {
          environmentId: environment.id,
          text: candidate.text,
          ...(fileName === '' ? {} : { fileName }),
          source: candidate.source,
        })
        .then((stored) => {
          setSaved(stored);
          setPreview(undefined);
          setCandidate({ text: '', fileName: '', source: { kind: 'pasted' } });
        }),
    );

  return (
    <section className="inventory-editor" aria-label="Inventory">
      <h2>Inventory</h2>
      {saved === null && (
        <p className="muted">No inventory yet: rolling steps need one to plan their hosts.</p>
      )}
      {saved !== null && saved !== undefined && (
        <p data-testid="saved-inventory">
          Saved: <strong>{saved.inventory.file}</strong> ({saved.inventory.format}),{' '}
          {saved.inventory.hosts.length} hosts, {saved.source.kind}
          {saved.source.kind === 'fetched' && <code> {saved.source.command}</code>} at{' '}
          {formatTime(saved.savedAt)}
        </p>
      )}
      <div className="field-row">
        <label className="field grow">
          <span>Fetch from the control host with</span>
          <input
            aria-label="Inventory command"
            value={command}
            onChange={(event) => setCommand(event.target.value)}
          />
        </label>
        <button type="button" onClick={fetch} disabled={busy || command.trim() === ''}>
          Fetch
        </button>
      </div>
      <label className="field">
        <span>Import a file (INI, YAML, the JSON of ansible-inventory --list, or a list of hosts)</span>
        <input
          type="file"
          aria-label="Inventory file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file === undefined) return;
            void file.text().then((text) => change({ text, fileName: file.name, source: { kind: 'file' } }));
          }}
        />
      </label>
      <label className="field">
        <span>Or paste it</span>
        <textarea
          aria-label="Inventory text"
          rows={8}
          spellCheck={false}
          value={candidate.text}
          onChange={(event) => change({ ...candidate, text: event.target.value, source: { kind: 'pasted' } })}
        />
      </label>
      <div className="field-row">
        <label className="field">
          <span>File name (for messages and the format)</span>
          <input
            aria-label="Inventory file name"
            value={candidate.fileName}
            placeholder="hosts.ini"
            onChange={(event) => change({ ...candidate, fileName: event.target.value })}
          />
        </label>
        <button type="button" onClick={previewText} disabled={busy || candidate.text.trim() === ''}>
          Preview inventory
        </button>
        <button type="button" onClick={save} disabled={busy || preview === undefined}>
          Save inventory
        </button>
      </div>
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {preview !== undefined && <InventoryReview inventory={preview} />}
    </section>
  );
}
