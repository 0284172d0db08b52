import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/canonical-json';
import type { RunDetail } from '../../../shared/contract/index';
import { EventLog } from '../../../electron/host/run/event-log';
import { openDatabase } from '../../../electron/host/store/database';
import { databaseFileName } from '../../../electron/host/store/data-dir';
import { startRunHost } from '../run/host-fixture';
import { makeTempDir } from '../../support/temp-dir';

/** Made by the code before migration 0010 (test/fixtures/databases/make-schema-9-db.ts says how). */
const fixtureDb = join(import.meta.dirname, '../../fixtures/databases/schema-9-runs.db');

/**
 * The state of each run as schema 9 kept it, read straight from its tables (not through the
 * code under test): runbook steps and notes inside runs.state_json, host steps in
 * run_host_steps after them, in position order.
 */
function schema9States(file: string): Map<string, RunDetail> {
  const db = new Database(file, { readonly: true });
  try {
    const states = new Map<string, RunDetail>();
    const runs = db.prepare('SELECT id, state_json FROM runs').all() as Array<{
      id: string;
      state_json: string;
    }>;
    for (const run of runs) {
      const state = JSON.parse(run.state_json) as RunDetail;
      const hostRows = db
        .prepare('SELECT state_json FROM run_host_steps WHERE run_id = ? ORDER BY position')
        .all(run.id) as Array<{ state_json: string }>;
      state.steps.push(...hostRows.map((row) => JSON.parse(row.state_json) as RunDetail['steps'][number]));
      states.set(run.id, state);
    }
    return states;
  } finally {
    db.close();
  }
}

/**
 * Issue 16: a database made by the code before migration 0010 migrates to per-step rows; each
 * run's state reads back unchanged, its log still verifies against the state, and the signed
 * run's report exports and verifies with both of its signatures.
 */
describe('migration 0010 on a schema-9 database', () => {
  const temp = makeTempDir('handrail-migrate-0010-');
  afterAll(() => temp.remove());
  const file = join(temp.path, databaseFileName);
  copyFileSync(fixtureDb, file);
  const before = schema9States(file);

  it('keeps every run state as it was, in rows of their own', () => {
    expect(before.size).toBe(2);
    const db = openDatabase(file);
    try {
      const log = new EventLog(db);
      for (const [id, state] of before) {
        expect(canonicalJson(log.storedState(id)), id).toBe(canonicalJson(state));
        expect(log.verify(id)).toMatchObject({ valid: true });
      }
      const header = db.prepare('SELECT state_json FROM runs LIMIT 1').get() as { state_json: string };
      expect(Object.keys(JSON.parse(header.state_json) as object)).toEqual(['run']);
      const hostRows = db.prepare('SELECT count(*) AS n FROM run_steps WHERE host_step = 1').get() as {
        n: number;
      };
      expect(hostRows.n).toBeGreaterThan(0);
      expect(
        db.prepare(`SELECT name FROM sqlite_master WHERE name = 'run_host_steps'`).get(),
      ).toBeUndefined();
    } finally {
      db.close();
    }
  });

  it('verifies the migrated runs and the signed report, and goes on appending', async () => {
    const fixture = startRunHost(temp.path);
    try {
      const { client } = fixture;
      const finished = [...before.values()].find((state) => state.run.status === 'completed');
      const rolling = [...before.values()].find((state) => state.run.status !== 'completed');
      expect(finished).toBeDefined();
      expect(rolling).toBeDefined();
      for (const id of before.keys())
        expect(await client.call('runs.verify', { id })).toMatchObject({ valid: true });

      const runId = finished!.run.id;
      const list = await client.call('runs.list', {});
      const summary = list.find((run) => run.id === runId);
      expect(summary?.tally.steps).toMatchObject({ total: finished!.steps.length, open: 0 });
      for (const format of ['html', 'bundle'] as const) {
        const file = await client.call('reports.export', { runId, format });
        const result = await client.call('reports.verify', {
          fileName: file.fileName,
          content: file.content,
        });
        expect(result, format).toMatchObject({ valid: true, chain: { valid: true }, state: { valid: true } });
        expect(result.signatures.map((signature) => [signature.kind, signature.valid])).toEqual([
          ['gate', true],
          ['final', true],
        ]);
      }
      // The rolling run, left mid-command, was recovered (unknown) and takes a note as a row.
      const rollingId = rolling!.run.id;
      const noted = await client.call('runs.addNote', {
        id: rollingId,
        stepKey: null,
        text: 'after the migration',
      });
      expect(noted.notes.map((note) => note.text)).toEqual(['after the migration']);
      const read = await client.call('runs.get', { id: rollingId });
      expect(read.notes.map((note) => note.text)).toEqual(['window opened at 02:00', 'after the migration']);
      expect(read.steps.length).toBe(rolling!.steps.length);
      expect(await client.call('runs.verify', { id: rollingId })).toMatchObject({ valid: true });
    } finally {
      fixture.close();
    }
  });
});
