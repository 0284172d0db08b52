import { useState, type ChangeEvent } from 'react';
import type { LibraryImportSummary } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from './describe-error';
import { readGuideFile } from './read-guide-file';
import { writeTar } from './tar-writer';
import './library-files.css';

const folderName = 'handrail-library';

/**
 * The whole library as files: export downloads one .tar of Markdown files (a page cannot write a
 * folder, and one archive is one download instead of a prompt per file); import takes the
 * unpacked folder or chosen .md files, and reports what became new, revised or stayed the same.
 */
export function LibraryFilesActions() {
  const { client } = useHost();
  const [summary, setSummary] = useState<LibraryImportSummary | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  const exportAll = async () => {
    if (client === undefined) return;
    try {
      const { files } = await client.call('library.exportFiles', {});
      const encoder = new TextEncoder();
      const tar = writeTar(
        files.map((file) => ({ path: `${folderName}/${file.name}`, data: encoder.encode(file.text) })),
        Date.now() / 1000,
      );
      download(`${folderName}.tar`, tar);
      setError(undefined);
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const importChosen = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(event.target.files ?? [])].filter((file) => file.name.toLowerCase().endsWith('.md'));
    event.target.value = '';
    if (client === undefined || chosen.length === 0) return;
    try {
      const files = await Promise.all(
        chosen.map(async (file) => ({
          name: file.webkitRelativePath || file.name,
          text: (await readGuideFile(file)).text,
        })),
      );
      setSummary(await client.call('library.importFiles', { files }));
      setError(undefined);
    } catch (failure) {
      setSummary(undefined);
      setError(describeError(failure));
    }
  };

  return (
    <div className="library-files">
      <button type="button" onClick={() => void exportAll()} disabled={client === undefined}>
        Export library (.tar)
      </button>
      <label className="button-like">
        Import folder…
        <input
          type="file"
          hidden
          aria-label="Import a library folder"
          // A folder picker in Chromium and Electron; each file keeps its path in the folder.
          {...{ webkitdirectory: '' }}
          onChange={(event) => void importChosen(event)}
        />
      </label>
      <label className="button-like">
        Import files…
        <input
          type="file"
          hidden
          multiple
          accept=".md,text/markdown"
          aria-label="Import runbook files"
          onChange={(event) => void importChosen(event)}
        />
      </label>
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {summary !== undefined && (
        <p className="muted" role="status" data-testid="library-import-summary">
          {summary.created.length} new, {summary.revised.length} revised, {summary.unchanged.length} unchanged
          {summary.warnings.map((warning) => (
            <span key={warning} className="warning">
              {' '}
              {warning}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

function download(fileName: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/x-tar' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
