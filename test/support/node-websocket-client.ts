import WebSocket from 'ws';
import { RpcClient } from '../../shared/rpc/client';
import { webSocketChannel } from '../../shared/rpc/websocket-channel';

/** A typed client over a real WebSocket to a browser-mode server, as a non-browser client connects. */
export async function connectWebSocketClient(origin: string, token: string): Promise<RpcClient> {
  const url = `${origin.replace(/^http/, 'ws')}/rpc?token=${encodeURIComponent(token)}`;
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`WebSocket refused with HTTP ${response.statusCode}`)),
    );
  });
  return new RpcClient(webSocketChannel(socket));
}
