import {
  RpcError,
  errorCode,
  type EventName,
  type EventPayload,
  type MethodName,
  type ParamsIn,
  type Result,
} from '../contract/index';
import type { Channel } from './channel';
import { hostMessage, type ClientMessage } from './protocol';

interface Pending {
  resolve(result: unknown): void;
  reject(error: RpcError): void;
}

export interface CallOptions {
  /**
   * Aborting asks the host to cancel. The call then settles with the host's answer: its result if
   * the work was done anyway, or an error with code `cancelled` if nothing was changed.
   */
  signal?: AbortSignal;
}

/** The typed client the renderer, the CLI and the tests use; the same on every transport. */
export class RpcClient {
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly closeListeners = new Set<() => void>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly channel: Channel) {
    channel.onMessage((text) => this.receive(text));
    channel.onClose(() => this.handleClose());
  }

  call<M extends MethodName>(method: M, params: ParamsIn<M>, options: CallOptions = {}): Promise<Result<M>> {
    if (this.closed)
      return Promise.reject(new RpcError('unavailable', 'the connection to the host is closed'));
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new RpcError('cancelled', 'the request was cancelled'));
    const id = this.nextId++;
    return new Promise<Result<M>>((resolve, reject) => {
      // The call stays pending until the host says what happened: a change it had already made
      // is answered as done, and `cancelled` means nothing was changed.
      const onAbort = (): void => {
        if (this.pending.has(id)) this.post({ kind: 'cancel', id });
      };
      const settle = (): void => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (result) => {
          settle();
          resolve(result as Result<M>);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.post({ kind: 'request', id, method, params });
    });
  }

  /** Listens to one event topic; returns the function that stops listening. */
  on<E extends EventName>(topic: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(topic);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(topic, set);
    }
    const entry = listener as (payload: unknown) => void;
    set.add(entry);
    return () => set.delete(entry);
  }

  onClose(listener: () => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.channel.close();
    this.handleClose();
  }

  private post(message: ClientMessage): void {
    this.channel.send(JSON.stringify(message));
  }

  private receive(text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return; // the host only sends JSON; anything else is not ours to answer
    }
    const checked = hostMessage.safeParse(parsed);
    if (!checked.success) return;
    const message = checked.data;
    if (message.kind === 'event') {
      for (const listener of this.listeners.get(message.topic) ?? []) listener(message.payload);
      return;
    }
    if (message.id === null) return; // an error about a message that had no id: nothing to settle
    const pending = this.pending.get(message.id);
    if (pending === undefined) return;
    this.pending.delete(message.id);
    if (message.kind === 'response') pending.resolve(message.result);
    else {
      const code = errorCode.safeParse(message.error.code);
      pending.reject(
        new RpcError(code.success ? code.data : 'internal', message.error.message, message.error.field),
      );
    }
  }

  private handleClose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const pending of this.pending.values()) {
      pending.reject(new RpcError('unavailable', 'the connection to the host closed before it answered'));
    }
    this.pending.clear();
    for (const listener of this.closeListeners) listener();
  }
}
