import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import {
  RpcError,
  type Environment,
  type environmentInput,
  type TerminalTarget,
} from '../../../shared/contract/index';

interface EnvironmentRow {
  id: string;
  name: string;
  kind: Environment['kind'];
  colour: string;
  description: string;
  control_host: string;
  variables: string;
  secret_names: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** An environment input after the contract's defaults were filled in. */
export type EnvironmentFields = z.output<typeof environmentInput>;

/**
 * Environments in SQLite. Plain variable values are stored; secret values never are: a secret the
 * user asked to remember is a sealed blob (Electron safeStorage, sealed by the app's preload) kept
 * as given, which the host cannot open. Deleting sets deleted_at (runs point at their environment).
 */
export class EnvironmentRepository {
  constructor(private readonly db: Database) {}

  list(): Environment[] {
    const rows = this.db
      .prepare(`SELECT * FROM environments WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id`)
      .all() as EnvironmentRow[];
    return rows.map((row) => this.toEnvironment(row));
  }

  /** The environment, or a `not_found` error naming the id (also for a deleted one). */
  get(id: string): Environment {
    return this.toEnvironment(this.requireRow(id));
  }

  create(input: EnvironmentFields): Environment {
    checkInput(input);
    const id = randomUUID();
    const now = new Date().toISOString();
    this.db
      .transaction(() => {
        this.refuseTakenName(input.name, id);
        this.db
          .prepare(
            `INSERT INTO environments (id, name, kind, colour, description, control_host, variables,
             secret_names, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(id, ...columns(input), now, now);
      })
      .immediate();
    return this.get(id);
  }

  /** Replaces the fields; sealed values of variables that are no longer secret are dropped. */
  update(id: string, input: EnvironmentFields): Environment {
    checkInput(input);
    const now = new Date().toISOString();
    this.db
      .transaction(() => {
        this.requireRow(id);
        this.refuseTakenName(input.name, id);
        this.db
          .prepare(
            `UPDATE environments SET name = ?, kind = ?, colour = ?, description = ?, control_host = ?,
             variables = ?, secret_names = ?, updated_at = ? WHERE id = ?`,
          )
          .run(...columns(input), now, id);
        for (const name of this.rememberedNames(id)) {
          if (!input.secretNames.includes(name)) this.deleteSecret(id, name);
        }
      })
      .immediate();
    return this.get(id);
  }

  /** Soft delete; the sealed values go (nothing can use them any more). */
  delete(id: string): void {
    this.db
      .transaction(() => {
        this.requireRow(id);
        this.db.prepare(`DELETE FROM environment_secrets WHERE environment_id = ?`).run(id);
        this.db
          .prepare(`UPDATE environments SET deleted_at = ? WHERE id = ?`)
          .run(new Date().toISOString(), id);
      })
      .immediate();
  }

  rememberSecret(id: string, name: string, sealed: string): void {
    const environment = this.get(id);
    if (!environment.secretNames.includes(name)) {
      throw new RpcError(
        'invalid_params',
        `params.name: ${name} is not a secret variable of ${environment.name}; mark it secret first`,
        'params.name',
      );
    }
    this.db
      .prepare(
        `INSERT INTO environment_secrets (environment_id, name, sealed, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (environment_id, name) DO UPDATE SET sealed = excluded.sealed,
           updated_at = excluded.updated_at`,
      )
      .run(id, name, sealed, new Date().toISOString());
  }

  forgetSecret(id: string, name: string): void {
    this.requireRow(id);
    this.deleteSecret(id, name);
  }

  /** The sealed blobs by name, as stored. */
  sealedSecrets(id: string): Record<string, string> {
    this.requireRow(id);
    const rows = this.db
      .prepare(`SELECT name, sealed FROM environment_secrets WHERE environment_id = ? ORDER BY name`)
      .all(id) as Array<{ name: string; sealed: string }>;
    return Object.fromEntries(rows.map((row) => [row.name, row.sealed]));
  }

  private rememberedNames(id: string): string[] {
    const rows = this.db
      .prepare(`SELECT name FROM environment_secrets WHERE environment_id = ? ORDER BY name`)
      .all(id) as Array<{ name: string }>;
    return rows.map((row) => row.name);
  }

  private deleteSecret(id: string, name: string): void {
    this.db.prepare(`DELETE FROM environment_secrets WHERE environment_id = ? AND name = ?`).run(id, name);
  }

  private refuseTakenName(name: string, exceptId: string): void {
    const taken = this.db
      .prepare(`SELECT id FROM environments WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL AND id <> ?`)
      .get(name, exceptId);
    if (taken !== undefined) {
      throw new RpcError(
        'conflict',
        `an environment named "${name}" exists already`,
        'params.environment.name',
      );
    }
  }

  private requireRow(id: string): EnvironmentRow {
    const row = this.db.prepare(`SELECT * FROM environments WHERE id = ? AND deleted_at IS NULL`).get(id) as
      EnvironmentRow | undefined;
    if (row === undefined) throw new RpcError('not_found', `no environment with id ${id}`, 'params.id');
    return row;
  }

  private toEnvironment(row: EnvironmentRow): Environment {
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      colour: row.colour,
      description: row.description,
      controlHost: JSON.parse(row.control_host) as TerminalTarget,
      variables: JSON.parse(row.variables) as Record<string, string>,
      secretNames: JSON.parse(row.secret_names) as string[],
      rememberedSecrets: this.rememberedNames(row.id),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}

/** A variable is either plain (its value stored here) or secret (its value never stored). */
function checkInput(input: EnvironmentFields): void {
  for (const name of input.secretNames) {
    if (Object.hasOwn(input.variables, name)) {
      throw new RpcError(
        'invalid_params',
        `params.environment.variables.${name}: ${name} is secret in this environment, so its value is never stored here`,
        `params.environment.variables.${name}`,
      );
    }
  }
}

function columns(input: EnvironmentFields): string[] {
  return [
    input.name,
    input.kind,
    input.colour.toLowerCase(),
    input.description,
    JSON.stringify(input.controlHost),
    JSON.stringify(input.variables),
    JSON.stringify([...new Set(input.secretNames)]),
  ];
}
