import type { Channel } from './channel';
import { closeSignal } from './close-signal';

/** The part of a WebSocket the channel uses: the browser's WebSocket and the `ws` package's both have it. */
export interface SocketLike {
  send(data: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: () => void): void;
  close(code?: number, reason?: string): void;
}

/** Adapts an open WebSocket. Binary frames are passed on as they are, for the server to refuse. */
export function webSocketChannel(socket: SocketLike): Channel {
  const closed = closeSignal();
  socket.addEventListener('close', closed.fire);
  return {
    send: (text) => {
      if (!closed.isClosed()) socket.send(text);
    },
    onMessage: (listener) => socket.addEventListener('message', (event) => listener(event.data as string)),
    onClose: closed.listen,
    close: () => {
      socket.close(1000, 'closed');
      closed.fire();
    },
  };
}
