import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { startLocalRun } from './local-run';
import { RunScreenPage } from './pages/run-screen-page';

const title = 'Accessible run';
const runbook = `---
title: "${title}"
---

# ${title}

## Prepare {window=before}

### Print the release {#release kind=command}

\`\`\`bash run
echo "release 2025.1"
\`\`\`

## Hosts {window=inside}

### Update the web hosts {#roll kind=rolling group=web order=batches batch=2}

#### Drain {#drain kind=command drains}

\`\`\`bash run
echo "drain {{host}}"
\`\`\`

#### Update packages {#update kind=command}

\`\`\`bash run
echo "update {{host}}"
\`\`\`

#### Enable {#enable kind=command restores}

\`\`\`bash run
echo "enable {{host}}"
\`\`\`
`;

/** Serious and critical violations only (issue 21 item 5's bar), named so a failure says where. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join('; ')}`,
    );
}

/**
 * Issue 21 item 5: every screen passes an automated accessibility check, 0 serious or critical
 * violations: the library, the environment form, the start wizard, the run screen with its
 * terminal and rolling grid, the reports, search and replay.
 */
test('every screen has no serious or critical accessibility violation', async ({ app, handrail }) => {
  test.setTimeout(120_000);
  const { rpc } = handrail;
  const { runId } = await startLocalRun(rpc, {
    title: title,
    source: runbook,
    environmentName: 'lab-a11y',
    inventory: '[web]\nweb-1\nweb-2\nweb-3\n',
  });
  const run = { id: runId };
  await rpc.call('runs.openTerminal', { id: run.id });
  const base = handrail.url.split('#')[0];
  const found: Record<string, string[]> = {};
  for (const colorScheme of ['dark', 'light'] as const) {
    // The theme follows the system setting: each is checked, contrast included.
    await app.emulateMedia({ colorScheme });
    const check = async (name: string) => {
      found[`${name} (${colorScheme})`] = await violations(app);
    };

    await app.goto(handrail.url);
    await expect(app.getByTestId('host-status')).toBeVisible();
    await check('library');
    await app.goto(`${base}#/environments`);
    await expect(app.getByRole('heading', { name: /Environments/ }).first()).toBeVisible();
    await check('environments');
    // The environment form itself, with the environment's values in it.
    await app
      .getByRole('button', { name: /lab-a11y/ })
      .first()
      .click();
    await expect(
      app.getByRole('region', { name: 'Environment' }).locator('form, input').first(),
    ).toBeVisible();
    await check('environment form');
    await app.goto(`${base}#/runs/new`);
    await expect(app.locator('main, .section-full, form').first()).toBeVisible();
    await check('start wizard');
    await app.goto(`${base}#/runs/${run.id}`);
    const screen = new RunScreenPage(app);
    await screen.expectSelected('release');
    await check('run screen');
    await screen.select('roll');
    await expect(app.getByRole('grid').or(app.locator('.rolling-grid')).first()).toBeVisible();
    await check('run screen with the rolling grid');
    if (process.env.HANDRAIL_A11Y_SHOTS !== undefined)
      await app.screenshot({ path: `${process.env.HANDRAIL_A11Y_SHOTS}/run-${colorScheme}.png` });
    await app.goto(`${base}#/reports`);
    await check('reports');
    await app.goto(`${base}#/search`);
    await check('search');
    await app.goto(`${base}#/runs/${run.id}/replay`);
    await check('replay');
    await app.goto(`${base}#/runs`);
    await check('runs list');
  }

  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((name) => [name, []])));

  // `?` shows the keys on every screen, and the focused control is outlined.
  for (const hash of ['#/library', '#/environments', '#/search', '#/reports', `#/runs/${run.id}`]) {
    await app.goto(`${base}${hash}`);
    await expect(app.getByTestId('host-status')).toBeVisible();
    // Out of any field (a screen may focus its search box): keys typed there are the field's.
    await app.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await app.keyboard.press('?');
    const help = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help, hash).toBeVisible();
    await expect(help.getByTestId('shortcut').first()).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(help).toBeHidden();
    // From the screen's first control, the next one the keyboard reaches.
    await app.getByRole('navigation', { name: 'Sections' }).getByRole('link').first().focus();
    await app.keyboard.press('Tab');
    const outline = await app.evaluate(() => {
      const focused = document.activeElement;
      return focused === null || focused === document.body
        ? 'none'
        : `${getComputedStyle(focused).outlineStyle} ${focused.tagName}.${focused.className}`;
    });
    expect(outline, hash).not.toMatch(/^none/);
  }
});
