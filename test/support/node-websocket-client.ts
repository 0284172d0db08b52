import WebSocket from 'ws';
import { RpcClient } from '../../shared/rpc/client';
import { webSocketChannel } from '../../shared/rpc/websocket-channel';
import { handshakeProtocols } from '../../shared/rpc/websocket-token';

/**
 * A WebSocket to a browser-mode server's RPC endpoint, as a non-browser client opens one: no
 * Origin, the token offered in the handshake's subprotocols. Resolves once open.
 */
export async function openRpcSocket(origin: string, token: string): Promise<WebSocket> {
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/rpc`, handshakeProtocols(token));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`WebSocket refused with HTTP ${response.statusCode}`)),
    );
  });
  return socket;
}

/** A typed client over a real WebSocket to a browser-mode server, as a non-browser client connects. */
export async function connectWebSocketClient(origin: string, token: string): Promise<RpcClient> {
  return new RpcClient(webSocketChannel(await openRpcSocket(origin, token)));
}
