import type { Database } from 'better-sqlite3';
import { defaultApprovalKinds, environmentKind, type EnvironmentKind } from '../../../shared/contract/index';

const policyKey = 'approval.required_for';

/**
 * Which environment kinds need approval before change: a workspace setting (the key/value table
 * of migration 0013), production only by default. An unset setting is the default, so a workspace
 * that never chose still protects production.
 */
export class ApprovalPolicy {
  constructor(private readonly db: Database) {}

  requiredFor(): EnvironmentKind[] {
    const row = this.db
      .transaction(
        () =>
          this.db.prepare('SELECT value FROM workspace_settings WHERE key = ?').get(policyKey) as
            { value: string } | undefined,
      )
      .deferred();
    if (row === undefined) return [...defaultApprovalKinds];
    const parsed = JSON.parse(row.value) as unknown;
    // A value this version cannot read falls back to the default, never to "nothing needs approval".
    if (!Array.isArray(parsed)) return [...defaultApprovalKinds];
    return parsed.flatMap((kind) => {
      const checked = environmentKind.safeParse(kind);
      return checked.success ? [checked.data] : [];
    });
  }

  setRequiredFor(kinds: readonly EnvironmentKind[]): EnvironmentKind[] {
    const value = JSON.stringify([...new Set(kinds)].sort());
    this.db
      .transaction(() => {
        this.db
          .prepare(
            `INSERT INTO workspace_settings (key, value, set_at) VALUES (?, ?, ?)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, set_at = excluded.set_at`,
          )
          .run(policyKey, value, new Date().toISOString());
      })
      .immediate();
    return this.requiredFor();
  }
}
