import type { ApprovalRecord, RunApproval, RunHeader } from '../../../shared/contract/index';
import { escapeHtml, untrustedTextToHtml } from './safe-terminal-html';
import { untrustedTextToMarkdown } from './safe-markdown';

/**
 * Approval before change in a report (docs/approval.md): who approved the plan, with which key,
 * judged by the workspace's trust or not; or the emergency start, its reason, and whether it has
 * been reviewed after the fact. Every form (HTML, PDF, Markdown, JSON) shows it from the same part.
 */
export interface ReportApproval {
  state: RunApproval['state'];
  /** The one line every form leads with, e.g. "Emergency start: review pending". */
  headline: string;
  emergency: boolean;
  lines: string[];
}

export const approvalHeadlines: Record<RunApproval['state'], string> = {
  awaiting: 'Awaiting approval: no step may run until a second person approves the plan',
  approved: 'Approved before change',
  'emergency-review-pending': 'Emergency start: review pending',
  'emergency-reviewed': 'Emergency start: reviewed after the fact',
};

export function reportApproval(run: RunHeader): { approval?: ReportApproval } {
  const approval = run.approval;
  if (approval === undefined) return {};
  const lines = [approval.requiredBecause];
  if (approval.emergency !== null)
    lines.push(
      `Emergency start by ${approval.emergency.by} at ${approval.emergency.at}, without approval: ${approval.emergency.reason}`,
    );
  for (const withdrawn of approval.withdrawn ?? [])
    lines.push(
      `Approval by ${describe(withdrawn.approval)} withdrawn at ${withdrawn.at}: ${withdrawn.reason}`,
    );
  if (approval.approval !== null) lines.push(`Approved by ${describe(approval.approval)}`);
  if (approval.retrospective !== null)
    lines.push(`Reviewed after the fact by ${describe(approval.retrospective)}`);
  return {
    approval: {
      state: approval.state,
      headline: approvalHeadlines[approval.state],
      emergency: approval.emergency !== null,
      lines,
    },
  };
}

function describe(record: ApprovalRecord): string {
  const trust =
    record.trust === 'trusted'
      ? `key trusted for ${record.principal} by ${record.trustFile ?? 'the trust file'}`
      : "approver's key not judged (the workspace has no trust file)";
  return (
    `${record.name} (${record.role}) with key ${record.fingerprint}, signed ${record.signedAt}, ` +
    `over plan sha256 ${record.planSha256}; ${trust}`
  );
}

export function approvalHtml(approval: ReportApproval | undefined): string {
  if (approval === undefined) return '';
  const mark = approval.emergency ? '<span class="production-mark">EMERGENCY START</span> ' : '';
  const items = approval.lines.map((line) => `<li>${untrustedTextToHtml(line)}</li>`).join('');
  return `<section id="approval"><h2>Approval</h2><p><strong>${mark}${escapeHtml(approval.headline)}</strong></p><ul>${items}</ul></section>`;
}

export function approvalMarkdown(approval: ReportApproval | undefined): string[] {
  if (approval === undefined) return [];
  const mark = approval.emergency ? '**EMERGENCY START** ' : '';
  return [
    '',
    '## Approval',
    '',
    `${mark}**${approval.headline}**`,
    '',
    ...approval.lines.map((line) => `- ${untrustedTextToMarkdown(line)}`),
  ];
}
