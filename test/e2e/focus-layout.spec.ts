import { expect, test } from './fixtures';
import { startLocalRun } from './local-run';
import { RunScreenPage } from './pages/run-screen-page';

const title = 'Focus layout';
const longBody = Array.from(
  { length: 40 },
  (_, index) => `Line ${index + 1} of the step's explanation: what to look for before going on.`,
).join('\n\n');
const runbook = `---
title: "${title}"
---

# ${title}

## Prepare {window=before}

### Check the deployment's configuration {#check-config kind=command}

${longBody}

\`\`\`bash run
echo "configuration drift found"; false
\`\`\`

## Hosts {window=inside}

### Update the compute hosts {#roll kind=rolling group=compute order=batches batch=2 vip-last}

#### Disable and drain the compute service {#disable kind=command drains}

\`\`\`bash run
echo "disable {{host}}"
\`\`\`

#### Update the container images {#pull kind=command}

\`\`\`bash run
echo "pull {{host}}"
\`\`\`

#### Upgrade the services {#upgrade kind=command}

\`\`\`bash run
echo "upgrade {{host}}"
\`\`\`

#### Reboot into the new kernel {#reboot kind=command}

\`\`\`bash run
echo "reboot {{host}}"
\`\`\`

#### Enable the compute service again {#enable kind=command restores}

\`\`\`bash run
echo "enable {{host}}"
\`\`\`
`;

/**
 * Issue 21 item 2, at the two window sizes operators use (a 1366×768 laptop, a 1920×1080
 * screen): the current step's actions and last exit code stay in view while its long body
 * scrolls, the terminal keeps at least half the width, and a 5-sub-step rolling grid needs no
 * sideways scroll, its sub-step headers whole.
 */
for (const size of [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
])
  test(`the focus layout at ${size.width}×${size.height}`, async ({ app, handrail }, testInfo) => {
    test.setTimeout(90_000);
    await app.setViewportSize(size);
    const { rpc } = handrail;
    const { runId } = await startLocalRun(rpc, {
      title: title,
      source: runbook,
      environmentName: 'lab-layout',
      inventory: '[compute]\ncompute-0\ncompute-1\ncompute-2 vip_holder=true\ncompute-3\n',
    });
    const run = { id: runId };
    await app.goto(`${handrail.url.split('#')[0]}#/runs/${run.id}`);
    const screen = new RunScreenPage(app);
    await screen.waitForTerminal();
    await screen.select('check-config');
    await screen.action('Run');
    await screen.expectStatus('check-config', 'failed', 30_000);

    const exit = screen.panel.getByTestId('step-exit');
    const actions = screen.panel.getByRole('toolbar', { name: 'Step actions' });
    await expect(exit).toHaveText('exit 1');
    await app.locator('.run-main').evaluate((element) => (element.scrollTop = element.scrollHeight));
    await expect(actions).toBeInViewport();
    await expect(exit).toBeInViewport();
    await app.screenshot({ path: testInfo.outputPath(`step-${size.width}.png`) });

    const terminal = await app.locator('.run-side').boundingBox();
    expect(terminal!.width).toBeGreaterThanOrEqual(size.width / 2 - 2);

    await screen.select('roll');
    const grid = app.getByTestId('rolling-grid');
    await expect(grid).toBeVisible();
    await expect(grid.locator('[data-host="compute-2"] .host-badge-vip')).toHaveText('VIP');
    const overflow = await grid.evaluate((element) => {
      const body = element.querySelector('.rolling-grid-body')!;
      const headers = Array.from(element.querySelectorAll('[role="columnheader"]'));
      return {
        sideways: body.scrollWidth - body.clientWidth,
        cutHeaders: headers.filter((header) => header.scrollWidth > header.clientWidth + 1).length,
        wide: element.getBoundingClientRect().width,
      };
    });
    expect(overflow.sideways).toBeLessThanOrEqual(0);
    expect(overflow.cutHeaders).toBe(0);
    // Across the step and terminal columns: more than half the window.
    expect(overflow.wide).toBeGreaterThan(size.width / 2);
    await expect(
      grid.getByRole('columnheader', { name: /Enable the compute service again/ }),
    ).toBeInViewport();
    await app.screenshot({ path: testInfo.outputPath(`grid-${size.width}.png`) });
  });
