import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handshakeProtocols } from '../../../shared/rpc/websocket-token';
import { startServe, type RunningServe } from '../../support/built-app';
import { openRpcSocket } from '../../support/node-websocket-client';
import { makeTempDir } from '../../support/temp-dir';

/**
 * The built browser-mode host in its own process, attacked over plain TCP: malformed request
 * lines and URLs, bad escapes and header injection in the token, and thousands of broken WebSocket
 * frames after a valid upgrade. The process must never exit, and must answer `app.ping` after each
 * kind of attack.
 */

interface Exchange {
  /** What the server sent back before it closed the connection (or the time ran out). */
  answer: string;
}

/**
 * Writes raw bytes and collects the answer until the server closes or 2 s pass. An HTTP request
 * asks for the connection to close after the answer, so a kept-alive socket does not wait 2 s.
 */
function rawExchange(port: number, request: string): Promise<Exchange> {
  const bytes = request.replace(/\r\n\r\n$/, '\r\nConnection: close\r\n\r\n');
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes, 'latin1'));
    let answer = '';
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ answer });
    };
    const timer = setTimeout(done, 2_000);
    socket.on('data', (data) => (answer += data.toString('latin1')));
    socket.on('close', done);
    socket.on('error', done);
  });
}

function statusOf(exchange: Exchange): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(exchange.answer)?.[1] ?? 0);
}

