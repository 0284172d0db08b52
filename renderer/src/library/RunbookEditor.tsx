import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Diagnostic, Runbook } from '../../../shared/runbook/index';
import type { RevisionContent, RunbookDetail } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from './describe-error';
import { Diagnostics } from './Diagnostics';
import { StructuredEditor } from './StructuredEditor';

type Draft = { mode: 'structured'; runbook: Runbook } | { mode: 'markdown'; source: string };

interface RunbookEditorProps {
  id: string;
  onSaved(): void;
  onCancel(): void;
}

/**
 * Edits a runbook as a form or as its Markdown file; switching converts through the host's own
 * parser and serializer, so both modes hold the same runbook. Saving makes a new revision.
 */
export function RunbookEditor({ id, onSaved, onCancel }: RunbookEditorProps) {
  const { client } = useHost();
  const ids = { message: useId() };
  const [base, setBase] = useState<RunbookDetail | undefined>(undefined);
  const [draft, setDraft] = useState<Draft | undefined>(undefined);
  const [message, setMessage] = useState('');
  const [problems, setProblems] = useState<Diagnostic[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  // Loaded once: the edit is based on this revision, whatever is saved elsewhere meanwhile.
  useEffect(() => {
    if (client === undefined) return;
    const controller = new AbortController();
    client.call('runbooks.get', { id }, { signal: controller.signal }).then(
      (detail) => {
        setBase(detail);
        setProblems(detail.diagnostics);
        setDraft(
          detail.runbook === null
            ? { mode: 'markdown', source: detail.source }
            : { mode: 'structured', runbook: detail.runbook },
        );
      },
      (failure: unknown) => !controller.signal.aborted && setError(describeError(failure)),
    );
    return () => controller.abort();
  }, [client, id]);

  if (error !== undefined && base === undefined) return <p className="error">{error}</p>;
  if (client === undefined || base === undefined || draft === undefined)
    return <p className="muted">Loading…</p>;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  const switchTo = (mode: Draft['mode']) =>
    run(async () => {
      if (mode === draft.mode) return;
      if (draft.mode === 'structured') {
        const { source } = await client.call('runbooks.serialize', { runbook: draft.runbook });
        setDraft({ mode: 'markdown', source });
        return;
      }
      const parsed = await client.call('runbooks.parse', { source: draft.source });
      setProblems(parsed.diagnostics);
      if (parsed.runbook === null)
        throw new Error('fix the problems listed above to edit the steps as a form');
      setDraft({ mode: 'structured', runbook: parsed.runbook });
    });

  const save = (event: FormEvent) => {
    event.preventDefault();
    const content: RevisionContent =
      draft.mode === 'structured'
        ? { kind: 'model', runbook: draft.runbook }
        : { kind: 'markdown', source: draft.source };
    void run(async () => {
      await client.call('runbooks.saveRevision', { id, baseRevision: base.revision, message, content });
      onSaved();
    });
  };

  return (
    // noValidate: the host validates the whole runbook and names the field; the browser's own
    // checks would block the save with a bubble that points at one input far down the page.
    <form className="runbook-editor" onSubmit={save} aria-label="Runbook editor" noValidate>
      <header className="runbook-header">
        <h1>Edit {base.title}</h1>
        <span className="muted">based on revision {base.revision}</span>
      </header>
      <div className="actions" role="group" aria-label="Editor mode">
        {(['structured', 'markdown'] as const).map((mode) => (
          <button
            key={mode}
            type="button"
            aria-pressed={draft.mode === mode}
            disabled={busy}
            onClick={() => void switchTo(mode)}
          >
            {mode === 'structured' ? 'Structured' : 'Markdown'}
          </button>
        ))}
      </div>
      <Diagnostics diagnostics={problems} />
      {draft.mode === 'structured' ? (
        <StructuredEditor
          runbook={draft.runbook}
          onChange={(runbook) => setDraft({ mode: 'structured', runbook })}
        />
      ) : (
        <div className="field">
          <label htmlFor={`${ids.message}-source`}>Runbook file (Markdown)</label>
          <textarea
            id={`${ids.message}-source`}
            className="code source-editor"
            rows={30}
            spellCheck={false}
            value={draft.source}
            onChange={(event) => setDraft({ mode: 'markdown', source: event.target.value })}
          />
        </div>
      )}
      <div className="save-bar">
        <div className="field grow">
          <label htmlFor={ids.message}>Revision message</label>
          <input
            id={ids.message}
            value={message}
            maxLength={2000}
            onChange={(event) => setMessage(event.target.value)}
          />
        </div>
        <button type="submit" disabled={busy}>
          Save revision
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
