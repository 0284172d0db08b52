import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download } from '@playwright/test';
import type { RpcClient } from '../../shared/rpc/client';
import { findOnPath, skipReason } from '../support/prerequisites';
import { makeTempDir } from '../support/temp-dir';
import { expect, test } from './fixtures';
import { downloadFrom } from './pages/reports-page';

const title = 'Audited change';
const source = `---
title: "${title}"
---

# ${title}

## Change {window=inside}

### Read the plan {#read kind=instruction estimate=1m}

Read it.

### Say hello {#hello kind=command estimate=1m}

\`\`\`bash run expect-exit=0
echo audited-hello
\`\`\`
`;

test.skip(
  skipReason(findOnPath('ssh-keygen', 'sudo apt-get install openssh-client')) !== undefined,
  'needs ssh-keygen to check the statement as an auditor would',
);

async function finishedRun(rpc: RpcClient): Promise<string> {
  const environment = await rpc.call('environments.create', {
    environment: {
      name: 'audit-lab',
      kind: 'test',
      colour: '#2a7ae2',
      controlHost: { kind: 'local', shell: '/bin/sh' },
    },
  });
  const runbook = await rpc.call('runbooks.create', { title, source });
  const { run } = await rpc.call('runs.start', {
    runbookId: runbook.id,
    revision: runbook.revision,
    environmentId: environment.id,
    mode: 'live',
    operator: 'Ada Operator',
  });
  const { terminalId } = await rpc.call('runs.openTerminal', { id: run.id });
  await expect
    .poll(async () => (await rpc.call('terminals.list', {})).find((t) => t.id === terminalId)?.integration)
    .toBe('active');
  await rpc.call('runs.markDone', { id: run.id, stepKey: 'read' });
  await rpc.call('runs.runStep', { id: run.id, stepKey: 'hello' });
  await expect
    .poll(
      async () => (await rpc.call('runs.get', { id: run.id })).steps.find((s) => s.key === 'hello')?.status,
      {
        timeout: 30_000,
      },
    )
    .toBe('succeeded');
  await rpc.call('runs.finish', { id: run.id });
  return run.id;
}

test('a finished run downloads its change record, a signed statement over its report, and asciicast v3', async ({
  app,
  handrail,
}) => {
  test.setTimeout(120_000);
  const runId = await finishedRun(handrail.rpc);
  await app.goto(`${handrail.url.split('#')[0]}#/runs/${runId}`);
  await expect(app.getByTestId('run-status')).toHaveText('completed');
  const audit = app.getByRole('region', { name: 'Report' }).getByRole('group', { name: 'Audit exports' });

  const record = await downloadFrom(app, audit.getByRole('button', { name: 'Change record' }));
  expect(JSON.parse(record.bytes.toString('utf8'))).toMatchObject({
    correlation_id: runId,
    short_description: `${title} (revision 1) on audit-lab`,
    assigned_to: 'Ada Operator',
    number: null,
  });

  // One click, three files: the report, the statement over it and the statement's signature.
  const downloads: Download[] = [];
  app.on('download', (download) => downloads.push(download));
  await audit.getByRole('button', { name: 'Signed statement' }).click();
  await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(3);
  const note = audit.getByRole('status');
  await expect(note).toContainText('Trust it with: ada.operator@handrail namespaces="handrail" ssh-ed25519 ');
  const folder = makeTempDir('handrail-e2e-audit-');
  try {
    const saved = new Map<string, Buffer>();
    for (const download of downloads) {
      const path = join(folder.path, download.suggestedFilename());
      await download.saveAs(path);
      saved.set(download.suggestedFilename(), readFileSync(path));
    }
    const reportName = [...saved.keys()].find((name) => name.endsWith('.html'))!;
    const base = reportName.replace(/\.html$/, '');
    const statement = JSON.parse(saved.get(`${base}.statement.json`)!.toString('utf8')) as {
      subject: Array<{ name: string; digest: { sha256: string } }>;
    };
    expect(statement.subject).toEqual([
      {
        name: reportName,
        digest: { sha256: createHash('sha256').update(saved.get(reportName)!).digest('hex') },
      },
    ]);
    const line = (await note.textContent())!.replace(/^.*Trust it with: /, '');
    writeFileSync(join(folder.path, 'allowed_signers'), `${line}\n`);
    const verified = spawnSync(
      'sh',
      [
        '-c',
        `ssh-keygen -Y verify -f allowed_signers -I ada.operator@handrail -n handrail -s "${base}.statement.sig" < "${base}.statement.json"`,
      ],
      { cwd: folder.path, encoding: 'utf8' },
    );
    expect(verified.status, verified.stderr).toBe(0);
  } finally {
    folder.remove();
  }

  const cast = await downloadFrom(app, audit.getByRole('button', { name: 'Terminal (asciicast v3)' }));
  const lines = cast.bytes.toString('utf8').trimEnd().split('\n');
  expect(JSON.parse(lines[0]!)).toMatchObject({ version: 3 });
  expect(lines.slice(1).map((text) => JSON.parse(text) as [number, string, string])).toContainEqual([
    expect.any(Number),
    'm',
    'hello: Say hello',
  ]);
});
