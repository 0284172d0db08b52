import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { TerminalHarness } from '../../support/terminal-harness';

const harness = new TerminalHarness();
afterAll(() => harness.close());

/**
 * What a program of the session can find of the nonce: every HANDRAIL…NONCE… variable in the
 * environment of every process it may read (its shell's, the pty wrapper's, its own), and the
 * contents of any file such a variable names. Each value found is printed as a forged D mark
 * with exit code 0, and then the command fails.
 */
const forger = [
  `for v in $(cat /proc/[0-9]*/environ 2>/dev/null | tr '\\0' '\\n' | sed -n 's/^HANDRAIL[A-Z_]*NONCE[A-Z_]*=//p');`,
  ` do printf 'found:%s\\n' "$v"; [ -r "$v" ] && v=$(cat "$v");`,
  ` printf '\\033]633;D;%s;0\\007' "$v"; done; false`,
].join('');

/**
 * Issue 19: a program in the session could read the shell-integration nonce from
 * /proc/<pid>/environ (an exec'd variable stays there after `unset`) and print an exit mark the
 * host believed: `false` was recorded as succeeded. The nonce now reaches the wrapper and the
 * shell through files they delete as they read them (nonce-handoff.ts).
 */
describe.each(['/bin/bash', '/bin/sh'])('local %s', (shell) => {
  test('a program that looks for the nonce in /proc and in the files it names cannot forge an exit code', async () => {
    const terminal = harness.open({ kind: 'local', shell });
    await terminal.ready();
    const result = await terminal.session.run(forger);
    expect(result.command.exitCode).toBe(1);
    // The names it found (if any) are file paths that no longer exist, never a nonce.
    for (const line of result.output.split('\n').filter((text) => text.startsWith('found:')))
      expect(line).not.toMatch(/found:[0-9a-f]{32}\s*$/);
    const again = await terminal.session.run('true');
    expect(again.command.exitCode).toBe(0);
  });
});

test('a mark with a wrong nonce is refused and counted in the block that printed it', async () => {
  const terminal = harness.open({ kind: 'local', shell: '/bin/bash' });
  await terminal.ready();
  // A guessed (or replayed) nonce: 32 hex digits like the real one, and an exit code of 0 after a
  // command that fails.
  const forged = await terminal.session.run(
    `printf '\\033]633;D;0123456789abcdef0123456789abcdef;0\\007\\033]633;D;;0\\007'; false`,
  );
  expect(forged.refusedMarks).toBe(2);
  expect(forged.parts.map((part) => part.exitCode)).toEqual([0, 1]);
  const clean = await terminal.session.run('true');
  expect(clean).toMatchObject({ refusedMarks: 0, command: { exitCode: 0 } });
  terminal.session.close();
});

test('the nonce files are gone before the shell takes input, and their folder with them', async () => {
  const terminal = harness.open({ kind: 'local', shell: '/bin/bash' });
  await terminal.ready();
  const result = await terminal.session.run(
    `tr '\\0' '\\n' < /proc/$PPID/environ | sed -n 's/^HANDRAIL_EXIT_NONCE_FILE=/file:/p'`,
  );
  const file = /file:(\S+)/.exec(result.output)?.[1];
  expect(file).toMatch(/handrail-nonce-/);
  if (file === undefined) return;
  expect(existsSync(file)).toBe(false);
  // The last reader removes the folder itself, so even a host killed with SIGKILL leaves none.
  expect(existsSync(dirname(file))).toBe(false);
  terminal.session.close();
});
