import type { Channel } from './channel';
import { closeSignal } from './close-signal';

/**
 * The part of a MessagePort the channel uses. The browser's MessagePort and Node's
 * worker_threads MessagePort both have it; Electron's MessagePortMain gets a small shim in the
 * host's utility-process entry.
 */
export interface PortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: () => void): void;
  start?(): void;
  close(): void;
}

export function messagePortChannel(port: PortLike): Channel {
  const closed = closeSignal();
  port.addEventListener('close', closed.fire);
  return {
    send: (text) => port.postMessage(text),
    onMessage: (listener) => {
      port.addEventListener('message', (event) => listener(event.data as string));
      port.start?.();
    },
    onClose: closed.listen,
    close: () => {
      port.close();
      closed.fire();
    },
  };
}
