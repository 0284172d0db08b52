import { RpcClient } from '../../../shared/rpc/client';
import { messagePortChannel } from '../../../shared/rpc/message-port-channel';
import { webSocketChannel } from '../../../shared/rpc/websocket-channel';
import type { TransportKind } from '../../../shared/contract/index';

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

/**
 * Connects to the host over whichever transport this page has. Browser mode's page was opened
 * with ?token=… and the server set a cookie from it; the WebSocket to the same origin carries it.
 */
export async function connectToHost(): Promise<HostConnection> {
  if (hostPort !== undefined) {
    const port = await hostPort;
    return { client: new RpcClient(messagePortChannel(port)), transport: 'message-port' };
  }
  const url = new URL('rpc', window.location.href);
  url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('the host refused the connection')), {
      once: true,
    });
  });
  return { client: new RpcClient(webSocketChannel(socket)), transport: 'websocket' };
}
