import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejection, startHost, waitFor, type HostFixture } from './host-fixture';
import { sampleRunbook, sampleSource } from './sample-runbook';

let fixture: HostFixture;
beforeEach(() => {
  fixture = startHost();
});
afterEach(() => fixture.close());

/** A runbook stored as revision 1 from a file the real serializer wrote. */
function createSample(title = 'Restart the API') {
  return fixture.client.call('runbooks.create', { title, source: sampleSource(title) });
}

describe('revisions', () => {
  it('makes a new immutable revision on every save, from Markdown or from the model alike', async () => {
    const { client } = fixture;
    const created = await createSample();
    const id = created.id;
    const model = sampleRunbook();
    const step = model.phases[1]!.steps[0]!;
    step.commands[0]!.text = 'kolla-ansible -i inventory deploy --tags nova';

    const fromModel = await client.call('runbooks.saveRevision', {
      id,
      baseRevision: created.revision,
      message: 'deploy instead of restart',
      content: { kind: 'model', runbook: model },
    });
    expect(fromModel.revision).toBe(created.revision + 1);
    const viaModel = await client.call('runbooks.revision', { id, revision: fromModel.revision });

    const edited = viaModel.source; // the same file typed into the raw editor
    const fromMarkdown = await client.call('runbooks.saveRevision', {
      id,
      baseRevision: fromModel.revision,
      message: 'same content, raw editor',
      content: { kind: 'markdown', source: edited },
    });
    const viaMarkdown = await client.call('runbooks.revision', { id, revision: fromMarkdown.revision });
    expect(viaMarkdown.source).toBe(viaModel.source);
    expect(viaModel.source).toContain('kolla-ansible -i inventory deploy --tags nova');

    const revisions = await client.call('runbooks.revisions', { id });
    expect(revisions.map((revision) => revision.revision)).toEqual([3, 2, 1]);
    expect(revisions[1]?.message).toBe('deploy instead of restart');

    // The first revision still holds the old command: saving never rewrote it.
    const first = await client.call('runbooks.revision', { id, revision: created.revision });
    expect(first.source).toContain('restart --tags nova');
    expect(() =>
      fixture.host.db.prepare(`UPDATE runbook_revisions SET source = 'x' WHERE runbook_id = ?`).run(id),
    ).toThrow(/immutable/);

    const detail = await client.call('runbooks.get', { id });
    expect(detail.revision).toBe(fromMarkdown.revision);
    expect(detail.runbook?.phases[1]?.steps[0]?.commands[0]?.text).toBe(
      'kolla-ansible -i inventory deploy --tags nova',
    );
  });

  it('refuses a save based on a revision that is no longer the newest', async () => {
    const created = await createSample();
    const save = (baseRevision: number) =>
      fixture.client.call('runbooks.saveRevision', {
        id: created.id,
        baseRevision,
        content: { kind: 'model', runbook: sampleRunbook('Renamed') },
      });
    await save(created.revision);
    const error = await rejection(save(created.revision));
    expect(error.code).toBe('conflict');
    expect(error.field).toBe('params.baseRevision');
  });

  it('refuses a file that does not parse, naming the line, and stores nothing', async () => {
    const created = await createSample();
    const error = await rejection(
      fixture.client.call('runbooks.saveRevision', {
        id: created.id,
        baseRevision: created.revision,
        content: { kind: 'markdown', source: '---\ntitle: [unclosed\n---\n' },
      }),
    );
    expect(error.code).toBe('invalid_params');
    expect(error.field).toBe('params.content.source');
    expect(error.message).toMatch(/:\d+:\d+/);
    const revisions = await fixture.client.call('runbooks.revisions', { id: created.id });
    expect(revisions[0]?.revision).toBe(created.revision);
  });

  it('diffs any two revisions as numbered hunks', async () => {
    const { client } = fixture;
    const created = await createSample();
    const model = sampleRunbook();
    model.phases[0]!.steps[0]!.title = 'Check that the API answers';
    const saved = await client.call('runbooks.saveRevision', {
      id: created.id,
      baseRevision: created.revision,
      content: { kind: 'model', runbook: model },
    });
    const diff = await client.call('runbooks.diff', {
      id: created.id,
      from: created.revision,
      to: saved.revision,
    });
    expect(diff.added).toBeGreaterThanOrEqual(1);
    expect(diff.removed).toBeGreaterThanOrEqual(1);
    const lines = diff.hunks.flatMap((hunk) => hunk.lines);
    const removed = lines.find(
      (line) => line.kind === 'removed' && line.text.includes('Check the API answers'),
    );
    const added = lines.find(
      (line) => line.kind === 'added' && line.text.includes('Check that the API answers'),
    );
    expect(removed?.oldNumber).toBeGreaterThan(0);
    expect(added?.newNumber).toBeGreaterThan(0);

    const backwards = await client.call('runbooks.diff', {
      id: created.id,
      from: saved.revision,
      to: created.revision,
    });
    expect(backwards.added).toBe(diff.removed);
    const same = await client.call('runbooks.diff', {
      id: created.id,
      from: saved.revision,
      to: saved.revision,
    });
    expect(same.hunks).toEqual([]);

    const missing = await rejection(client.call('runbooks.diff', { id: created.id, from: 1, to: 99 }));
    expect(missing.code).toBe('not_found');
  });
});

