import WebSocket from 'ws';
import { handshakeProtocols } from '../../shared/rpc/websocket-token';
import { expect, test } from './fixtures';

test('the library shows its empty state, then a runbook created through the contract', async ({
  app,
  handrail,
}) => {
  await expect(app.getByTestId('library-empty')).toContainText('No runbooks yet');
  await handrail.rpc.call('runbooks.create', {
    title: 'Kayobe Caracal to Dalmatian',
    description: 'Rolling upgrade of the overcloud',
    source: '---\ntitle: Kayobe Caracal to Dalmatian\n---\n',
  });
  const list = app.getByTestId('library-list');
  await expect(list.getByRole('button', { name: /Kayobe Caracal to Dalmatian/ })).toBeVisible();
  await expect(app.getByTestId('library-empty')).toHaveCount(0);
  await list.getByRole('button', { name: /Kayobe Caracal to Dalmatian/ }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Kayobe Caracal to Dalmatian');
});

test('markup in a runbook title is shown as text, never run', async ({ app, handrail }) => {
  await handrail.rpc.call('runbooks.create', { title: '<img src=x onerror="window.pwned=1">', source: '' });
  await expect(app.getByText('<img src=x onerror="window.pwned=1">')).toBeVisible();
  expect(await app.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  await expect(app.locator('.library img')).toHaveCount(0);
});

test('a page request with a wrong token gets 403', async ({ handrail, request }) => {
  const wrongToken = await request.get(`${handrail.origin}/?token=${'x'.repeat(43)}`);
  expect(wrongToken.status()).toBe(403);
  expect(await wrongToken.text()).toContain('access token');
});

test('a WebSocket from a foreign origin is refused, even with the token', async ({ handrail }) => {
  const status = await new Promise<number>((resolve, reject) => {
    const socket = new WebSocket(
      `${handrail.origin.replace('http', 'ws')}/rpc`,
      handshakeProtocols(handrail.token),
      {
        headers: { Origin: 'http://attacker.example' },
      },
    );
    socket.once('open', () => resolve(101));
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', (error) =>
      error.message.includes('Unexpected server response') ? undefined : reject(error),
    );
  });
  expect(status).toBe(403);
});

test('a page of another origin cannot open the RPC WebSocket', async ({ app, handrail, page }) => {
  void app;
  // A page served from a different origin (a data: URL here) tries to reach the host.
  await page.goto('data:text/html,<p>elsewhere</p>');
  const result = await page.evaluate(
    async ({ url, protocols }) => {
      return await new Promise<string>((resolve) => {
        const socket = new WebSocket(url, protocols);
        socket.onopen = () => resolve('open');
        socket.onerror = () => resolve('refused');
      });
    },
    { url: `${handrail.origin.replace('http', 'ws')}/rpc`, protocols: handshakeProtocols(handrail.token) },
  );
  expect(result).toBe('refused');
});

test('the page makes no request outside 127.0.0.1', async ({ app, handrail, pageRequests }) => {
  await handrail.rpc.call('runbooks.create', { title: 'Offline check', source: '' });
  await expect(app.getByRole('button', { name: /Offline check/ })).toBeVisible();
  await app.reload();
  await expect(app.getByTestId('host-status')).toContainText('Connected');
  expect(pageRequests.length).toBeGreaterThan(2);
  const outside = pageRequests.filter(
    (url) =>
      !url.startsWith(`${handrail.origin}/`) && !url.startsWith(`${handrail.origin.replace('http', 'ws')}/`),
  );
  expect(outside).toEqual([]);
});
