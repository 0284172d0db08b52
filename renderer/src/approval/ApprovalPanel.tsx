import { useState } from 'react';
import type { RunHeader } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { downloadTextFile } from '../library/download-file';
import type { DialogSpec } from '../run-screen/FormDialog';
import { rememberedKeyPath, rememberKeyPath } from '../reports/KeyChoice';
import './approval.css';

/**
 * The run screen's approval before change (docs/approval.md): while the plan awaits a second
 * person, what can unlock the run (approve here, export the request, import an approval, an
 * emergency start); after an emergency start, the review after the fact it still owes.
 */
export function ApprovalPanel({ run, open }: { run: RunHeader; open(spec: DialogSpec): void }) {
  const { client } = useHost();
  const [error, setError] = useState<string | undefined>(undefined);
  const [planHash, setPlanHash] = useState<string | undefined>(undefined);
  const approval = run.approval;
  if (approval === undefined || client === undefined) return null;
  const runId = run.id;
  const pending = approval.state === 'awaiting' || approval.state === 'emergency-review-pending';
  const emergency = approval.emergency;
  const done = async (work: Promise<unknown>) => {
    await work;
  };

  const approveHere = () =>
    open({
      title: approval.state === 'awaiting' ? 'Approve the plan here' : 'Review the emergency start here',
      intro: (
        <p>
          A second person, not the operator ({run.operator}), signs the run&apos;s plan with their own SSH
          key. The signature, name, role and key are recorded in the run&apos;s log.
        </p>
      ),
      fields: [
        { name: 'name', label: 'Approver name', required: true },
        { name: 'role', label: 'Role', initial: 'Change approver' },
        { name: 'keyPath', label: 'SSH key path', required: true, initial: rememberedKeyPath() },
      ],
      submitLabel: 'Sign approval',
      submit: (values) => {
        rememberKeyPath(values.keyPath ?? '');
        return done(
          client.call('approvals.approveHere', {
            runId,
            name: values.name ?? '',
            role: values.role ?? '',
            key: { kind: 'ssh', keyPath: values.keyPath ?? '' },
          }),
        );
      },
    });

  const exportRequest = () => {
    setError(undefined);
    client.call('approvals.plan', { runId }).then(
      (plan) => {
        setPlanHash(plan.planSha256);
        downloadTextFile(plan.fileName, plan.request);
      },
      (failure: unknown) => setError(describeError(failure)),
    );
  };

  const importApproval = (file: File | undefined) => {
    if (file === undefined) return;
    setError(undefined);
    file
      .text()
      .then((text) => client.call('approvals.import', { runId, approval: text }))
      .catch((failure: unknown) => setError(describeError(failure)));
  };

  const emergencyStart = () =>
    open({
      title: 'Emergency start without approval',
      intro: (
        <p>
          The run starts now, before anyone approved its plan. It is marked <strong>EMERGENCY START</strong>{' '}
          in its header, the runs list, every report and the bundle, and shows &ldquo;review pending&rdquo;
          until an approver signs a review after the fact. Type the environment&apos;s name (
          {run.environment.name}) to confirm.
        </p>
      ),
      fields: [
        { name: 'reason', label: 'Reason', multiline: true, required: true },
        { name: 'confirm', label: 'Environment name', required: true },
      ],
      submitLabel: 'Start as emergency',
      danger: true,
      submit: (values) => {
        if ((values.confirm ?? '').trim() !== run.environment.name.trim())
          return Promise.reject(
            new Error(`type the environment's name (${run.environment.name}) to confirm`),
          );
        return done(client.call('approvals.emergencyStart', { runId, reason: values.reason ?? '' }));
      },
    });

  if (!pending) {
    const record = approval.retrospective ?? approval.approval;
    if (record === null) return null;
    return (
      <p className="muted" data-testid="approval-summary">
        {approval.state === 'approved' ? 'Approved' : 'Emergency start reviewed'} by {record.name} (
        {record.role}), key {record.fingerprint},{' '}
        {record.trust === 'trusted'
          ? `trusted by ${record.trustFile ?? 'the trust file'}`
          : "approver's key not judged"}
      </p>
    );
  }
  return (
    <section
      className={`approval-panel${emergency !== null ? ' emergency' : ''}`}
      aria-label="Approval"
      data-testid="approval-panel"
    >
      {approval.state === 'awaiting' ? (
        <>
          <h2>Awaiting approval</h2>
          {approval.withdrawn?.map((withdrawn) => (
            <p key={withdrawn.at} data-testid="approval-withdrawn">
              The approval by {withdrawn.approval.name} was withdrawn: {withdrawn.reason}.
            </p>
          ))}
          <p>
            {approval.requiredBecause}. No step can run until a second person approves the plan, or the run is
            started as an emergency.
          </p>
        </>
      ) : (
        <>
          <h2>Emergency start: review pending</h2>
          <p>
            Started by {emergency?.by} without approval: {emergency?.reason}. An approver must sign a review
            after the fact.
          </p>
        </>
      )}
      <div className="actions" role="toolbar" aria-label="Approval actions">
        <button type="button" onClick={approveHere}>
          {approval.state === 'awaiting' ? 'Approve here' : 'Review here'}
        </button>
        <button type="button" onClick={exportRequest}>
          Export request
        </button>
        <label className="file-button">
          Import approval{' '}
          <input
            type="file"
            aria-label="Import approval"
            accept=".json,application/json"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              importApproval(file);
            }}
          />
        </label>
        {approval.state === 'awaiting' && (
          <button type="button" className="danger" onClick={emergencyStart}>
            Emergency start
          </button>
        )}
      </div>
      {planHash !== undefined && (
        <p className="muted">
          Request exported: plan sha256 <code data-testid="plan-sha256">{planHash}</code>
        </p>
      )}
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
