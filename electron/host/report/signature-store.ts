import type { Database } from 'better-sqlite3';
import type { StoredSignature } from './run-bundle';

interface SignatureRow {
  run_id: string;
  seq: number;
  kind: StoredSignature['kind'];
  step_key: string | null;
  name: string;
  role: string;
  at: string;
  identity: string;
  public_key: string;
  fingerprint: string;
  payload: string;
  signature: string;
}

/** Signatures of local and imported runs, and the bundles of imported runs (migration 0004). */
export class SignatureStore {
  constructor(private readonly db: Database) {}

  signatures(runId: string): StoredSignature[] {
    const rows = this.db
      .prepare(`SELECT * FROM run_signatures WHERE run_id = ? ORDER BY seq`)
      .all(runId) as SignatureRow[];
    return rows.map(toSignature);
  }

  add(runId: string, signature: StoredSignature): void {
    this.db
      .transaction(() => {
        const next = this.db
          .prepare(`SELECT COALESCE(MAX(seq) + 1, 0) AS seq FROM run_signatures WHERE run_id = ?`)
          .get(runId) as { seq: number };
        this.db
          .prepare(
            `INSERT INTO run_signatures (run_id, seq, kind, step_key, name, role, at, identity, public_key,
             fingerprint, payload, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            runId,
            next.seq,
            signature.kind,
            signature.stepKey,
            signature.name,
            signature.role,
            signature.at,
            signature.identity,
            signature.publicKey,
            signature.fingerprint,
            signature.payload,
            signature.signature,
          );
      })
      .immediate();
  }

  /** Stores an imported bundle's signatures (once) and the bundle itself. */
  importRun(runId: string, title: string, bundleText: string, signatures: readonly StoredSignature[]): void {
    this.db
      .transaction(() => {
        const known = new Set(this.signatures(runId).map((signature) => signature.signature));
        for (const signature of signatures) if (!known.has(signature.signature)) this.add(runId, signature);
        this.db
          .prepare(
            `INSERT INTO imported_runs (run_id, imported_at, title, bundle) VALUES (?, ?, ?, ?)
           ON CONFLICT (run_id) DO UPDATE SET imported_at = excluded.imported_at, bundle = excluded.bundle`,
          )
          .run(runId, new Date().toISOString(), title, bundleText);
      })
      .immediate();
  }

  importedBundle(runId: string): string | undefined {
    const row = this.db.prepare(`SELECT bundle FROM imported_runs WHERE run_id = ?`).get(runId) as
      { bundle: string } | undefined;
    return row?.bundle;
  }

  importedRuns(): Array<{ runId: string; title: string; importedAt: string }> {
    const rows = this.db
      .prepare(`SELECT run_id, title, imported_at FROM imported_runs ORDER BY imported_at DESC`)
      .all() as Array<{ run_id: string; title: string; imported_at: string }>;
    return rows.map((row) => ({ runId: row.run_id, title: row.title, importedAt: row.imported_at }));
  }
}

function toSignature(row: SignatureRow): StoredSignature {
  return {
    kind: row.kind,
    stepKey: row.step_key,
    name: row.name,
    role: row.role,
    at: row.at,
    identity: row.identity,
    publicKey: row.public_key,
    fingerprint: row.fingerprint,
    payload: row.payload,
    signature: row.signature,
  };
}
