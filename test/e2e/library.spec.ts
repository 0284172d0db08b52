import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sharedSkipReason } from '../support/shared-guides';
import { expect, test } from './fixtures';

const sharedMissing = sharedSkipReason();

/** The seed guides beside the repository (../shared/seeds), read-only. */
const seedPath = (name: string) => fileURLToPath(new URL(`../../../shared/seeds/${name}`, import.meta.url));
const guide = 'stackhpc-upgrading-openstack.rst';
const newTitle = 'Step renamed by the acceptance test';

test('import a seed guide, review, accept, edit a step, compare two revisions, export', async ({
  app,
  handrail,
}) => {
  test.skip(sharedMissing !== undefined, sharedMissing);
  await app.getByRole('button', { name: 'Import guide…' }).click();
  await app.getByLabel('Guide file').setInputFiles(seedPath(guide));

  const review = app.getByRole('region', { name: 'Import review' });
  await expect(review.getByRole('heading', { level: 1 })).toContainText('Review import');
  await expect(review).toContainText(`From ${guide}`);
  // Every phase and step says which line of the guide it came from.
  await expect(
    review
      .getByRole('heading', { level: 2 })
      .filter({ hasText: /line \d+/ })
      .first(),
  ).toBeVisible();
  await expect(review.getByRole('article').first()).toContainText(/line \d+/);
  // The review stores nothing.
  expect((await handrail.rpc.call('runbooks.count', {})).count).toBe(0);
  await review.getByRole('button', { name: 'Accept', exact: true }).click();

  await expect(
    app.getByRole('region', { name: 'Runbook' }).getByText('revision 1', { exact: true }),
  ).toBeVisible();
  const [stored] = await handrail.rpc.call('runbooks.list', {});
  expect(stored?.revision).toBe(1);

  await app.getByRole('button', { name: 'Edit', exact: true }).click();
  const step = app.getByRole('group', { name: 'Step 1.1', exact: true });
  const title = step.getByLabel('Title', { exact: true });
  const oldTitle = await title.inputValue();
  expect(oldTitle).not.toBe('');
  await title.fill(newTitle);
  // The raw Markdown mode holds the same runbook, and switching back keeps the edit.
  await app.getByRole('button', { name: 'Markdown', exact: true }).click();
  await expect(app.getByLabel('Runbook file (Markdown)')).toHaveValue(new RegExp(`### ${newTitle} \\{`));
  await app.getByRole('button', { name: 'Structured', exact: true }).click();
  await expect(
    app.getByRole('group', { name: 'Step 1.1', exact: true }).getByLabel('Title', { exact: true }),
  ).toHaveValue(newTitle);
  await app.getByLabel('Revision message').fill('Rename the first step');
  await app.getByRole('button', { name: 'Save revision' }).click();
  await expect(
    app.getByRole('region', { name: 'Runbook' }).getByText('revision 2', { exact: true }),
  ).toBeVisible();
  await expect(app.getByRole('article', { name: `Step 1.1: ${newTitle}` })).toBeVisible();

  await app.getByRole('button', { name: 'History' }).click();
  const revisions = app.getByRole('list', { name: 'Revisions' });
  await expect(revisions.getByRole('listitem')).toHaveCount(2);
  await expect(revisions).toContainText('Revision 2');
  await expect(revisions).toContainText('Rename the first step');
  await expect(revisions).toContainText(`Imported from ${guide}`);
  const diff = app.getByRole('region', { name: 'Changes from revision 1 to revision 2' });
  const removed = diff.locator('tr[data-kind="removed"]').filter({ hasText: oldTitle });
  const added = diff.locator('tr[data-kind="added"]').filter({ hasText: newTitle });
  await expect(removed.first()).toBeVisible();
  await expect(added.first()).toBeVisible();
  // Added and removed lines are coloured differently from each other and from unchanged lines.
  const background = async (kind: string) =>
    diff
      .locator(`tr[data-kind="${kind}"]`)
      .first()
      .evaluate((row) => getComputedStyle(row).backgroundColor);
  expect(
    new Set([await background('added'), await background('removed'), await background('context')]).size,
  ).toBe(3);

  await app.getByRole('button', { name: 'Back to the runbook' }).click();
  const download = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Export .md' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^[a-z0-9-]+\.md$/);
  const text = readFileSync(await file.path(), 'utf8');
  expect(text).toContain(`### ${newTitle} {`);
  const head = await handrail.rpc.call('runbooks.get', { id: stored?.id ?? '' });
  expect(text).toBe(head.source);
});

test('delete can be undone, and a duplicate is a separate runbook', async ({ app, handrail }) => {
  test.skip(sharedMissing !== undefined, sharedMissing);
  const created = await handrail.rpc.call('runbooks.importAccept', {
    fileName: guide,
    text: readFileSync(seedPath(guide), 'utf8'),
  });
  const library = app.getByTestId('library-list');
  await library.getByRole('button', { name: new RegExp(escapeRegExp(created.title)) }).click();
  await app.getByRole('button', { name: 'Duplicate' }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(`${created.title} (copy)`);
  await expect(library.getByRole('listitem')).toHaveCount(2);

  await app.getByRole('button', { name: 'Delete' }).click();
  await expect(library.getByRole('listitem')).toHaveCount(1);
  await expect(app.getByText(`Deleted “${created.title} (copy)”.`)).toBeVisible();
  await app.getByRole('button', { name: 'Undo' }).click();
  await expect(library.getByRole('listitem')).toHaveCount(2);
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(`${created.title} (copy)`);
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('a pasted guide is reviewed, and cancelling the review stores nothing', async ({ app, handrail }) => {
  test.skip(sharedMissing !== undefined, sharedMissing);
  await app.getByRole('button', { name: 'Import guide…' }).click();
  await app.getByLabel('File name (picks the format)').fill('osism-upgrade-guide-overview.md');
  await app.getByLabel('Guide text').fill(readFileSync(seedPath('osism-upgrade-guide-overview.md'), 'utf8'));
  await app.getByRole('button', { name: 'Review pasted guide' }).click();
  const review = app.getByRole('region', { name: 'Import review' });
  await expect(review).toContainText('From osism-upgrade-guide-overview.md (markdown)');
  await review.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByRole('heading', { name: 'Import a guide' })).toBeVisible();
  expect((await handrail.rpc.call('runbooks.count', {})).count).toBe(0);
  await expect(app.getByTestId('library-empty')).toBeVisible();
});

test('a runbook can start from a bundled template', async ({ app, handrail }) => {
  const templates = await handrail.rpc.call('runbooks.templates', {});
  const [first] = templates;
  expect(first).toBeDefined();
  await app.getByRole('button', { name: 'From template…' }).click();
  await expect(app.getByRole('button', { name: /^Use template / })).toHaveCount(templates.length);
  await app.getByRole('button', { name: `Use template ${first?.title ?? ''}` }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(first?.title ?? '');
  await expect(app.getByRole('region', { name: /^Phase 1: / })).toBeVisible();
  await expect(app.getByTestId('library-list').getByRole('listitem')).toHaveCount(1);
});
