import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SshControl } from '../../../electron/host/terminal/ssh/ssh-control';
import {
  expectForgedMarksIgnored,
  expectSentExitCodes,
  expectSetEBlockLeavesShellUsable,
  expectTypedExitCodes,
} from '../../support/exit-code-scenarios';
import {
  expectBashErrexitRules,
  expectCancelStopsTheBlock,
  expectErrexitScopedToTheBlock,
  expectEveryCommandCounts,
  expectOddBlocks,
  expectStateCarriesOn,
} from '../../support/runner-scenarios';
import { SshServer, sshdAvailable } from '../../support/sshd';
import { TerminalHarness } from '../../support/terminal-harness';

const available = sshdAvailable();

describe.skipIf(!available)('SSH to a real sshd on 127.0.0.1', () => {
  const server = new SshServer();
  const harness = new TerminalHarness();
  beforeAll(() => server.start());
  afterAll(() => {
    harness.close();
    server.stop();
  });

  const open = (host: string) =>
    harness.open({ kind: 'ssh', profile: { host, configFile: server.clientConfig } });

  describe.each([
    ['bash (login shell)', server.alias],
    ['sh', server.shAlias],
  ])('remote %s', (_name, host) => {
    test('integration is typed in and exit codes 0, 1, 127, 130 are reported for sent commands', async () => {
      const terminal = open(host);
      await terminal.ready();
      // The loader's echo is hidden from the screen.
      expect(terminal.screen).not.toContain('__hr_s');
      await expectSentExitCodes(terminal);
    });

    test('typed commands report 0, 1, 127, 130', async () => {
      const terminal = open(host);
      await terminal.ready();
      await expectTypedExitCodes(terminal);
    });

    test('a failing set -e block leaves the remote shell usable; forged marks are ignored', async () => {
      const terminal = open(host);
      await terminal.ready();
      await expectSetEBlockLeavesShellUsable(terminal);
      await expectForgedMarksIgnored(terminal);
    });

    test('the runner: every command counts, state carries on, set -e is scoped, Ctrl-C stops', async () => {
      const terminal = open(host);
      await terminal.ready();
      await expectEveryCommandCounts(terminal);
      await expectStateCarriesOn(terminal, server.dir);
      await expectErrexitScopedToTheBlock(terminal);
      await expectOddBlocks(terminal);
      await expectCancelStopsTheBlock(terminal);
    });
  });

  test('remote bash keeps errexit rules in functions, || lists and command substitutions', async () => {
    const terminal = open(server.alias);
    await terminal.ready();
    await expectBashErrexitRules(terminal);
  });

  test('a dropped connection ends the running command as unknown; reconnect works; checks reuse the master', async () => {
    const terminal = open(server.alias);
    await terminal.ready();
    const control = new SshControl(harness.controlDir);
    const profile = { host: server.alias, configFile: server.clientConfig };

    // A background check through the master: BatchMode=yes would fail rather than prompt.
    expect(await control.check(profile)).toBe(true);
    const background = await control.run(profile, 'echo background-ok');
    expect(background).toMatchObject({ exitCode: 0, stdout: 'background-ok\n' });

    const running = terminal.session.run(`sh -c 'printf "sl%s\\n" eeping; exec sleep 60'`);
    await terminal.until(() => terminal.screen.includes('sleeping\r\n'), 'the command to run');
    expect(server.killConnections()).toBeGreaterThan(0);
    const outcome = await running;
    expect(outcome.command.outcome).toBe('unknown');
    expect(outcome.command.exitCode).toBeUndefined();
    await terminal.until(() => terminal.session.snapshot().status === 'dropped', 'dropped');
    const statuses = terminal.states.map((state) => state.status);
    expect(statuses.filter((status, index) => status !== statuses[index - 1])).toEqual([
      'connecting',
      'connected',
      'dropped',
    ]);
    const stored = harness.store.commands(terminal.session.id).at(-1);
    expect(stored?.outcome).toBe('unknown');

    terminal.session.start();
    await terminal.until(
      () =>
        terminal.session.snapshot().status === 'connected' &&
        terminal.session.snapshot().integration === 'active',
      'reconnected',
    );
    const after = await terminal.session.run('echo reconnected');
    expect(after.command.exitCode).toBe(0);
    expect(after.output).toContain('reconnected');
    expect(await control.check(profile)).toBe(true);
  });
});
