import { describe, expect, test } from 'vitest';
import { splitCommands } from '../../../electron/host/terminal/shell-integration/command-split';
import {
  endInput,
  partInput,
  requireTypable,
} from '../../../electron/host/terminal/shell-integration/runner-input';
import { SnapshotReader } from '../../../electron/host/terminal/shell-integration/shell-snapshot';

const nonce = '0123456789abcdef0123456789abcdef';

/** What __hr_next in resources/shell-integration/*.sh rebuilds from the lines, read independently. */
function rebuild(input: string): { flags: string; text: string } {
  let flags = '';
  const lines: string[] = [];
  for (const raw of input.split('\n')) {
    if (!raw.includes(nonce)) continue;
    const line = raw.slice(raw.indexOf(nonce) + nonce.length);
    if (line === '.') break;
    if (line.startsWith('h')) flags = line.slice(1);
    else if (line.startsWith('|')) lines.push(line.slice(1));
    else if (line.startsWith('+')) lines[lines.length - 1] += line.slice(1);
  }
  return { flags, text: lines.join('\n') };
}

describe('what the host types for the runner', () => {
  test('a command comes back whole, long lines in pieces a terminal line can hold', () => {
    const text = `echo ${'é'.repeat(3000)} \\\n  "two"\nprintf '%s\\n' "\ttab"`;
    const [command] = splitCommands(text);
    const input = partInput(nonce, command!, true);
    for (const line of input.split('\n')) expect(Buffer.byteLength(line)).toBeLessThan(4095);
    expect(rebuild(input)).toEqual({ flags: 'e', text: command!.text });
    expect(rebuild(`typed ahead${input}`).text).toBe(command!.text);
    expect(rebuild(endInput(nonce)).text).toBe('');
  });

  test('flags name compound commands and set +e', () => {
    expect(rebuild(partInput(nonce, splitCommands('for i in 1; do :; done')[0]!, false)).flags).toBe('c');
    expect(rebuild(partInput(nonce, splitCommands('set +e')[0]!, false)).flags).toBe('n');
  });

  test('control characters are refused with the line they are on', () => {
    expect(() => requireTypable('echo ok\nprintf "\u0003"')).toThrow(/line 2 .*U\+0003/);
    expect(() => requireTypable('printf "\tok"')).not.toThrow();
  });
});

test('snapshots are joined from their pieces, escaped or hex', () => {
  const reader = new SnapshotReader();
  expect(reader.push('+/srv/kayobe\\x0adeclare -x A="1\\\\2"')).toBeUndefined();
  expect(reader.push('+\\x0adeclare -x B="x;y"')).toBeUndefined();
  expect(reader.push('.')).toEqual({
    cwd: '/srv/kayobe',
    exports: 'declare -x A="1\\2"\ndeclare -x B="x;y"',
  });
  const hex = Buffer.from("/tmp\nexport C='3'\n").toString('hex');
  reader.push(`h${hex.slice(0, 7)}`);
  reader.push(`h${hex.slice(7)}`);
  expect(reader.push('.')).toEqual({ cwd: '/tmp', exports: "export C='3'\n" });
});
