import { MessageChannel } from 'node:worker_threads';
import type { Channel } from '../../shared/rpc/channel';
import { messagePortChannel, type PortLike } from '../../shared/rpc/message-port-channel';

/** Both ends of a real MessagePort pair (Node's worker_threads, the same API as the browser's). */
export function messagePortPair(): { hostSide: Channel; clientSide: Channel; close(): void } {
  const { port1, port2 } = new MessageChannel();
  return {
    hostSide: messagePortChannel(port1 as unknown as PortLike),
    clientSide: messagePortChannel(port2 as unknown as PortLike),
    close: () => {
      port1.close();
      port2.close();
    },
  };
}

/** Collects the texts a channel receives, to send raw (malformed) messages and read raw answers. */
export function rawEnd(channel: Channel): { send(text: string): void; next(): Promise<unknown> } {
  const queue: string[] = [];
  const waiters: Array<(text: string) => void> = [];
  channel.onMessage((text) => {
    const waiter = waiters.shift();
    if (waiter) waiter(text);
    else queue.push(text);
  });
  return {
    send: (text) => channel.send(text),
    next: () =>
      new Promise((resolve) => {
        const text = queue.shift();
        if (text !== undefined) resolve(JSON.parse(text));
        else waiters.push((received) => resolve(JSON.parse(received)));
      }),
  };
}
