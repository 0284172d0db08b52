import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHost, type Host } from '../../../electron/host/host';
import { databaseFileName } from '../../../electron/host/store/data-dir';
import { openDatabase } from '../../../electron/host/store/database';
import { makeTempDir } from '../../support/temp-dir';

/**
 * The exported bytes of real runs pinned against files written by the code before export
 * streamed (issue 16 item 4): the runs are those of the committed schema-9 database (a finished
 * run signed twice, with hostile output, notes and evidence; a rolling run left mid-command),
 * migrated, then exported by a read-only host (as `handrail report` opens it: no recovery, so no
 * new events) at a fixed time (the export time is in every form).
 *
 * The golden files (gzipped: the hostile corpus makes the signed run's report 2 MB) were written by this test with HANDRAIL_GOLDEN_OUT=test/fixtures/reports at
 * the commit that added them, before any change to the report writers, and held through the
 * streaming work at report form 3. They were written again once, for form 4 (report-format.ts:
 * the recipe checks against the reader's own allowed_signers file), whose only differences are
 * the generator mark, the recipe and the Markdown markers.
 */
const fixtureDb = join(import.meta.dirname, '../../fixtures/databases/schema-9-runs.db');
const goldenDir = join(import.meta.dirname, '../../fixtures/reports');
const exportedAt = new Date('2026-12-01T12:00:00.000Z');
const formats = { html: 'html', markdown: 'md', json: 'json' } as const;

function golden(file: string): string {
  return gunzipSync(readFileSync(join(goldenDir, file))).toString('utf8');
}

describe('report export bytes against the golden files', () => {
  const temp = makeTempDir('handrail-export-golden-');
  let host: Host;
  beforeAll(() => {
    copyFileSync(fixtureDb, join(temp.path, databaseFileName));
    openDatabase(join(temp.path, databaseFileName)).close();
    host = createHost({ dataDir: temp.path, version: 'test', readOnly: true });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(exportedAt);
  });
  afterAll(() => {
    vi.useRealTimers();
    host.close();
    temp.remove();
  });

  /** Each run by its status, so a file's name says which run it is. */
  const runs = (): Array<{ id: string; name: string }> =>
    host.runs.list().map((run) => ({ id: run.id, name: run.status === 'completed' ? 'signed' : 'rolling' }));

  it('exports the same bytes through the RPC path', async () => {
    const out = process.env.HANDRAIL_GOLDEN_OUT;
    expect(
      runs()
        .map((run) => run.name)
        .sort(),
    ).toEqual(['rolling', 'signed']);
    for (const run of runs())
      for (const [format, extension] of Object.entries(formats)) {
        const file = `${run.name}.${extension}.gz`;
        const { content } = await host.reports.export(run.id, format as keyof typeof formats);
        if (out !== undefined) writeFileSync(join(out, file), gzipSync(content, { level: 9 }));
        else expect(content === golden(file), file).toBe(true);
      }
  });

  it('streams the same bytes to a file (handrail report --out), and they verify', async () => {
    for (const run of runs())
      for (const [format, extension] of Object.entries(formats)) {
        const file = `${run.name}.${extension}.gz`;
        const path = join(temp.path, `${run.name}.${extension}`);
        await host.reports.exportToFile(run.id, format as keyof typeof formats, path);
        const written = readFileSync(path);
        expect(written.equals(Buffer.from(golden(file), 'utf8')), file).toBe(true);
        if (format === 'markdown') continue;
        const verification = host.reports.verifyDocument(written.toString('utf8'), path);
        expect(verification, file).toMatchObject({
          chain: { valid: true },
          state: { valid: true },
          document: { valid: true },
        });
        const signatures = verification.signatures.map((check) => [check.kind, check.valid]);
        expect(signatures, file).toEqual(
          run.name === 'signed'
            ? [
                ['gate', true],
                ['final', true],
              ]
            : [],
        );
      }
  });
});
