import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ApprovalPlan, RunDetail } from '../../../shared/contract/index';
import { canonicalJson } from '../../../shared/canonical-json';

/**
 * A run's plan as a second person approves it (docs/approval.md): what decides what the run will
 * do, from the run's state and the stored runbook source and inventory. Secret variables appear by
 * name only. Its hash is what an approval signs, so any change after the request (another
 * revision, a variable, the inventory) makes an approval made before it fail to match.
 */
export function planOf(db: Database, state: RunDetail): ApprovalPlan {
  const { run } = state;
  const read = db
    .transaction(() => ({
      source: db
        .prepare('SELECT source FROM runbook_revisions WHERE runbook_id = ? AND revision = ?')
        .get(run.runbookId, run.revision) as { source: string } | undefined,
      inventory: db
        .prepare('SELECT file_name, text FROM inventories WHERE environment_id = ?')
        .get(run.environment.id) as { file_name: string; text: string } | undefined,
    }))
    .deferred();
  const variables = Object.fromEntries(
    Object.entries(run.variables).filter(([name]) => !run.secretNames.includes(name)),
  );
  return {
    format: 'handrail-plan/1',
    runId: run.id,
    runbook: {
      id: run.runbookId,
      title: run.runbookTitle,
      revision: run.revision,
      sourceSha256: read.source === undefined ? 'missing' : sha256(read.source.source),
    },
    environment: {
      name: run.environment.name,
      kind: run.environment.kind,
      controlHost: canonicalJson(run.environment.controlHost),
    },
    mode: run.mode,
    operator: run.operators[0]?.name ?? run.operator,
    variables,
    secretNames: [...run.secretNames],
    inventory:
      read.inventory === undefined
        ? null
        : { fileName: read.inventory.file_name, sha256: sha256(read.inventory.text) },
    schedule: run.phases.map((phase) => ({
      phase: phase.title,
      window: phase.window,
      estimatedSeconds: phase.estimatedSeconds,
    })),
  };
}

/** SHA-256 (hex) of the plan's canonical JSON: the hash an approval signs. */
export function planSha256(plan: ApprovalPlan): string {
  return sha256(canonicalJson(plan));
}

/** What differs between the plan approved and the plan now, by field, to name in a refusal. */
export function planDifferences(approved: ApprovalPlan, now: ApprovalPlan): string[] {
  const flat = (plan: ApprovalPlan): Map<string, string> => {
    const out = new Map<string, string>();
    const walk = (value: unknown, path: string): void => {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        for (const [key, inner] of Object.entries(value)) walk(inner, path === '' ? key : `${path}.${key}`);
      } else out.set(path, canonicalJson(value));
    };
    walk(plan, '');
    return out;
  };
  const a = flat(approved);
  const b = flat(now);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys.flatMap((key) =>
    a.get(key) === b.get(key) ? [] : [`${key} (${a.get(key) ?? 'absent'} → ${b.get(key) ?? 'absent'})`],
  );
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
