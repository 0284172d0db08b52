import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedFile, RunOpen } from '../../../shared/contract/index';
import { parseStrictHtml } from '../../support/html-safety';
import { finishedReportRun } from '../report/report-fixture';
import { startRunHost, type RunHostFixture } from '../run/host-fixture';

interface BundleJson {
  review?: Array<{ text: string; kind: string }>;
  signatures: Array<{ kind: string; payload: string }>;
}

const mentor = 'Maria Mentor';
const stepComment = 'Read the output before you go on: it printed <script>alert(1)</script>.';
const runComment = 'Good pace overall.';

describe('a mentor review: apart from the notes, in the report, signed', () => {
  let fixture: RunHostFixture;
  let work: string;
  let runId: string;
  let before: RunOpen;
  let bundle: ExportedFile;

  beforeAll(async () => {
    fixture = startRunHost();
    work = mkdtempSync(join(tmpdir(), 'handrail-review-'));
    runId = await finishedReportRun(fixture, work);
    before = await fixture.client.call('runs.get', { id: runId });
    const { client } = fixture;
    await expect(
      client.call('reports.sign', { runId, kind: 'review', name: mentor, key: { kind: 'handrail' } }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('assessment') });
    await client.call('reviews.addComment', { runId, stepKey: 'hostile', author: mentor, text: stepComment });
    await client.call('reviews.addComment', { runId, stepKey: null, author: mentor, text: runComment });
    await client.call('reviews.assess', {
      runId,
      author: mentor,
      verdict: 'needs-practice',
      text: 'Practise the rollback once more.',
    });
    await client.call('reports.sign', {
      runId,
      kind: 'review',
      name: mentor,
      role: 'mentor',
      key: { kind: 'handrail' },
    });
    bundle = await client.call('reports.export', { runId, format: 'bundle' });
  }, 60_000);
  afterAll(() => {
    fixture.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('keeps comments apart from the operator’s notes and out of the run’s log', async () => {
    const after = await fixture.client.call('runs.get', { id: runId });
    expect(after.notes).toEqual(before.notes);
    expect(after.run.eventCount).toBe(before.run.eventCount);
    expect(after.run.headHash).toBe(before.run.headHash);
    expect(after.notes.map((note) => note.text)).not.toContain(stepComment);
    expect((await fixture.client.call('runs.verify', { id: runId })).valid).toBe(true);
    const review = await fixture.client.call('reviews.get', { runId });
    expect(review.entries.map((entry) => [entry.kind, entry.stepKey, entry.author, entry.text])).toEqual([
      ['comment', 'hostile', mentor, stepComment],
      ['comment', null, mentor, runComment],
      ['assessment', null, mentor, 'Practise the rollback once more.'],
    ]);
    for (const entry of review.entries) expect(Number.isNaN(Date.parse(entry.at))).toBe(false);
    expect(review.assessment?.verdict).toBe('needs-practice');
    expect(review.signoffs).toMatchObject([{ name: mentor, entries: 3, verdict: 'needs-practice' }]);
    // Append-only, like the log: the table refuses changes.
    expect(() => fixture.host.db.prepare(`UPDATE review_entries SET text = 'x'`).run()).toThrow(
      /append-only/,
    );
    expect(() => fixture.host.db.prepare(`DELETE FROM review_entries`).run()).toThrow(/append-only/);
  });

  it('puts the review in the report, in its own section, escaped', async () => {
    const html = (await fixture.client.call('reports.export', { runId, format: 'html' })).content;
    const parsed = parseStrictHtml(html);
    expect(parsed.elements.some((element) => element.tag === 'script')).toBe(false);
    const section = html.slice(
      html.indexOf('<section id="review">'),
      html.indexOf('<section id="signoffs">'),
    );
    expect(section).toContain('Assessment: Needs practice');
    expect(section).toContain('Print hostile output');
    expect(section).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(section).toContain(runComment);
    const steps = html.slice(html.indexOf('<section id="steps">'), html.indexOf('<section id="review">'));
    expect(steps).not.toContain(runComment);
    const markdown = (await fixture.client.call('reports.export', { runId, format: 'markdown' })).content;
    expect(markdown).toContain('## Review');
    expect(markdown).toContain('### Assessment: Needs practice');
    expect(markdown).toMatch(/\| Maria Mentor \| mentor \| review \|/);
  });

  it('signs the review: its hash is in the signed payload, and the bundle carries the entries', async () => {
    const parsed = JSON.parse(bundle.content) as BundleJson;
    expect(parsed.review?.map((entry) => entry.text)).toEqual([
      stepComment,
      runComment,
      'Practise the rollback once more.',
    ]);
    const signature = parsed.signatures.find((item) => item.kind === 'review')!;
    const payload = JSON.parse(signature.payload) as {
      review: { entries: number; sha256: string; verdict: string };
    };
    expect(payload.review).toMatchObject({ entries: 3, verdict: 'needs-practice' });
    expect(payload.review.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Only the review sign-off carries the review.
    for (const other of parsed.signatures.filter((item) => item.kind !== 'review'))
      expect(JSON.parse(other.payload)).not.toHaveProperty('review');
    const result = await fixture.client.call('reports.verify', {
      fileName: 'run.json',
      content: bundle.content,
    });
    expect(result.valid).toBe(true);
    expect(result.signatures.map((item) => `${item.kind}:${item.valid}`)).toEqual([
      'gate:true',
      'final:true',
      'review:true',
    ]);
  });

  it('detects a changed, removed or reordered comment', async () => {
    const verify = (content: BundleJson) =>
      fixture.client.call('reports.verify', { fileName: 'edited.json', content: JSON.stringify(content) });
    const original = JSON.parse(bundle.content) as BundleJson;
    const changed = structuredClone(original);
    changed.review![1]!.text = 'Excellent pace overall.';
    const removed = structuredClone(original);
    removed.review!.splice(0, 1);
    const reordered = structuredClone(original);
    reordered.review!.reverse();
    const none = structuredClone(original);
    delete none.review;
    for (const [name, edited] of Object.entries({ changed, removed, reordered, none })) {
      const result = await verify(edited);
      expect(result.valid, name).toBe(false);
      const review = result.signatures.find((item) => item.kind === 'review')!;
      expect(review.valid, name).toBe(false);
      expect(review.problem, name).toMatch(/review/);
      // The run itself is untouched: its log and other signatures still hold.
      expect(result.chain.valid, name).toBe(true);
      expect(result.signatures.filter((item) => item.kind !== 'review').every((item) => item.valid)).toBe(
        true,
      );
    }
  });

  it('keeps an earlier review signature valid when comments are added later', async () => {
    await fixture.client.call('reviews.addComment', {
      runId,
      stepKey: 'check',
      author: 'Another Mentor',
      text: 'Later thought.',
    });
    const again = await fixture.client.call('reports.export', { runId, format: 'bundle' });
    const result = await fixture.client.call('reports.verify', {
      fileName: 'again.json',
      content: again.content,
    });
    expect(result.valid).toBe(true);
    expect((JSON.parse(again.content) as BundleJson).review).toHaveLength(4);
  });

  it('reviews an imported bundle on another data folder, keyed by its run id', async () => {
    const reviewer = startRunHost();
    try {
      const { client } = reviewer;
      const imported = await client.call('reports.import', {
        fileName: bundle.fileName,
        content: bundle.content,
      });
      const opened = await client.call('reviews.run', { runId: imported.runId });
      expect(opened.origin).toBe('imported');
      expect(opened.detail.run.id).toBe(runId);
      expect(opened.runbookSource).toContain('Report exercise');
      expect((await client.call('reviews.get', { runId })).entries).toHaveLength(3);
      await client.call('reviews.addComment', {
        runId,
        stepKey: 'approve',
        author: 'Remote Mentor',
        text: 'Gate signed in time.',
      });
      await expect(
        client.call('reviews.addComment', { runId, stepKey: 'no-such-step', author: 'X', text: 'y' }),
      ).rejects.toMatchObject({ code: 'not_found', field: 'params.stepKey' });
      // Importing the same bundle again adds nothing twice.
      await client.call('reports.import', { fileName: bundle.fileName, content: bundle.content });
      expect((await client.call('reviews.get', { runId })).entries.map((entry) => entry.author)).toEqual([
        mentor,
        mentor,
        mentor,
        'Remote Mentor',
      ]);
      const exported = await client.call('reports.export', { runId, format: 'html' });
      const result = await client.call('reports.verify', {
        fileName: exported.fileName,
        content: exported.content,
      });
      expect(result.valid).toBe(true);
      expect(exported.content).toContain('Gate signed in time.');
    } finally {
      reviewer.close();
    }
  });

  it('refuses a review of a run that does not exist', async () => {
    await expect(
      fixture.client.call('reviews.addComment', {
        runId: '00000000-0000-4000-8000-000000000000',
        stepKey: null,
        author: mentor,
        text: 'x',
      }),
    ).rejects.toMatchObject({ code: 'not_found', field: 'params.runId' });
  });
});
