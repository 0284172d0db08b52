import { afterEach, expect, test } from 'vitest';
import { startRunHost, type RunHostFixture } from './host-fixture';
import { startEngineRun } from './run-fixture';

let fixture: RunHostFixture;
afterEach(() => fixture.close());

async function runWithEvents(): Promise<string> {
  const { client } = fixture;
  const { runId: id } = await startEngineRun(fixture);
  await client.call('runs.markDone', { id, stepKey: 'read-notes' });
  await client.call('runs.addNote', { id, stepKey: 'read-notes', text: 'read them twice' });
  await client.call('runs.skip', { id, stepKey: 'check-release', reason: 'checked yesterday' });
  await client.call('runs.pause', { id });
  return id;
}

test('the log is append-only: the database refuses updates and deletes of events', async () => {
  fixture = startRunHost();
  const id = await runWithEvents();
  const db = fixture.host.db;
  expect(() => db.prepare(`UPDATE run_events SET actor = 'Mallory' WHERE run_id = ?`).run(id)).toThrow(
    /append-only/,
  );
  expect(() => db.prepare(`DELETE FROM run_events WHERE run_id = ?`).run(id)).toThrow(/append-only/);
  const chain = db
    .prepare('SELECT seq, prev_hash, hash FROM run_events WHERE run_id = ? ORDER BY seq')
    .all(id) as Array<{
    seq: number;
    prev_hash: string;
    hash: string;
  }>;
  expect(chain[0]?.prev_hash).toBe('0'.repeat(64));
  for (const [index, row] of chain.entries()) {
    expect(row.seq).toBe(index);
    if (index > 0) expect(row.prev_hash).toBe(chain[index - 1]?.hash);
  }
  expect(await fixture.client.call('runs.verify', { id })).toMatchObject({
    valid: true,
    events: chain.length,
  });
});

test('a row modified directly in SQLite is detected with its seq', async () => {
  fixture = startRunHost();
  const id = await runWithEvents();
  const db = fixture.host.db;
  db.exec('DROP TRIGGER run_events_append_only_update');
  const target = db
    .prepare(`SELECT seq FROM run_events WHERE run_id = ? AND type = 'step.skipped'`)
    .get(id) as {
    seq: number;
  };
  db.prepare(`UPDATE run_events SET payload = '{"reason":"never checked"}' WHERE run_id = ? AND seq = ?`).run(
    id,
    target.seq,
  );
  const verdict = await fixture.client.call('runs.verify', { id });
  expect(verdict).toMatchObject({ valid: false, firstBadSeq: target.seq });
  expect(verdict.problem).toContain(`event ${target.seq}`);
});

test('a changed actor, a broken link and a missing tail are each detected', async () => {
  fixture = startRunHost();
  const id = await runWithEvents();
  const db = fixture.host.db;
  db.exec('DROP TRIGGER run_events_append_only_update; DROP TRIGGER run_events_append_only_delete');
  db.prepare(`UPDATE run_events SET actor = 'Mallory' WHERE run_id = ? AND seq = 1`).run(id);
  expect(await fixture.client.call('runs.verify', { id })).toMatchObject({ valid: false, firstBadSeq: 1 });
  db.prepare(`UPDATE run_events SET actor = 'Ada' WHERE run_id = ? AND seq = 1`).run(id);
  expect((await fixture.client.call('runs.verify', { id })).valid).toBe(true);
  db.prepare(`UPDATE run_events SET prev_hash = ? WHERE run_id = ? AND seq = 2`).run('f'.repeat(64), id);
  expect(await fixture.client.call('runs.verify', { id })).toMatchObject({ valid: false, firstBadSeq: 2 });
  const original = db.prepare(`SELECT hash FROM run_events WHERE run_id = ? AND seq = 1`).get(id) as {
    hash: string;
  };
  db.prepare(`UPDATE run_events SET prev_hash = ? WHERE run_id = ? AND seq = 2`).run(original.hash, id);
  const last = db.prepare(`SELECT MAX(seq) AS seq FROM run_events WHERE run_id = ?`).get(id) as {
    seq: number;
  };
  db.prepare(`DELETE FROM run_events WHERE run_id = ? AND seq = ?`).run(id, last.seq);
  const truncated = await fixture.client.call('runs.verify', { id });
  expect(truncated).toMatchObject({ valid: false, firstBadSeq: last.seq });
});

test('a stored state that does not match its log is reported', async () => {
  fixture = startRunHost();
  const id = await runWithEvents();
  const db = fixture.host.db;
  const row = db.prepare('SELECT state_json FROM runs WHERE id = ?').get(id) as { state_json: string };
  const forged = JSON.parse(row.state_json) as { run: { operator: string } };
  forged.run.operator = 'Mallory';
  db.prepare('UPDATE runs SET state_json = ? WHERE id = ?').run(JSON.stringify(forged), id);
  const verdict = await fixture.client.call('runs.verify', { id });
  expect(verdict).toMatchObject({ valid: false, firstBadSeq: null });
  expect(verdict.problem).toContain('stored state');
});