describe('editor conversions', () => {
  it('parses and serializes without storing, reporting bad text as located diagnostics', async () => {
    const { client } = fixture;
    const { source } = await client.call('runbooks.serialize', { runbook: sampleRunbook() });
    expect(source).toBe(sampleSource());
    const parsed = await client.call('runbooks.parse', { source });
    expect(parsed.runbook).toMatchObject(sampleRunbook());
    const broken = await client.call('runbooks.parse', { source: '---\ntitle: [unclosed\n---\n' });
    expect(broken.runbook).toBeNull();
    expect(broken.diagnostics[0]).toMatchObject({ severity: 'error', line: expect.any(Number) });
    expect((await client.call('runbooks.count', {})).count).toBe(0);
  });
});

describe('library', () => {
  it('duplicates, deletes with undo, searches and announces each change', async () => {
    const { client, events } = fixture;
    const original = await createSample('Restart the API');
    const copy = await client.call('runbooks.duplicate', { id: original.id });
    expect(copy.id).not.toBe(original.id);
    expect(copy.title).toBe('Restart the API (copy)');
    expect(copy.revision).toBe(1);
    const copyDetail = await client.call('runbooks.get', { id: copy.id });
    expect(copyDetail.runbook?.title).toBe('Restart the API (copy)');
    expect(copyDetail.runbook?.phases.map((phase) => phase.title)).toEqual(['Preparation', 'Restart']);

    expect((await client.call('runbooks.list', { query: 'copy' })).map((r) => r.id)).toEqual([copy.id]);
    expect((await client.call('runbooks.list', { query: 'endpoint list' })).length).toBe(2);

    await client.call('runbooks.delete', { id: original.id });
    expect((await client.call('runbooks.list', {})).map((r) => r.id)).toEqual([copy.id]);
    expect((await rejection(client.call('runbooks.get', { id: original.id }))).code).toBe('not_found');
    expect((await rejection(client.call('runbooks.delete', { id: original.id }))).code).toBe('not_found');

    const restored = await client.call('runbooks.restore', { id: original.id });
    expect(restored.revision).toBe(original.revision);
    expect((await client.call('runbooks.list', {})).length).toBe(2);
    expect((await rejection(client.call('runbooks.restore', { id: original.id }))).code).toBe('not_found');

    await waitFor(
      () => events.some((event) => JSON.stringify(event.payload).includes('restored')),
      'restored event',
    );
    const changes = events.map((event) => (event.payload as { change?: string }).change);
    expect(changes).toEqual(expect.arrayContaining(['created', 'deleted', 'restored']));
  });

  it('exports the newest or a chosen revision as a named .md file', async () => {
    const { client } = fixture;
    const created = await createSample('Restart the API: nova');
    const newest = await client.call('runbooks.export', { id: created.id });
    expect(newest.fileName).toBe('restart-the-api-nova.md');
    expect(newest.text).toBe((await client.call('runbooks.get', { id: created.id })).source);
    const first = await client.call('runbooks.export', { id: created.id, revision: 1 });
    expect(first.fileName).toBe('restart-the-api-nova-r1.md');
  });
});
