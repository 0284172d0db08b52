import { readFileSync } from 'node:fs';
import { importGuide } from '../../electron/host/runbook/index';
import { formatDiagnostic, ledgerSummary } from '../../shared/runbook/index';
import { guidesDir, sharedSkipReason } from '../support/shared-guides';
import { expect, test } from './fixtures';

const sharedMissing = sharedSkipReason();

/** A guide of our own with one block of each fate: run, shown, a note, and one left out with a warning. */
const guide = [
  '# Widget upgrade',
  '',
  '## Upgrade',
  '',
  '1. Stop the widget',
  '',
  '   ```bash',
  '   widgetctl stop',
  '   ```',
  '',
  '   :::note',
  '   Stopping takes a minute.',
  '   :::',
  '2. Check the configuration',
  '',
  '   ```yaml',
  '   workers: 4',
  '   ```',
  '3. Start it again',
  '',
  '   ```',
  '   widgetctl start',
  '   ```',
  '',
].join('\n');

test('the import review shows the ledger and every warning with its source line', async ({ app }) => {
  await app.getByRole('button', { name: 'Import guide…' }).click();
  await app.getByLabel('File name (picks the format)').fill('widget.md');
  await app.getByLabel('Guide text').fill(guide);
  await app.getByRole('button', { name: 'Review pasted guide' }).click();
  const review = app.getByRole('region', { name: 'Import review' });
  await expect(review.getByLabel('Ledger summary')).toHaveText(
    '7 blocks: 1 command, 1 shown, 1 note, 3 steps, 1 warning',
  );
  const warnings = review.getByRole('region', { name: 'Import warnings' });
  await expect(warnings.getByRole('listitem')).toHaveCount(1);
  await expect(warnings.getByRole('listitem')).toContainText('line 21');
  await expect(warnings.getByRole('listitem')).toContainText('run this?');
  await review.getByText('Every block of the guide (7)').click();
  const rows = review.getByRole('table', { name: 'Block ledger' }).getByRole('row');
  await expect(rows).toHaveCount(8);
  await expect(rows.filter({ hasText: 'lines 21–23' })).toContainText('warning');
  await expect(rows.filter({ hasText: 'lines 7–9' })).toContainText('command');
  await expect(rows.filter({ hasText: 'lines 16–18' })).toContainText('shown');
});

test('a real guide: the summary and every importer warning, each at its line', async ({ app }) => {
  test.skip(sharedMissing !== undefined, sharedMissing);
  const name = 'osism__operations-guide__openstack__nova.md';
  const path = `${guidesDir}${name}`;
  const expected = importGuide(readFileSync(path), name);
  await app.getByRole('button', { name: 'Import guide…' }).click();
  await app.getByLabel('Guide file').setInputFiles(path);
  const review = app.getByRole('region', { name: 'Import review' });
  await expect(review.getByLabel('Ledger summary')).toHaveText(ledgerSummary(expected.ledger));
  const items = review.getByRole('region', { name: 'Import warnings' }).getByRole('listitem');
  await expect(items).toHaveCount(expected.warnings.length);
  for (const [index, warning] of expected.warnings.entries()) {
    await expect(items.nth(index), formatDiagnostic(warning)).toHaveText(
      `line ${warning.line} ${warning.message}`,
    );
  }
});
