import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedsDir, sharedMissing } from '../../unit/runbook/seeds';
import { rejection, startHost, type HostFixture } from './host-fixture';

/** The seed guides live beside the repository (../shared/seeds), read-only. */
const seed = (name: string) => readFileSync(`${seedsDir}${name}`, 'utf8');

let fixture: HostFixture;
beforeEach(() => {
  fixture = startHost();
});
afterEach(() => fixture.close());

describe('import', () => {
  it.skipIf(sharedMissing !== undefined)(
    'previews a guide without storing it, then stores exactly what was reviewed on accept',
    async () => {
      const { client } = fixture;
      const fileName = 'stackhpc-upgrading-openstack.rst';
      const text = seed(fileName);
      const review = await client.call('runbooks.importPreview', { fileName, text });
      expect(review.format).toBe('restructuredtext');
      expect(review.runbook.phases.length).toBeGreaterThan(1);
      expect(review.items.some((item) => item.kind === 'command' && item.line > 1)).toBe(true);
      expect((await client.call('runbooks.count', {})).count).toBe(0);

      const accepted = await client.call('runbooks.importAccept', { fileName, text });
      expect(accepted.revision).toBe(1);
      expect(accepted.title).toBe(review.runbook.title);
      const detail = await client.call('runbooks.get', { id: accepted.id });
      expect(detail.runbook?.phases.map((phase) => phase.title)).toEqual(
        review.runbook.phases.map((p) => p.title),
      );
      const [revision] = await client.call('runbooks.revisions', { id: accepted.id });
      expect(revision?.message).toBe(`Imported from ${fileName}`);
    },
  );

  it('refuses a binary file with its name and line, and stores nothing', async () => {
    const { client } = fixture;
    const error = await rejection(
      client.call('runbooks.importAccept', { fileName: 'image.md', text: 'line one\nline\u0000two' }),
    );
    expect(error.code).toBe('invalid_params');
    expect(error.field).toBe('params.text');
    expect(error.message).toContain('image.md:2:');
    expect((await client.call('runbooks.count', {})).count).toBe(0);
  });

  it('refuses a file name that is not one line', async () => {
    const error = await rejection(
      fixture.client.call('runbooks.importPreview', { fileName: 'a\nb.md', text: '# x' }),
    );
    expect(error.code).toBe('invalid_params');
    expect(error.field).toBe('params.fileName');
  });
});

describe('templates', () => {
  it('lists the bundled templates and creates a runbook from each', async () => {
    const { client } = fixture;
    const templates = await client.call('runbooks.templates', {});
    expect(templates.length).toBeGreaterThanOrEqual(5);
    for (const template of templates) {
      const created = await client.call('runbooks.createFromTemplate', { templateId: template.id });
      const detail = await client.call('runbooks.get', { id: created.id });
      expect(detail.title).toBe(template.title);
      expect(detail.runbook?.phases.length).toBeGreaterThan(0);
    }
    expect((await client.call('runbooks.count', {})).count).toBe(templates.length);
  });

  it('refuses a template id that is a path', async () => {
    const error = await rejection(
      fixture.client.call('runbooks.createFromTemplate', { templateId: '../secret.md' }),
    );
    expect(error.code).toBe('invalid_params');
    expect(error.field).toBe('params.templateId');
    const missing = await rejection(
      fixture.client.call('runbooks.createFromTemplate', { templateId: 'nope.md' }),
    );
    expect(missing.code).toBe('not_found');
  });
});
