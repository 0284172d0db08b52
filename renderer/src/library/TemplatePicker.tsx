import { useEffect, useState } from 'react';
import type { RunbookSummary, RunbookTemplate } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from './describe-error';

interface TemplatePickerProps {
  onCreated(runbook: RunbookSummary): void;
  onCancel(): void;
}

/** The runbook templates bundled with Handrail; choosing one adds a copy to the library. */
export function TemplatePicker({ onCreated, onCancel }: TemplatePickerProps) {
  const { client } = useHost();
  const [templates, setTemplates] = useState<RunbookTemplate[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    client
      ?.call('runbooks.templates', {})
      .then(setTemplates, (failure: unknown) => setError(describeError(failure)));
  }, [client]);

  const create = (templateId: string) => {
    client
      ?.call('runbooks.createFromTemplate', { templateId })
      .then(onCreated, (failure: unknown) => setError(describeError(failure)));
  };

  return (
    <section aria-label="Templates">
      <header className="runbook-header">
        <h1>New runbook from a template</h1>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </header>
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {templates === undefined && error === undefined && <p className="muted">Loading…</p>}
      {templates?.length === 0 && <p className="muted">No templates are bundled with this build.</p>}
      <ul className="template-list">
        {templates?.map((template) => (
          <li key={template.id}>
            <h2>{template.title}</h2>
            <p className="muted">{template.description}</p>
            <button
              type="button"
              onClick={() => create(template.id)}
              aria-label={`Use template ${template.title}`}
            >
              Use this template
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
