import { createServer, type Server } from 'node:http';
import { spawn, type IPty } from 'node-pty';
import { WebSocketServer, type WebSocket } from 'ws';
import { serveXtermFile, xtermPageHead } from './bare-xterm';

/**
 * The minimal streamed pipeline (issue 17's baseline for P1): pty → Node → WebSocket → xterm.js,
 * with no Handrail code on the way. xterm.js fed from memory (bare-xterm.ts) is a limit no
 * streamed source reaches; this is what a straightforward streamed terminal does here, so the
 * app's end-to-end rate is judged against it.
 *
 * What it does, and no more: node-pty's raw bytes go out as binary WebSocket frames of at most
 * `frameBytes`, straight into `term.write(Uint8Array)`. Flow control is the plain watermark scheme
 * xterm.js's own flow-control guide describes: the page acknowledges every `ackBytes` it has
 * parsed (write callbacks), and the server pauses the pty above `highBytes` unacknowledged,
 * resuming below `lowBytes`. Without it the page's write queue grows without bound under a flood.
 */
const frameBytes = 32 * 1024;
const ackBytes = 64 * 1024;
const highBytes = 1024 * 1024;
const lowBytes = highBytes / 2;

export interface MinimalPipeline {
  url(width: number, height: number): string;
  close(): Promise<void>;
}

/**
 * `run()` in the page starts `file()` through a new pty and resolves with the milliseconds, in
 * the page's clock, from asking for it to the frame after xterm.js parsed its last byte.
 * `expectedBytes()`: what the pty delivers for that file (its \n as \r\n).
 */
export async function serveMinimalPipeline(
  file: () => string,
  expectedBytes: () => number,
): Promise<MinimalPipeline> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/') response.writeHead(200, { 'content-type': 'text/html' }).end(page);
    else if (!serveXtermFile(path, response)) response.writeHead(404).end();
  });
  const sockets = new WebSocketServer({ server });
  sockets.on('connection', (socket) => {
    socket.on('message', (message, isBinary) => {
      if (!isBinary && message.toString() === 'go') stream(socket, file(), expectedBytes());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: (width, height) => `http://127.0.0.1:${port}/?w=${width}&h=${height}`,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * `cat` of `path` in a pty, every byte to `socket`, then a text frame "end". The shell waits
 * after `cat` instead of exiting, since node-pty drops what is unread 200 ms after its child
 * exits; the pty is killed once `expected` bytes are through.
 */
function stream(socket: WebSocket, path: string, expected: number): void {
  const pty: IPty = spawn('/bin/sh', ['-c', 'cat "$0"; exec sleep 3600', path], {
    cols: 120,
    rows: 30,
    encoding: null,
  });
  let sent = 0;
  let acked = 0;
  let paused = false;
  const onAck = (message: Buffer, isBinary: boolean): void => {
    const text = message.toString();
    if (isBinary || !text.startsWith('ack ')) return;
    acked += Number(text.slice(4));
    if (paused && sent - acked < lowBytes) {
      paused = false;
      pty.resume();
    }
  };
  socket.on('message', onAck);
  pty.onData((data) => {
    const bytes = data as unknown as Buffer;
    for (let at = 0; at < bytes.length; at += frameBytes) socket.send(bytes.subarray(at, at + frameBytes));
    sent += bytes.length;
    if (!paused && sent - acked > highBytes) {
      paused = true;
      pty.pause();
    }
    if (sent < expected) return;
    socket.send('end');
    socket.off('message', onAck);
    pty.kill();
  });
}

const page = `${xtermPageHead}
  const socket = new WebSocket('ws://' + location.host + '/');
  socket.binaryType = 'arraybuffer';
  const opened = new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
  let finish = null;
  let unacked = 0;
  socket.addEventListener('message', (event) => {
    if (typeof event.data === 'string') {
      if (event.data === 'end') term.write('', () => requestAnimationFrame(() => finish()));
      return;
    }
    const bytes = new Uint8Array(event.data);
    term.write(bytes, () => {
      unacked += bytes.length;
      if (unacked < ${ackBytes}) return;
      socket.send('ack ' + unacked);
      unacked = 0;
    });
  });
  window.bench = {
    async run() {
      await opened;
      term.reset();
      unacked = 0;
      return new Promise((resolve) => {
        const started = performance.now();
        finish = () => resolve(performance.now() - started);
        socket.send('go');
      });
    },
  };
</script>`;
