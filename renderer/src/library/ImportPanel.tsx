import { useId, useState, type FormEvent } from 'react';
import type { ImportReview } from '../../../shared/runbook/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from './describe-error';
import { readGuideFile, type GuideText } from './read-guide-file';

interface ImportPanelProps {
  onReview(input: GuideText, review: ImportReview): void;
  onCancel(): void;
}

/** Choose a guide file or paste one; the host reads it into a review. Nothing is stored here. */
export function ImportPanel({ onReview, onCancel }: ImportPanelProps) {
  const { client } = useHost();
  const ids = { file: useId(), name: useId(), text: useId() };
  const [pasted, setPasted] = useState<GuideText>({ fileName: 'pasted-guide.md', text: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const preview = async (input: GuideText | Promise<GuideText>) => {
    if (client === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      const guide = await input;
      onReview(guide, await client.call('runbooks.importPreview', guide));
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  const submitPasted = (event: FormEvent) => {
    event.preventDefault();
    void preview(pasted);
  };

  return (
    <section className="import-panel" aria-labelledby={`${ids.file}-heading`}>
      <h1 id={`${ids.file}-heading`}>Import a guide</h1>
      <p className="muted">
        Markdown, MDX (Docusaurus) or reStructuredText upgrade guides, shell scripts, or a Handrail runbook
        file. You review the result before anything is saved.
      </p>
      <div className="field">
        <label htmlFor={ids.file}>Guide file</label>
        <input
          id={ids.file}
          type="file"
          accept=".md,.mdx,.markdown,.rst,.txt,.sh,.bash,text/markdown,text/plain,text/x-sh"
          disabled={busy}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file !== undefined) void preview(readGuideFile(file));
            event.target.value = '';
          }}
        />
      </div>
      <form onSubmit={submitPasted} className="paste-form">
        <h2>Or paste the guide</h2>
        <div className="field">
          <label htmlFor={ids.name}>File name (picks the format)</label>
          <input
            id={ids.name}
            value={pasted.fileName}
            onChange={(event) => setPasted({ ...pasted, fileName: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.text}>Guide text</label>
          <textarea
            id={ids.text}
            rows={12}
            spellCheck={false}
            value={pasted.text}
            onChange={(event) => setPasted({ ...pasted, text: event.target.value })}
          />
        </div>
        <div className="actions">
          <button type="submit" disabled={busy || pasted.text.trim() === ''}>
            Review pasted guide
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
      {busy && <p role="status">Reading the guide…</p>}
      {error !== undefined && (
        <p className="error" role="alert">
          Could not import: {error}
        </p>
      )}
    </section>
  );
}
