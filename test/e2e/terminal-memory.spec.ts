import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServe, type RunningServe } from '../support/built-app';
import { connectWebSocketClient } from '../support/node-websocket-client';
import { makeTempDir } from '../support/temp-dir';
import type { RpcClient } from '../../shared/rpc/client';
import { expect, test } from './fixtures';
import { RunScreenPage } from './pages/run-screen-page';

/**
 * Issue 14, part 6: the run's terminal remembers. A reload in the middle of a command shows the
 * output so far, drawn at the width it was written at, and goes on live; a host restarted on
 * the same data folder takes the open tab back without a reload.
 */
const runbook = (work: string) => `---
title: "Remembering terminal"
---

# Remembering terminal

## Steps

### Write, then wait for the go {#long kind=command}

\`\`\`bash run
printf "%$(tput cols)s\\rB\\n" '' | tr ' ' a
echo before-reload
while [ ! -e ${work}/go ]; do sleep 0.2; done; echo after-reload
\`\`\`
`;

async function startRun(rpc: RpcClient, source: string): Promise<string> {
  const runbookRecord = await rpc.call('runbooks.create', { title: 'Remembering terminal', source });
  const environment = await rpc.call('environments.create', {
    environment: { name: 'lab-terminal', kind: 'test', colour: '#2f855a', controlHost: { kind: 'local' } },
  });
  const { run } = await rpc.call('runs.start', {
    runbookId: runbookRecord.id,
    revision: runbookRecord.revision,
    environmentId: environment.id,
    mode: 'live',
    operator: 'Ada Operator',
  });
  return run.id;
}

/** The rows of the terminal around the line the step drew: "Baaa…" and the a's wrapped after it. */
function drawnRows(text: string): string[] {
  const rows = text.split('\n');
  const start = rows.findIndex((row) => /^Ba{10,}$/.test(row));
  if (start === -1) return [];
  let end = start + 1;
  while (end < rows.length && /^a+$/.test(rows[end] ?? '')) end += 1;
  return rows.slice(start - 1, end);
}

test('a reload mid-command shows the output so far at the width it was written at, then goes on live', async ({
  app,
  handrail,
}) => {
  test.setTimeout(120_000);
  const work = makeTempDir('handrail-e2e-memory-');
  try {
    const id = await startRun(handrail.rpc, runbook(work.path));
    await app.setViewportSize({ width: 3000, height: 900 });
    await app.goto(`${handrail.url}#/runs/${id}`);
    const screen = new RunScreenPage(app);
    await screen.waitForTerminal();
    await screen.action('Run');
    await expect.poll(async () => (await screen.terminal())?.text ?? '').toContain('before-reload');
    const wide = drawnRows((await screen.terminal())?.text ?? '');
    // Wider than a new xterm's 80 columns, so drawing it at any other width than its own shows.
    expect(wide[1]?.length, 'the line the step drew, as wide as the terminal').toBeGreaterThan(80);

    // A narrower window: the line was written wider than the terminal is now.
    await app.setViewportSize({ width: 1100, height: 900 });
    await expect.poll(async () => drawnRows((await screen.terminal())?.text ?? '').length).toBeGreaterThan(2);
    const before = drawnRows((await screen.terminal())?.text ?? '');
    expect(before[1]!.length).toBeLessThan(wide[1]!.length);

    await app.reload();
    await screen.waitForTerminal();
    await expect.poll(async () => (await screen.terminal())?.text ?? '').toContain('before-reload');
    const after = drawnRows((await screen.terminal())?.text ?? '');
    // Drawn at its own width and then fitted, it reads as it did: "Baaa…" and its wrapped a's.
    // (Drawn at the new width from the start, the \r would have put the B on a row of its own.)
    expect(after).toEqual(before);
    await screen.expectStatus('long', 'running');

    writeFileSync(join(work.path, 'go'), '');
    await expect.poll(async () => (await screen.terminal())?.text ?? '').toContain('after-reload');
    await screen.expectStatus('long', 'succeeded', 30_000);
  } finally {
    work.remove();
  }
});

test('a host restarted on the same data folder takes the open tab back without a reload', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dir = makeTempDir('handrail-e2e-restart-');
  const env = { HANDRAIL_DATA_DIR: dir.path };
  let serve: RunningServe | undefined = await startServe(['dist/host/serve.js', '--port', '0'], env);
  try {
    const rpc = await connectWebSocketClient(serve.origin, serve.token);
    const id = await startRun(rpc, runbook(join(dir.path, 'never')));
    rpc.close();
    await page.goto(`${serve.url}#/runs/${id}`);
    const screen = new RunScreenPage(page);
    await screen.waitForTerminal();
    await screen.action('Run');
    await expect.poll(async () => (await screen.terminal())?.text ?? '').toContain('before-reload');
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    // The host dies mid-command; a new one starts on the same data folder (and so the same port
    // and token: browser-mode.json).
    const port = new URL(serve.origin).port;
    serve.child.kill('SIGKILL');
    await new Promise((resolve) => serve?.child.once('exit', resolve));
    await expect(page.getByTestId('host-status')).toContainText('Reconnecting');
    serve = await startServe(['dist/host/serve.js'], env);
    expect(new URL(serve.origin).port).toBe(port);

    await expect(page.getByTestId('host-status')).toContainText('Connected', { timeout: 30_000 });
    // The state is the new host's: the command in flight is outcome-unknown, the terminal is back.
    await screen.expectStatus('long', 'unknown', 30_000);
    await screen.waitForTerminal();
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
  } finally {
    await serve?.stop();
    dir.remove();
  }
});
