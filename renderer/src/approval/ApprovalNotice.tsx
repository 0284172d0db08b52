import { useEffect, useState } from 'react';
import type { EnvironmentKind } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';

/**
 * The start flow says before the start that the run will wait for a second person's approval
 * (docs/approval.md): the run is created, but no step runs until its plan is approved.
 */
export function ApprovalNotice({ kind }: { kind: EnvironmentKind | undefined }) {
  const { client } = useHost();
  const [requiredFor, setRequiredFor] = useState<EnvironmentKind[] | undefined>(undefined);
  useEffect(() => {
    client?.call('approvals.policy', {}).then(
      (policy) => setRequiredFor(policy.requiredFor),
      () => setRequiredFor(undefined),
    );
  }, [client]);
  if (kind === undefined || requiredFor?.includes(kind) !== true) return null;
  return (
    <p className="notice" data-testid="approval-notice">
      {kind} runs need a second person&apos;s approval: the run starts awaiting approval, and no step runs
      until its plan is approved here or from an exported request (or it is started as an emergency).
    </p>
  );
}
