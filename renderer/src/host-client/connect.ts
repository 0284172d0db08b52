import { RpcClient } from '../../../shared/rpc/client';
import { messagePortChannel } from '../../../shared/rpc/message-port-channel';
import { webSocketChannel } from '../../../shared/rpc/websocket-channel';
import { handshakeProtocols } from '../../../shared/rpc/websocket-token';
import type { TransportKind } from '../../../shared/contract/index';
import { takeAccessToken } from './access-token';

export interface HostConnection {
  client: RpcClient;
  transport: TransportKind;
}

interface ShellMarker {
  kind: 'electron';
}

/** In the app the preload marks the page and posts it a MessagePort; in a browser there is neither. */
function inElectron(): boolean {
  return (window as unknown as { handrailShell?: ShellMarker }).handrailShell?.kind === 'electron';
}

// The port may arrive before React asks for it, so it is caught from the very start.
const hostPort: Promise<MessagePort> | undefined = inElectron()
  ? new Promise((resolve) => {
      const onMessage = (event: MessageEvent): void => {
        if (event.source !== window || event.origin !== window.location.origin) return;
        const data = event.data as { type?: unknown } | null;
        const port = event.ports[0];
        if (data?.type !== 'handrail:host-port' || port === undefined) return;
        window.removeEventListener('message', onMessage);
        resolve(port);
      };
      window.addEventListener('message', onMessage);
    })
  : undefined;

// Taken at once, before anything else reads the address: the token leaves the address bar.
const accessToken: string | undefined = inElectron() ? undefined : takeAccessToken();

/**
 * Connects to the host over whichever transport this page has. In browser mode the WebSocket to
 * the same origin offers the access token as a subprotocol (shared/rpc/websocket-token.ts).
 */
export async function connectToHost(): Promise<HostConnection> {
  if (hostPort !== undefined) {
    const port = await hostPort;
    return { client: new RpcClient(messagePortChannel(port)), transport: 'message-port' };
  }
  if (accessToken === undefined)
    throw new Error('this page was opened without its access token: open the URL Handrail printed');
  const url = new URL('rpc', window.location.href);
  url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  url.hash = '';
  const socket = new WebSocket(url, handshakeProtocols(accessToken));
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener(
      'error',
      () =>
        reject(
          new Error(
            'the host refused the connection (its access token changes at every start: open the URL it printed)',
          ),
        ),
      { once: true },
    );
  });
  return { client: new RpcClient(webSocketChannel(socket)), transport: 'websocket' };
}
