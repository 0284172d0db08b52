import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { canonicalJson } from '../../../shared/canonical-json';
import { reportModelOf } from '../../../electron/host/report/report-documents';
import { reportJsonFormat } from '../../../electron/host/report/report-format';
import { startRunHost, type RunHostFixture } from '../run/host-fixture';
import { finishedReportRun } from './report-fixture';

/**
 * A run made through the real engine and a real shell (hostile output, notes, evidence, a gate
 * and a final sign-off), exported by streaming (issue 16 item 4). What the stream rests on is
 * pinned here: each event's stored payload text is canonicalJson of its payload, so the report
 * may copy it instead of parsing and serialising it again. And the bytes are checked against the
 * whole-value serialisation they replace: the HTML's record and the JSON report against
 * canonicalJson of the in-memory bundle, every form against the RPC's one string.
 */
describe('a real run exported by streaming', () => {
  let fixture: RunHostFixture;
  let work: string;
  let runId: string;
  beforeAll(async () => {
    fixture = startRunHost();
    work = mkdtempSync(join(tmpdir(), 'handrail-streamed-export-'));
    runId = await finishedReportRun(fixture, work);
  });
  afterAll(() => {
    vi.useRealTimers();
    fixture.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('stores each event payload as the canonical JSON of the payload', () => {
    const rows = fixture.host.db
      .prepare('SELECT payload FROM run_events WHERE run_id = ? ORDER BY seq')
      .all(runId) as Array<{ payload: string }>;
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(canonicalJson(JSON.parse(row.payload))).toBe(row.payload);
    const events = fixture.host.runs.events(runId, -1, Number.MAX_SAFE_INTEGER);
    expect([...fixture.host.runs.canonicalEvents(runId)]).toEqual(
      events.map((event) => canonicalJson(event)),
    );
  });

  it('writes the bytes of the whole-value serialisation, to a file as in one string, and they verify', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T08:00:00.000Z'));
    const bundle = fixture.host.reports.bundle(runId);
    const whole = {
      html: canonicalJson(bundle),
      json: `${canonicalJson({ format: reportJsonFormat, report: reportModelOf(bundle), bundle })}\n`,
    };
    for (const format of ['html', 'markdown', 'json'] as const) {
      const path = join(work, `report.${format}`);
      await fixture.host.reports.exportToFile(runId, format, path);
      const written = readFileSync(path);
      const answered = await fixture.host.reports.export(runId, format);
      expect(written.equals(Buffer.from(answered.content, 'utf8')), format).toBe(true);
      const text = written.toString('utf8');
      if (format === 'json') expect(text === whole.json).toBe(true);
      if (format === 'html') expect(embeddedRecord(text) === whole.html).toBe(true);
      if (format === 'markdown') continue;
      const verification = fixture.host.reports.verifyDocument(text, path);
      expect(verification, format).toMatchObject({ valid: true, document: { valid: true } });
      expect(verification.signatures.map((check) => [check.kind, check.valid])).toEqual([
        ['gate', true],
        ['final', true],
      ]);
    }
  });
});

function embeddedRecord(html: string): string {
  const open = '<pre id="handrail-bundle">\n';
  const start = html.indexOf(open) + open.length;
  return Buffer.from(html.slice(start, html.indexOf('\n</pre>', start)), 'base64').toString('utf8');
}
