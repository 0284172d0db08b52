import { afterAll, describe, expect, test } from 'vitest';
import {
  expectForgedMarksIgnored,
  expectSentExitCodes,
  expectSetEBlockLeavesShellUsable,
  expectTypedExitCodes,
} from '../../support/exit-code-scenarios';
import { TerminalHarness } from '../../support/terminal-harness';

const harness = new TerminalHarness();
afterAll(() => harness.close());

describe.each(['/bin/bash', '/bin/sh'])('local %s', (shell) => {
  test('reports exit codes 0, 1, 127 and 130 for sent commands', async () => {
    const terminal = harness.open({ kind: 'local', shell });
    await terminal.ready();
    await expectSentExitCodes(terminal);
  });

  test('reports exit codes 0, 1, 127 and 130 for typed commands', async () => {
    const terminal = harness.open({ kind: 'local', shell });
    await terminal.ready();
    await expectTypedExitCodes(terminal);
  });

  test('a failing set -e block leaves the shell usable', async () => {
    const terminal = harness.open({ kind: 'local', shell });
    await terminal.ready();
    await expectSetEBlockLeavesShellUsable(terminal);
  });

  test('ignores forged marks in output', async () => {
    const terminal = harness.open({ kind: 'local', shell });
    await terminal.ready();
    await expectForgedMarksIgnored(terminal);
  });
});

test('a shell without integration says so instead of guessing', async () => {
  const terminal = harness.open({ kind: 'local', shell: '/usr/bin/cat' });
  await terminal.until(() => terminal.session.snapshot().integration === 'absent', 'integration absent');
  expect(() => terminal.session.run('true')).toThrow(/no exit codes here/);
});

test('sudo -i style nested shells mark the integration absent until the prompt returns', async () => {
  const terminal = harness.open({ kind: 'local', shell: '/bin/bash' });
  await terminal.ready();
  terminal.session.write('su -c "sh -i" root\r');
  await terminal.until(() => terminal.session.snapshot().integration === 'absent', 'integration absent');
  terminal.session.write('exit\r');
  await terminal.until(() => terminal.session.snapshot().integration === 'active', 'integration back');
});

test('bash reports the command line with E, also after editing it at the prompt', async () => {
  const terminal = harness.open({ kind: 'local', shell: '/bin/bash' });
  await terminal.ready();
  // Type, erase three characters with backspace, then finish: the echo holds the erased text.
  terminal.session.write('echo abcXYZ\x7f\x7f\x7f; echo "semi;colon\\\\"\r');
  await terminal.until(() => terminal.finished.length === 1, 'the command to finish');
  expect(terminal.finished[0]).toMatchObject({ text: 'echo abc; echo "semi;colon\\\\"', exitCode: 0 });
});
