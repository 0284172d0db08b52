import { connectWebSocketClient } from '../support/node-websocket-client';
import { RpcError } from '../../shared/contract/errors';
import { expect, test } from './fixtures';

interface HookTerminal {
  id: string;
  text: string;
  integration: string;
  exitCodes: Array<number | null>;
}

test('a local terminal shows typed output and the exit code in its command list', async ({ app }) => {
  await app.getByRole('button', { name: 'New local terminal' }).click();
  const readTerminals = () =>
    app.evaluate(() =>
      (
        window as unknown as { __handrailTerminals: { terminals(): HookTerminal[] } }
      ).__handrailTerminals.terminals(),
    );
  await expect.poll(async () => (await readTerminals())[0]?.integration, { timeout: 20_000 }).toBe('active');

  await app.getByTestId('terminal-screen').click();
  await app.keyboard.type('echo hello; false');
  await app.keyboard.press('Enter');

  // The output, read from xterm's buffer: a line that is exactly "hello" (the echoed command
  // line holds "echo hello; false", not a line of its own).
  await expect
    .poll(async () =>
      ((await readTerminals())[0]?.text ?? '').split('\n').some((line) => line.trim() === 'hello'),
    )
    .toBe(true);
  await expect.poll(async () => (await readTerminals())[0]?.exitCodes).toEqual([1]);
  const commands = app.getByTestId('terminal-commands');
  await expect(commands).toContainText('echo hello; false');
  await expect(commands.getByTestId('exit-code')).toHaveText('exit 1');
});

test('commands run through the contract report exit codes; output goes only to the opening connection', async ({
  handrail,
}) => {
  const rpc = handrail.rpc;
  const other = await connectWebSocketClient(handrail.origin, handrail.token);
  const seenByOther: string[] = [];
  other.on('terminals.data', ({ data }) => seenByOther.push(data));
  const seen: string[] = [];
  rpc.on('terminals.data', ({ id, data }) => {
    seen.push(data);
    // Output can still arrive while the fixture closes the connection at the end of the test;
    // an acknowledgement that finds the connection closed has nothing left to acknowledge.
    rpc.call('terminals.ack', { id, chars: data.length }).catch((error: unknown) => {
      if (!(error instanceof RpcError && error.code === 'unavailable')) throw error;
    });
  });
  const opened = await rpc.call('terminals.open', {
    target: { kind: 'local', shell: '/bin/sh' },
    cols: 100,
    rows: 30,
  });
  await expect
    .poll(
      async () =>
        (await rpc.call('terminals.list', {})).find((session) => session.id === opened.id)?.integration,
    )
    .toBe('active');
  expect((await rpc.call('terminals.run', { id: opened.id, command: 'false' })).command.exitCode).toBe(1);
  const echoed = await rpc.call('terminals.run', { id: opened.id, command: 'echo via-contract' });
  expect(echoed.command).toMatchObject({ exitCode: 0, outcome: 'finished' });
  expect(echoed.output).toContain('via-contract');
  await expect.poll(() => seen.join('')).toContain('via-contract');
  expect(seenByOther).toEqual([]);
  const cast = await rpc.call('terminals.exportAsciicast', { id: opened.id });
  expect(JSON.parse(cast.text.split('\n')[0] ?? '{}')).toMatchObject({ version: 2, width: 100, height: 30 });
  other.close();
});

test('after a reload the open terminal is shown again and still answers', async ({ app }) => {
  const readTerminals = () =>
    app.evaluate(() =>
      (
        window as unknown as { __handrailTerminals: { terminals(): HookTerminal[] } }
      ).__handrailTerminals.terminals(),
    );
  await app.getByRole('button', { name: 'New local terminal' }).click();
  await expect.poll(async () => (await readTerminals())[0]?.integration, { timeout: 20_000 }).toBe('active');
  await app.reload();
  await expect(app.getByRole('tab')).toHaveCount(1);
  await app.getByTestId('terminal-screen').click();
  await app.keyboard.type('echo again-$((40+2))');
  await app.keyboard.press('Enter');
  await expect
    .poll(async () =>
      ((await readTerminals())[0]?.text ?? '').split('\n').some((line) => line.trim() === 'again-42'),
    )
    .toBe(true);
  await expect.poll(async () => (await readTerminals())[0]?.exitCodes.at(-1)).toBe(0);
});

test('a yes flood does not freeze the view and Ctrl-C ends it', async ({ app }) => {
  const readTerminals = () =>
    app.evaluate(() =>
      (
        window as unknown as { __handrailTerminals: { terminals(): HookTerminal[] } }
      ).__handrailTerminals.terminals(),
    );
  await app.getByRole('button', { name: 'New local terminal' }).click();
  await expect.poll(async () => (await readTerminals())[0]?.integration, { timeout: 20_000 }).toBe('active');
  await app.getByTestId('terminal-screen').click();
  await app.keyboard.type('yes handrail-flood');
  await app.keyboard.press('Enter');
  await expect
    .poll(
      async () =>
        ((await readTerminals())[0]?.text ?? '').split('\n').filter((line) => line === 'handrail-flood')
          .length,
    )
    .toBeGreaterThan(20);
  // The page still answers while the flood runs.
  await expect(app.getByRole('button', { name: 'New local terminal' })).toBeEnabled();
  await app.keyboard.press('Control+C');
  await expect.poll(async () => (await readTerminals())[0]?.exitCodes.at(-1), { timeout: 20_000 }).toBe(130);
});
