import { useEffect, useState } from 'react';
import { environmentKinds, type EnvironmentKind } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';

/**
 * Which environment kinds need a second person's approval before a run changes anything
 * (docs/approval.md): a setting of this workspace, production by default. It applies to runs
 * started from now on; a run records the policy it started under.
 */
export function ApprovalPolicyPanel() {
  const { client } = useHost();
  const [requiredFor, setRequiredFor] = useState<EnvironmentKind[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    client?.call('approvals.policy', {}).then(
      (policy) => setRequiredFor(policy.requiredFor),
      (failure: unknown) => setError(describeError(failure)),
    );
  }, [client]);
  if (client === undefined || requiredFor === undefined) return null;
  const toggle = (kind: EnvironmentKind, on: boolean) => {
    setError(undefined);
    const before = requiredFor;
    const next = on ? [...requiredFor, kind] : requiredFor.filter((item) => item !== kind);
    // Shown at once, then as the host stored it; put back if the host refused.
    setRequiredFor(next);
    client.call('approvals.setPolicy', { requiredFor: next }).then(
      (policy) => setRequiredFor(policy.requiredFor),
      (failure: unknown) => {
        setRequiredFor(before);
        setError(describeError(failure));
      },
    );
  };
  return (
    <fieldset className="approval-policy" data-testid="approval-policy">
      <legend>Approval before change</legend>
      <p className="muted">Runs on these kinds wait for a second person&apos;s approval of their plan.</p>
      {environmentKinds.map((kind) => (
        <label key={kind} className="check">
          <input
            type="checkbox"
            checked={requiredFor.includes(kind)}
            onChange={(event) => toggle(kind, event.target.checked)}
          />
          {kind}
        </label>
      ))}
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
