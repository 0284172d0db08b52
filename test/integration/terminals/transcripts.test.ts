import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { toAsciicast } from '../../../electron/host/terminal/transcript/asciicast';
import { TerminalHarness } from '../../support/terminal-harness';

const harness = new TerminalHarness();
afterAll(() => harness.close());

/** Printable bytes without newlines, so the pty's output processing (ONLCR) changes nothing. */
function knownBytes(length: number, seed: number): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let index = 0; index < length; index += 1) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    bytes[index] = alphabet.charCodeAt(state % 64);
  }
  return bytes;
}

test('a program that prints N bytes and exits at once is stored complete, 200 times', async () => {
  const size = 3000;
  const expected = knownBytes(size, 7);
  const file = join(harness.dir, 'known.txt');
  writeFileSync(file, expected);
  for (let round = 0; round < 200; round += 1) {
    const terminal = harness.open({
      kind: 'local',
      shell: '/usr/bin/head',
      args: ['-c', String(size), file],
    });
    if (round % 20 === 0) {
      // Keep the event loop busy past node-pty's 200 ms socket timeout after the child exits:
      // the case in which node-pty alone drops the tail.
      const until = Date.now() + 300;
      while (Date.now() < until) {
        /* busy on purpose */
      }
    }
    await terminal.until(() => terminal.session.snapshot().status === 'exited', `round ${round} to exit`);
    const record = harness.store.session(terminal.session.id);
    expect(record).toMatchObject({ complete: true, exitCode: 0 });
    const stored = harness.store.readRange(terminal.session.id, 0, Number.MAX_SAFE_INTEGER);
    expect(stored.length, `round ${round}`).toBe(size);
    expect(stored.equals(expected), `round ${round}`).toBe(true);
  }
});

test('command output in a live shell is stored byte for byte, and a 20 MB output is complete', async () => {
  const terminal = harness.open({ kind: 'local', shell: '/bin/bash' });
  await terminal.ready();
  const small = knownBytes(4096, 11);
  writeFileSync(join(harness.dir, 'small.txt'), small);
  for (let round = 0; round < 20; round += 1) {
    const result = await terminal.session.run(`cat ${join(harness.dir, 'small.txt')}`);
    const { outputStart, outputEnd } = result.command;
    expect(harness.store.readRange(terminal.session.id, outputStart, outputEnd ?? 0).equals(small)).toBe(
      true,
    );
  }
  const big = knownBytes(20 * 1024 * 1024, 13);
  writeFileSync(join(harness.dir, 'big.txt'), big);
  const result = await terminal.session.run(`cat ${join(harness.dir, 'big.txt')}`);
  expect(result.truncated).toBe(true);
  const stored = harness.store.readRange(
    terminal.session.id,
    result.command.outputStart,
    result.command.outputEnd ?? 0,
  );
  expect(stored.length).toBe(big.length);
  expect(createHash('sha256').update(stored).digest('hex')).toBe(
    createHash('sha256').update(big).digest('hex'),
  );
});

test('secrets never reach the stored transcript, also when split across reads', async () => {
  const secret = 'hunter2-Sup3r-Secret-Value';
  const terminal = harness.open({ kind: 'local', shell: '/bin/bash' }, { secrets: [secret] });
  await terminal.ready();
  // Two writes with a pause between them: two pty reads, the secret straddling them.
  const result = await terminal.session.run(
    `printf 'before hunter2-Sup3r'; sleep 0.2; printf '%s\\n' '-Secret-Value after'`,
  );
  expect(result.output).toContain('before ');
  expect(result.output).toContain(' after');
  expect(result.output).not.toContain(secret);
  await terminal.session.run(`echo ${secret.slice(0, 10)}""${secret.slice(10)}`);
  terminal.session.close();
  const all = harness.store.readRange(terminal.session.id, 0, Number.MAX_SAFE_INTEGER).toString('utf8');
  expect(all).toContain('*'.repeat(secret.length));
  expect(all).not.toContain(secret);
  expect(all).toContain('before ');
  const hits = harness.store.search('before');
  expect(hits.some((hit) => hit.sessionId === terminal.session.id)).toBe(true);
  expect(harness.store.search(secret)).toEqual([]);
});

test('a session exports as asciicast v2 with the stored output', async () => {
  const terminal = harness.open({ kind: 'local', shell: '/bin/sh' });
  await terminal.ready();
  await terminal.session.run('echo asciicast-check');
  terminal.session.close();
  const id = terminal.session.id;
  const record = harness.store.session(id);
  expect(record).toBeDefined();
  const lines = toAsciicast(record!, harness.store.chunks(id)).trimEnd().split('\n');
  const header = JSON.parse(lines[0]!) as Record<string, unknown>;
  expect(header).toMatchObject({ version: 2, width: 120, height: 30 });
  const events = lines.slice(1).map((line) => JSON.parse(line) as [number, string, string]);
  expect(events.every(([time, kind]) => typeof time === 'number' && kind === 'o')).toBe(true);
  expect(events.map(([, , text]) => text).join('')).toContain('asciicast-check\r\n');
});
