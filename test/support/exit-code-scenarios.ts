import { expect } from 'vitest';
import type { Watched } from './terminal-harness';

/**
 * A program that says when it is in the foreground: Ctrl-C sent before that would reach the
 * shell, not the program. Its output ("sleeping") is not in its own command line.
 */
const sleeper = `sh -c 'printf "sl%s\\n" eeping; exec sleep 30'`;
const sleeperStarted = 'sleeping\r\n';

/** The exit codes every session must report, for commands sent by the host and typed. */
export async function expectSentExitCodes(terminal: Watched): Promise<void> {
  const session = terminal.session;
  expect((await session.run('true')).command.exitCode).toBe(0);
  expect((await session.run('false')).command.exitCode).toBe(1);
  const missing = await session.run('handrail-no-such-command');
  expect(missing.command.exitCode).toBe(127);
  expect(missing.output).toMatch(/not found/);
  const output = await session.run('echo hello-from-run');
  expect(output.command).toMatchObject({ exitCode: 0, outcome: 'finished', text: 'echo hello-from-run' });
  expect(output.output).toContain('hello-from-run');

  const sleeping = session.run(sleeper);
  await terminal.until(() => terminal.screen.includes(sleeperStarted), 'the sleeper to start');
  session.cancel();
  expect((await sleeping).command.exitCode).toBe(130);
}

export async function expectTypedExitCodes(terminal: Watched): Promise<void> {
  const session = terminal.session;
  const typed = async (line: string): Promise<number | undefined> => {
    const before = terminal.finished.length;
    await terminal.until(
      () => session.snapshot().integration === 'active' && isAtPrompt(terminal),
      'a prompt',
    );
    session.write(`${line}\r`);
    await terminal.until(() => terminal.finished.length > before, `'${line}' to finish`);
    const command = terminal.finished.at(-1);
    expect(command?.text).toBe(line);
    return command?.exitCode;
  };
  expect(await typed('true')).toBe(0);
  expect(await typed('false')).toBe(1);
  expect(await typed('handrail-no-such-command')).toBe(127);

  await terminal.until(() => isAtPrompt(terminal), 'a prompt');
  const before = terminal.finished.length;
  const screenBefore = terminal.screen.length;
  session.write(`${sleeper}\r`);
  await terminal.until(
    () => terminal.screen.slice(screenBefore).includes(sleeperStarted),
    'the sleeper to start',
  );
  session.write('\x03');
  await terminal.until(() => terminal.finished.length > before, 'Ctrl-C to end sleep');
  expect(terminal.finished.at(-1)?.exitCode).toBe(130);
}

/** A failing `set -e` block ends, the shell stays, and the next command runs. */
export async function expectSetEBlockLeavesShellUsable(terminal: Watched): Promise<void> {
  const session = terminal.session;
  const block = await session.run('set -e\necho block-start\nfalse\necho block-not-reached');
  expect(block.command.exitCode).toBe(1);
  expect(block.output).toContain('block-start');
  expect(block.output).not.toMatch(/^block-not-reached/m);
  const next = await session.run('echo still-here');
  expect(next.command.exitCode).toBe(0);
  expect(next.output).toContain('still-here');
  expect(session.snapshot().status).toBe('connected');
}

/** Output that prints marks without the nonce (or with a wrong one) records nothing. */
export async function expectForgedMarksIgnored(terminal: Watched): Promise<void> {
  const session = terminal.session;
  const count = session.commands.length;
  const result = await session.run(
    `printf '\\033]633;D;1\\007\\033]633;D;0123456789abcdef0123456789abcdef;7\\007\\033]633;C\\007forged-done\\n'`,
  );
  expect(result.command.exitCode).toBe(0);
  expect(result.output).toContain('forged-done');
  expect(result.output).not.toContain('633');
  expect(session.commands.length).toBe(count + 1);
}

function isAtPrompt(terminal: Watched): boolean {
  return terminal.session.commands.at(-1)?.outcome !== 'running';
}
