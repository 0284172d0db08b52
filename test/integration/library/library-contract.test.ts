import { afterEach, expect, test } from 'vitest';
import { rejection } from '../runbooks/host-fixture';
import { startRunHost, type RunHostFixture } from '../run/host-fixture';

let fixture: RunHostFixture;
afterEach(() => fixture?.close());

const runbookSource = (title: string, text: string) =>
  `---\ntitle: "${title}"\n---\n\n# ${title}\n\n## Work {window=inside}\n\n### Do it {#do-it kind=instruction}\n\n${text}\n`;

test('through the contract: edit one exported file, import: one revision; stale edits warn; bad sets store nothing', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const a = await client.call('runbooks.create', {
    title: 'Alpha',
    source: runbookSource('Alpha', 'First.'),
  });
  await client.call('runbooks.create', { title: 'Beta', source: runbookSource('Beta', 'Second.') });
  const { files } = await client.call('library.exportFiles', {});
  expect(files.map((file) => file.name)).toEqual(['alpha.md', 'beta.md']);

  const edited = files.map((file) =>
    file.name === 'alpha.md' ? { ...file, text: file.text.replace('First.', 'First, carefully.') } : file,
  );
  const summary = await client.call('library.importFiles', { files: edited, author: 'Ada' });
  expect(summary).toMatchObject({
    created: [],
    revised: [{ file: 'alpha.md', id: a.id, revision: 2 }],
    unchanged: [{ file: 'beta.md' }],
    warnings: [],
  });
  expect(await client.call('runbooks.revisions', { id: a.id })).toMatchObject([
    { revision: 2, author: 'Ada', message: 'imported from alpha.md' },
    { revision: 1 },
  ]);

  // The old export edited again: it still becomes a revision (nothing lost), with a warning.
  const stale = files.map((file) =>
    file.name === 'alpha.md' ? { ...file, text: file.text.replace('First.', 'First, differently.') } : file,
  );
  const again = await client.call('library.importFiles', { files: stale });
  expect(again.revised).toMatchObject([{ revision: 3 }]);
  expect(again.warnings).toEqual([expect.stringContaining('alpha.md: edited from revision 1')]);

  // Two files with one id, or a file that does not parse: refused, nothing stored.
  const twice = await rejection(
    client.call('library.importFiles', { files: [files[0]!, { ...files[0]!, name: 'copy.md' }] }),
  );
  expect(twice).toMatchObject({ code: 'invalid_params' });
  expect(twice.message).toContain('copy.md: alpha.md has the same handrail-id');
  const broken = await rejection(
    client.call('library.importFiles', {
      files: [
        { name: 'new.md', text: runbookSource('Gamma', 'Third.') },
        { name: 'bad.md', text: '---\ntitle: [\n---\n' },
      ],
    }),
  );
  expect(broken).toMatchObject({ code: 'invalid_params', field: 'params.files.1.text' });
  expect(broken.message).toMatch(/^bad\.md:\d+:\d+: /);
  expect(await client.call('runbooks.count', {})).toEqual({ count: 2 });

  // A deleted runbook's file is not silently brought back.
  await client.call('runbooks.delete', { id: a.id });
  const deleted = await rejection(client.call('library.importFiles', { files: [files[0]!] }));
  expect(deleted).toMatchObject({ code: 'conflict' });
  expect(deleted.message).toContain('was deleted from this library');
});