function upgradeRequest(port: number, token: string): string {
  return [
    `GET /rpc HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    `Sec-WebSocket-Protocol: ${handshakeProtocols(token).join(', ')}`,
    '',
    '',
  ].join('\r\n');
}

/** A client frame as RFC 6455 §5.2 lays it out, masked unless told otherwise. */
function frame(
  firstByte: number,
  payload: Buffer,
  options: { masked?: boolean; declared?: number } = {},
): Buffer {
  const masked = options.masked ?? true;
  const length = options.declared ?? payload.length;
  const header: number[] = [firstByte];
  const maskBit = masked ? 0x80 : 0;
  if (length < 126) header.push(maskBit | length);
  else if (length < 65_536) header.push(maskBit | 126, length >> 8, length & 0xff);
  else {
    header.push(maskBit | 127);
    const big = Buffer.alloc(8);
    big.writeBigUInt64BE(BigInt(length));
    header.push(...big);
  }
  if (!masked) return Buffer.concat([Buffer.from(header), payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((byte, index) => byte ^ mask[index % 4]!));
  return Buffer.concat([Buffer.from(header), mask, body]);
}

/** Each kind of broken frame a peer can send; every one is a protocol error for `ws`. */
const brokenFrames: Record<string, () => Buffer> = {
  'invalid UTF-8 text': () => frame(0x81, Buffer.from([0xff, 0xfe, 0xfd])),
  'over 64 MiB declared': () => frame(0x82, Buffer.alloc(0), { declared: 65 * 1024 * 1024 }),
  unmasked: () => frame(0x81, Buffer.from('abc'), { masked: false }),
  'reserved opcode 3': () => frame(0x83, Buffer.from('x')),
  'reserved opcode 0xB': () => frame(0x8b, Buffer.from('x')),
  'RSV1 without an extension': () => frame(0xc1, Buffer.from('x')),
  'fragmented ping': () => frame(0x09, Buffer.from('x')),
  'ping over 125 bytes': () => frame(0x89, Buffer.alloc(200)),
  'continuation without a start': () => frame(0x80, Buffer.from('x')),
  'close with an invalid code': () => frame(0x88, Buffer.from([0x03, 0xec])),
  'truncated frame': () => frame(0x81, Buffer.from('a long enough payload')).subarray(0, 9),
  'text that is not JSON': () => frame(0x81, Buffer.from('{"kind":')),
};

/**
 * Upgrades, then sends one broken frame and waits for the server to close (or 2 s). Resolves
 * whether the upgrade was accepted, so the frame really reached the WebSocket layer.
 */
function sendBrokenFrame(port: number, token: string, bytes: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1', () => socket.write(upgradeRequest(port, token)));
    let upgraded = false;
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(upgraded);
    };
    const timer = setTimeout(done, 2_000);
    socket.on('data', (data) => {
      if (upgraded) return;
      upgraded = /^HTTP\/1\.1 101/.test(data.toString('latin1'));
      if (!upgraded) return done();
      socket.write(bytes);
      // A truncated frame leaves the server waiting for the rest: end it from this side.
      socket.end();
    });
    socket.on('close', done);
    socket.on('error', done);
  });
}

/** app.ping over a fresh, well-behaved WebSocket. */
async function ping(serve: RunningServe): Promise<boolean> {
  const ws = await openRpcSocket(serve.origin, serve.token).catch(() => undefined);
  if (ws === undefined) return false;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ws.terminate();
      resolve(false);
    }, 5_000);
    ws.send(JSON.stringify({ kind: 'request', id: 1, method: 'app.ping', params: {} }));
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { kind: string; result?: { pong?: boolean } };
      clearTimeout(timer);
      ws.close();
      resolve(message.kind === 'response' && message.result?.pong === true);
    });
    ws.on('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

describe('the browser-mode host under hostile clients', () => {
  const dir = makeTempDir();
  let serve: RunningServe;
  let port: number;

  beforeAll(async () => {
    serve = await startServe(['dist/host/serve.js', '--data-dir', dir.path]);
    port = Number(new URL(serve.origin).port);
  });

  afterAll(async () => {
    if (serve.child.exitCode === null) await serve.stop();
    dir.remove();
  });

  const requests: Record<string, () => string> = {
    'an absolute URL that is not one': () => `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
    'the same as an upgrade': () => upgradeRequest(port, serve.token).replace('GET /rpc ', 'GET http://[ '),
    'a bad % escape in the path': () =>
      `GET /%zz%?token=${serve.token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
    'a snowman as the token': () => `GET /?token=%E2%98%83 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
    'CR LF as the token': () =>
      `GET /?token=%0d%0aSet-Cookie:%20x=1 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
    'CR LF and a snowman as the offered token': () =>
      upgradeRequest(port, '%0d%0aSet-Cookie:%20x=1').replace(
        'Sec-WebSocket-Protocol: ',
        'Sec-WebSocket-Protocol: handrail.token.\u2603, ',
      ),
    'an offered token split over two headers': () =>
      upgradeRequest(port, serve.token.slice(0, 20)).replace(
        '\r\n\r\n',
        `\r\nSec-WebSocket-Protocol: ${serve.token.slice(20)}\r\n\r\n`,
      ),
    'a line of binary junk': () => '\x00\x01\x02\xff\r\n\r\n',
    'a header without a colon': () => `GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n`,
    'a request line of 200 kB': () =>
      `GET /${'a'.repeat(200_000)} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
  };

  for (const [name, request] of Object.entries(requests)) {
    it(`answers ${name} without exiting, and still answers ping`, async () => {
      const exchange = await rawExchange(port, request());
      expect(exchange.answer).not.toMatch(/\r\nSet-Cookie: x=1/i);
      expect(serve.child.exitCode).toBeNull();
      expect(await ping(serve)).toBe(true);
    });
  }

  it('answers a URL it cannot parse with 400', async () => {
    expect(statusOf(await rawExchange(port, requests['an absolute URL that is not one']!()))).toBe(400);
  });

  it('refuses every token that is not the one, and sets no cookie, even for the right one', async () => {
    for (const token of ['x', '%E2%98%83', '%0d%0a', 'x'.repeat(43)]) {
      const exchange = await rawExchange(
        port,
        `GET /?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
      );
      expect(statusOf(exchange)).toBe(403);
      expect(exchange.answer).not.toMatch(/Set-Cookie/i);
    }
    const opened = await rawExchange(
      port,
      `GET /?token=${serve.token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
    );
    expect(statusOf(opened)).toBe(200);
    expect(opened.answer).not.toMatch(/Set-Cookie/i);
    expect(statusOf(await rawExchange(port, upgradeRequest(port, 'x'.repeat(43))))).toBe(403);
    expect(statusOf(await rawExchange(port, upgradeRequest(port, serve.token)))).toBe(101);
  });

  it('survives 10,000 broken frames after valid upgrades, answering ping after each kind', async () => {
    const kinds = Object.entries(brokenFrames);
    const perKind = Math.ceil(10_000 / kinds.length);
    let sent = 0;
    for (const [name, make] of kinds) {
      // A few connections at a time: enough to overlap, few enough for two busy cores and under
      // the host's cap of 16 WebSockets at once (beyond it an upgrade gets 503).
      for (let batch = 0; batch < perKind; batch += 10) {
        const size = Math.min(10, perKind - batch);
        const upgraded = await Promise.all(
          Array.from({ length: size }, () => sendBrokenFrame(port, serve.token, make())),
        );
        sent += upgraded.filter(Boolean).length;
      }
      expect(serve.child.exitCode, `the host exited after: ${name}`).toBeNull();
      expect(await ping(serve), `no ping answer after: ${name}`).toBe(true);
    }
    expect(sent).toBeGreaterThanOrEqual(10_000);
  }, 300_000);
});

/**
 * A masked frame whose mask key is zero, so the same payload buffer can be written by every
 * client without a masked copy each (16 copies of 63 MB would weigh on the test, not the host).
 */
function zeroMaskHeader(length: number): Buffer {
  const header = Buffer.alloc(14);
  header[0] = 0x81;
  header[1] = 0x80 | 127;
  header.writeBigUInt64BE(BigInt(length), 2);
  return header; // bytes 10-13: the zero mask key
}

/** Upgrades, sends one large text frame, and resolves with whether an answer came back. */
function sendLargeFrame(port: number, token: string, payload: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(upgradeRequest(port, token)));
    let upgraded = false;
    const done = (answered: boolean): void => {
      socket.destroy();
      resolve(answered);
    };
    socket.on('data', (data) => {
      if (upgraded) return done(true);
      upgraded = /^HTTP\/1\.1 101/.test(data.toString('latin1'));
      if (!upgraded) return done(false);
      socket.write(zeroMaskHeader(payload.length));
      socket.write(payload);
    });
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
  });
}

