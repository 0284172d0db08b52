import { useState } from 'react';
import type { Environment } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { EnvironmentForm } from './EnvironmentForm';
import { InventoryEditor } from './InventoryEditor';
import { KindBadge } from './KindBadge';
import { RememberedSecrets } from './RememberedSecrets';
import { useEnvironments } from './use-environments';
import './environments.css';
import { ApprovalPolicyPanel } from '../approval/ApprovalPolicyPanel';

type Editing = { mode: 'new' } | { mode: 'edit'; id: string } | undefined;

/** Where runs happen: the list, and the editor for a new or the selected environment. */
export function EnvironmentsScreen() {
  const { client } = useHost();
  const { environments, error } = useEnvironments();
  const [editing, setEditing] = useState<Editing>(undefined);
  const [actionError, setActionError] = useState<string | undefined>(undefined);
  const selected =
    editing?.mode === 'edit' ? environments?.find((item) => item.id === editing.id) : undefined;

  const remove = (environment: Environment) => {
    if (!window.confirm(`Delete the environment “${environment.name}”? Past runs keep their own copy.`))
      return;
    setActionError(undefined);
    client?.call('environments.delete', { id: environment.id }).then(
      () => setEditing(undefined),
      (failure: unknown) => setActionError(describeError(failure)),
    );
  };

  return (
    <div className="section-screen environments-screen">
      <aside className="section-list" aria-label="Environments">
        <h2 className="pane-title">Environments</h2>
        <button type="button" onClick={() => setEditing({ mode: 'new' })} disabled={client === undefined}>
          New environment
        </button>
        {error !== undefined && <p className="error">{error}</p>}
        {environments?.length === 0 && <p className="muted">No environments yet.</p>}
        <ul className="environment-list">
          {environments?.map((environment) => (
            <li key={environment.id}>
              <button
                type="button"
                className={`environment-item${selected?.id === environment.id ? ' selected' : ''}`}
                style={{ borderLeftColor: environment.colour }}
                onClick={() => setEditing({ mode: 'edit', id: environment.id })}
              >
                <span>{environment.name}</span>
                <KindBadge kind={environment.kind} colour={environment.colour} />
              </button>
            </li>
          ))}
        </ul>
        <ApprovalPolicyPanel />
      </aside>
      <section className="section-main" aria-label="Environment">
        {actionError !== undefined && (
          <p className="error" role="alert">
            {actionError}
          </p>
        )}
        {editing === undefined && <p className="muted">Choose an environment or create one.</p>}
        {editing?.mode === 'new' && (
          <EnvironmentForm
            key="new"
            onSaved={(saved) => setEditing({ mode: 'edit', id: saved.id })}
            onCancel={() => setEditing(undefined)}
          />
        )}
        {selected !== undefined && (
          <>
            <EnvironmentForm
              key={selected.id}
              environment={selected}
              onSaved={() => undefined}
              onCancel={() => setEditing(undefined)}
            />
            <RememberedSecrets environment={selected} />
            <InventoryEditor key={`inventory-${selected.id}`} environment={selected} />
            <button type="button" className="danger" onClick={() => remove(selected)}>
              Delete environment
            </button>
          </>
        )}
      </section>
    </div>
  );
}
