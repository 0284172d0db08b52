import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, test } from 'vitest';
import {
  expectBashErrexitRules,
  expectCancelStopsTheBlock,
  expectErrexitScopedToTheBlock,
  expectEveryCommandCounts,
  expectOddBlocks,
  expectStateCarriesOn,
} from '../../support/runner-scenarios';
import { TerminalHarness } from '../../support/terminal-harness';

const harness = new TerminalHarness();
afterAll(() => harness.close());

describe.each(['/bin/bash', '/bin/sh'])('the runner in a local %s', (shell) => {
  const open = async () => {
    const terminal = harness.open({ kind: 'local', shell });
    await terminal.ready();
    return terminal;
  };

  test('every command of a block counts', async () => expectEveryCommandCounts(await open()));

  test('cd, export and variables carry on to the next block', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'handrail-runner-')));
    await expectStateCarriesOn(await open(), dir);
  });

  test('set -e stops the block, never the shell', async () => expectErrexitScopedToTheBlock(await open()));

  test('here-documents, long and continued lines, a syntax error', async () => expectOddBlocks(await open()));

  test('Ctrl-C stops the block and the shell reads again', async () =>
    expectCancelStopsTheBlock(await open()));
});

test('bash keeps errexit rules in functions, || lists and command substitutions', async () => {
  const terminal = harness.open({ kind: 'local', shell: '/bin/bash' });
  await terminal.ready();
  await expectBashErrexitRules(terminal);
});
