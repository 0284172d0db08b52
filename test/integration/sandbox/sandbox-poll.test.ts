import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { runOnControlHost } from '../../../electron/host/run/control-command';
import { openDatabase } from '../../../electron/host/store/database';
import { TerminalManager } from '../../../electron/host/terminal/terminal-manager';

const dataDir = mkdtempSync(join(tmpdir(), 'handrail-sandbox-poll-'));
const db = openDatabase(join(dataDir, 'handrail.db'));
const terminals = new TerminalManager(db, dataDir);
afterAll(() => {
  terminals.closeAll();
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a background command for the Sandbox without its run shell still finds the stand-ins, in the sandbox home', async () => {
  const target = { kind: 'local' as const, shell: '/bin/sh', sandbox: true as const };
  const result = await runOnControlHost(terminals, target, 'command -v openstack; pwd; echo "$HOME"', 10_000);
  expect(result.exitCode).toBe(0);
  const [found, cwd, home] = result.stdout.trim().split('\n');
  expect(found).toMatch(/resources\/sandbox\/bin\/openstack$/);
  expect(cwd).toBe(join(dataDir, 'sandbox', 'home'));
  expect(home).toBe(join(dataDir, 'sandbox', 'home'));
});

test('a local target without the sandbox flag gets no stand-ins', async () => {
  const result = await runOnControlHost(
    terminals,
    { kind: 'local' },
    'command -v kolla-ansible || echo none',
    10_000,
  );
  expect(result.stdout).not.toMatch(/resources\/sandbox\/bin/);
});