/** The process's peak resident set so far (Linux), in MiB. */
function peakRssMib(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

describe('the browser-mode host under a flood of large frames', () => {
  const dir = makeTempDir();
  let serve: RunningServe;

  beforeAll(async () => {
    serve = await startServe(['dist/host/serve.js', '--data-dir', dir.path]);
  });

  afterAll(async () => {
    if (serve.child.exitCode === null) await serve.stop();
    dir.remove();
  });

  it('answers 16 clients sending 63 MB frames at once, within a bounded memory', async () => {
    const port = Number(new URL(serve.origin).port);
    const text = 'a'.repeat(63 * 1024 * 1024 - 200);
    const payload = Buffer.from(
      JSON.stringify({
        kind: 'request',
        id: 1,
        method: 'runbooks.importPreview',
        params: { text, fileName: 'x.md' },
      }),
    );
    const answered = await Promise.all(
      Array.from({ length: 16 }, () => sendLargeFrame(port, serve.token, payload)),
    );
    const peak = peakRssMib(serve.child.pid as number);
    console.log(
      `reliability large-frame flood: clients=16 frameMB=63 answered=${answered.filter(Boolean).length} hostPeakRssMiB=${Math.round(peak)}`,
    );
    expect(answered.every(Boolean)).toBe(true);
    expect(serve.child.exitCode).toBeNull();
    expect(await ping(serve)).toBe(true);
    // Without the byte budget this flood took the host to ~1,420 MiB; with it ~585 MiB
    // (issue 18 notes). 1 GiB leaves room for another V8 or allocator without hiding a regression.
    expect(peak).toBeLessThan(1024);
  }, 120_000);
});
