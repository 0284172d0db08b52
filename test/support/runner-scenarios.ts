import { expect } from 'vitest';
import type { Watched } from './terminal-harness';

/**
 * How every shell must run a block through Handrail's runner (docs/terminals.md, "Running a
 * step"), on a local pty or over SSH: each command's exit code, the shell's state carried on,
 * errexit scoped to the block, the shell left usable.
 */
export async function expectEveryCommandCounts(terminal: Watched): Promise<void> {
  const session = terminal.session;
  const result = await session.run('false; echo ok');
  expect(result.parts.map((part) => [part.text, part.exitCode])).toEqual([['false', 1]]);
  expect(result.command).toMatchObject({ text: 'false', exitCode: 1 });
  expect(result.planned).toBe(2);
  expect(result.output).not.toContain('ok');

  const middle = await session.run('echo one\nfalse\necho three');
  expect(middle.parts.map((part) => part.exitCode)).toEqual([0, 1]);
  expect(middle.output.slice(middle.outputStarts[0], middle.outputStarts[1])).toContain('one');

  const all = await session.run('echo one\nsh -c "exit 3"\necho three', { accept: () => true });
  expect(all.parts.map((part) => part.exitCode)).toEqual([0, 3, 0]);
  expect(all.output.slice(all.outputStarts[2])).toContain('three');
}

export async function expectStateCarriesOn(terminal: Watched, dir: string): Promise<void> {
  const session = terminal.session;
  await session.run(
    `cd ${dir}\nexport HANDRAIL_TEST_VALUE="carried on"\nplain_variable=kept\nexport HANDRAIL_BIG=$(printf '%07000d' 0)`,
  );
  const later = await session.run('pwd; echo "[$HANDRAIL_TEST_VALUE] [$plain_variable]"');
  expect(later.output).toContain(dir);
  expect(later.output).toContain('[carried on] [kept]');
  await terminal.until(() => session.snapshotOfShell?.cwd === dir, 'the shell to report its folder');
  // A snapshot bigger than one mark arrives whole.
  expect(session.snapshotOfShell?.exports).toMatch(/HANDRAIL_TEST_VALUE=["']?carried on/);
  expect(session.snapshotOfShell?.exports).toContain('0'.repeat(7000));
}

/** `set -e` stops the block at its first failure, a loop included, and never the shell. */
export async function expectErrexitScopedToTheBlock(terminal: Watched): Promise<void> {
  const session = terminal.session;
  const block = await session.run(
    'set -e\nfor svc in a b c; do\n  echo "svc $svc"\n  [ "$svc" != b ]\ndone\necho after-loop',
  );
  expect(block.parts.map((part) => part.exitCode)).toEqual([0, 1]);
  expect(block.output).toContain('svc b');
  expect(block.output).not.toContain('svc c');
  expect(block.output).not.toContain('after-loop');

  const flagged = await session.run('for svc in a b; do\n  false\n  echo "not-stopped $svc"\ndone', {
    errexit: true,
  });
  expect(flagged.command.exitCode).toBe(1);
  expect(flagged.output).not.toContain('not-stopped');

  const after = await session.run('case $- in *e*) echo errexit-on ;; *) echo errexit-off ;; esac');
  expect(after.output).toContain('errexit-off');
  const subshell = await session.run('( exit 3 )');
  expect(subshell.command.exitCode).toBe(3);
  expect(session.snapshot().status).toBe('connected');
}

/** bash keeps errexit's own rules inside functions and subshells. */
export async function expectBashErrexitRules(terminal: Watched): Promise<void> {
  const session = terminal.session;
  const inFunction = await session.run('set -e\nf() { false; echo in-f-after; }\nf\necho not-reached');
  expect(inFunction.command.exitCode).toBe(1);
  expect(inFunction.output).not.toContain('in-f-after');
  expect(inFunction.output).not.toContain('not-reached');
  const handled = await session.run('set -e\nfalse || echo handled\nx=$(false; echo in-comsub)\necho "x=$x"');
  expect(handled.command.exitCode).toBe(0);
  expect(handled.output).toContain('handled');
  expect(handled.output).toContain('x=in-comsub');
  const declared = await session.run('declare -A handrail_map=([k]=v)');
  expect(declared.command.exitCode).toBe(0);
  expect((await session.run('echo "map=${handrail_map[k]}"')).output).toContain('map=v');
}

export async function expectOddBlocks(terminal: Watched): Promise<void> {
  const session = terminal.session;
  const heredoc = await session.run("cat <<'EOF' | tr a-z A-Z\nline $HOME; (not code\nEOF\necho next");
  expect(heredoc.parts.map((part) => part.exitCode)).toEqual([0, 0]);
  expect(heredoc.output).toContain('LINE $HOME; (NOT CODE');

  const long = 'x'.repeat(9000);
  const longLine = await session.run(`echo ${long} | wc -c`);
  expect(longLine.output).toMatch(/9001/);

  const continued = await session.run('echo one \\\n  two\nprintf "%s\\n" "tab\there"');
  expect(continued.parts).toHaveLength(2);
  expect(continued.output).toContain('one two');
  expect(continued.output).toContain('tab\there');

  const broken = await session.run('echo before\nif true; then\n  echo never');
  expect(broken.parts[0]?.exitCode).toBe(0);
  expect(broken.command.exitCode).not.toBe(0);
  expect((await session.run('echo usable')).output).toContain('usable');
}

/** Ctrl-C stops the block; the shell reads commands again, with echo on. */
export async function expectCancelStopsTheBlock(terminal: Watched): Promise<void> {
  const session = terminal.session;
  const screenBefore = terminal.screen.length;
  const running = session.run(`sh -c 'printf "sl%s\\n" eeping; exec sleep 30'\necho not-after-cancel`);
  await terminal.until(() => terminal.screen.slice(screenBefore).includes('sleeping\r\n'), 'the sleeper');
  session.cancel();
  const result = await running;
  expect(result.command.exitCode).toBe(130);
  expect(result.parts).toHaveLength(1);
  expect(result.output).not.toContain('not-after-cancel');
  const echo = await session.run('stty -a');
  expect(echo.output).toMatch(/(^|\s)echo(\s|$)/);
}
