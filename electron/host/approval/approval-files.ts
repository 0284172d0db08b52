import type { z } from 'zod';
import {
  approvalFile,
  approvalRequestFile,
  RpcError,
  type ApprovalFile,
  type ApprovalPlan,
  type ApprovalRequestFile,
} from '../../../shared/contract/index';
import { canonicalJson } from '../../../shared/canonical-json';
import { planSha256 } from './approval-plan';

/**
 * The files that carry an approval between machines (docs/approval.md): the request (the plan as
 * canonical JSON with its hash) and the approval (the approver's signed statement over that hash).
 * Both are canonical JSON, so a file's bytes are the same wherever it is written.
 */

export function requestFileText(plan: ApprovalPlan, retrospective: boolean): string {
  const request: ApprovalRequestFile = {
    format: 'handrail-approval-request/1',
    plan,
    planSha256: planSha256(plan),
    retrospective,
  };
  return `${canonicalJson(request)}\n`;
}

/** Reads a request, refusing one whose plan does not hash to the hash it states. */
export function readRequestFile(text: string, field = 'params.request'): ApprovalRequestFile {
  const request = parseAs(text, approvalRequestFile, 'an approval request', field);
  const actual = planSha256(request.plan);
  if (actual !== request.planSha256)
    throw new RpcError(
      'invalid_params',
      `${field}: the request's plan hashes to ${actual}, not the ${request.planSha256} it states: it was changed`,
      field,
    );
  return request;
}

export function readApprovalFile(text: string, field = 'params.approval'): ApprovalFile {
  return parseAs(text, approvalFile, 'an approval', field);
}

export function approvalFileText(file: ApprovalFile): string {
  return `${canonicalJson(file)}\n`;
}

/**
 * What the approver's key signs: the plan's hash with who approves, as what, when, and whether
 * after the fact. The name is inside the signature, so it cannot be swapped in the file.
 */
export function approvalStatement(fields: {
  runId: string;
  planSha256: string;
  name: string;
  role: string;
  signedAt: string;
  retrospective: boolean;
}): string {
  return canonicalJson({ type: 'handrail-approval/1', ...fields });
}

export function fileName(prefix: string, plan: ApprovalPlan): string {
  const safe = plan.runbook.title.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60);
  return `${prefix}-${safe}-${plan.runId.slice(0, 8)}.json`;
}

function parseAs<T>(text: string, schema: z.ZodType<T>, what: string, field: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new RpcError('invalid_params', `${field}: this is not ${what} file (not JSON)`, field);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where =
      issue === undefined ? '' : ` at ${issue.path.map(String).join('.') || 'the top'}: ${issue.message}`;
    throw new RpcError('invalid_params', `${field}: this is not ${what} file${where}`, field);
  }
  return parsed.data;
}
