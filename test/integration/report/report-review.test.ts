import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRunHost, type RunHostFixture } from '../run/host-fixture';
import { finishedReportRun, stepTitles } from './report-fixture';

/** `reports.review`: what the sign-off dialog and the imported-run screen read. */
describe('reports.review', () => {
  let fixture: RunHostFixture;
  let reviewer: RunHostFixture;
  let work: string;
  let runId: string;

  beforeAll(async () => {
    fixture = startRunHost();
    reviewer = startRunHost();
    work = mkdtempSync(join(tmpdir(), 'handrail-review-'));
    runId = await finishedReportRun(fixture, work);
  });
  afterAll(() => {
    fixture.close();
    reviewer.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('gives a local run with its signatures, marked as not imported', async () => {
    const review = await fixture.client.call('reports.review', { runId });
    expect(review.imported).toBe(false);
    expect(review.detail.run.status).toBe('completed');
    expect(review.detail.steps.map((step) => step.title)).toEqual(stepTitles);
    expect(review.signatures.map((signature) => [signature.kind, signature.name])).toEqual([
      ['gate', 'Grace Hopper'],
      ['final', 'Ada Lovelace'],
    ]);
  });

  it('gives an imported run read from its bundle, with a countersignature added there', async () => {
    const bundle = await fixture.client.call('reports.export', { runId, format: 'bundle' });
    await reviewer.client.call('reports.import', { fileName: bundle.fileName, content: bundle.content });
    await reviewer.client.call('reports.sign', {
      runId,
      kind: 'countersign',
      name: 'Rita Reviewer',
      role: 'auditor',
      key: { kind: 'handrail' },
    });
    const review = await reviewer.client.call('reports.review', { runId });
    expect(review.imported).toBe(true);
    expect(review.detail).toEqual((await fixture.client.call('reports.review', { runId })).detail);
    expect(review.signatures.map((signature) => signature.name)).toEqual([
      'Grace Hopper',
      'Ada Lovelace',
      'Rita Reviewer',
    ]);
  });

  it('names the run it does not know', async () => {
    await expect(
      reviewer.client.call('reports.review', { runId: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toThrow(/no run or imported run/);
  });
});
