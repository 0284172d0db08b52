import {
  events,
  isMethodName,
  methods,
  RpcError,
  type EventName,
  type EventPayload,
  type MethodName,
  type Params,
  type Result,
  type RpcErrorBody,
} from '../contract/index';
import type { Channel } from './channel';
import { describeFirstIssue } from './format-issue';
import { clientMessage, maxMessageChars, type HostMessage, type RequestMessage } from './protocol';

export interface CallContext {
  /**
   * Aborted when the client cancels the request or the connection closes. The answer still waits
   * for the handler: one that waits before it writes checks the signal first (throwIfCancelled),
   * and one that has written completes and is answered as done.
   */
  signal: AbortSignal;
  connection: Connection;
}

export type Handler<M extends MethodName> = (
  params: Params<M>,
  context: CallContext,
) => Result<M> | Promise<Result<M>>;

export type Handlers = { [M in MethodName]?: Handler<M> };

/** One client attached to the server over one channel. */
export interface Connection {
  readonly id: number;
  emit<E extends EventName>(topic: E, payload: EventPayload<E>): void;
  onClose(listener: () => void): void;
  close(): void;
}

export type ServerLog = (message: string, error?: unknown) => void;

/**
 * Answers requests on any number of channels with the same handlers. Every incoming message is
 * validated against the wire protocol and the method's schema; whatever arrives, the server
 * answers with an error rather than throwing, so no client can crash the host.
 */
export class RpcServer {
  private readonly connections = new Set<ServerConnection>();
  private nextConnectionId = 1;

  constructor(
    private readonly handlers: Handlers,
    private readonly log: ServerLog = () => {},
  ) {}

  attach(channel: Channel): Connection {
    const connection = new ServerConnection(this.nextConnectionId++, channel, this.handlers, this.log);
    this.connections.add(connection);
    connection.onClose(() => this.connections.delete(connection));
    return connection;
  }

  /** Sends an event to every attached client. */
  broadcast<E extends EventName>(topic: E, payload: EventPayload<E>): void {
    for (const connection of this.connections) connection.emit(topic, payload);
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  closeAll(): void {
    for (const connection of [...this.connections]) connection.close();
  }
}

class ServerConnection implements Connection {
  private readonly inFlight = new Map<number, AbortController>();
  private readonly closeListeners: Array<() => void> = [];
  private closed = false;

  constructor(
    readonly id: number,
    private readonly channel: Channel,
    private readonly handlers: Handlers,
    private readonly log: ServerLog,
  ) {
    channel.onMessage((text) => this.receive(text));
    channel.onClose(() => this.handleClose());
  }

  emit<E extends EventName>(topic: E, payload: EventPayload<E>): void {
    const checked = events[topic].safeParse(payload);
    if (!checked.success) {
      this.log(`refusing to emit malformed event ${topic}`, checked.error);
      return;
    }
    this.send({ kind: 'event', topic, payload: checked.data });
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  close(): void {
    this.channel.close();
    this.handleClose();
  }

  private handleClose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const controller of this.inFlight.values()) controller.abort();
    this.inFlight.clear();
    for (const listener of this.closeListeners) listener();
  }

  private send(message: HostMessage): void {
    if (this.closed) return;
    try {
      this.channel.send(JSON.stringify(message));
    } catch (error) {
      this.log('send failed; closing the connection', error);
      this.close();
    }
  }

  private sendError(id: number | null, body: RpcErrorBody): void {
    this.send({ kind: 'error', id, error: body });
  }

  /** Settles once the message is answered (at once for anything but a request). */
  private receive(text: unknown): Promise<void> | undefined {
    if (typeof text !== 'string') {
      this.sendError(null, { code: 'invalid_message', message: 'message: expected a JSON text' });
      return;
    }
    if (text.length > maxMessageChars) {
      this.sendError(null, {
        code: 'too_large',
        message: `message: larger than ${maxMessageChars} characters`,
      });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.sendError(null, { code: 'invalid_message', message: `message: not valid JSON (${reason})` });
      return;
    }
    const checked = clientMessage.safeParse(parsed);
    if (!checked.success) {
      const { field, message } = describeFirstIssue('message', checked.error);
      this.sendError(readableId(parsed), { code: 'invalid_message', message, field });
      return;
    }
    const message = checked.data;
    if (message.kind === 'cancel') {
      this.inFlight.get(message.id)?.abort();
      return;
    }
    return this.answer(message);
  }

  /**
   * Answers with what the handler did. A cancel (or the connection closing) aborts the handler's
   * signal, but the answer waits for the handler: a change it committed is answered as done, and
   * `cancelled` is said only when the handler stopped for the cancel, before changing anything.
   */
  private async answer(request: RequestMessage): Promise<void> {
    const { id, method } = request;
    if (this.inFlight.has(id)) {
      this.sendError(id, {
        code: 'invalid_message',
        message: `message.id: request ${id} is already in flight`,
      });
      return;
    }
    if (!isMethodName(method) || this.handlers[method] === undefined) {
      this.sendError(id, { code: 'unknown_method', message: `unknown method '${method}'`, field: 'method' });
      return;
    }
    const controller = new AbortController();
    this.inFlight.set(id, controller);
    try {
      const result = await this.invoke(method, request.params, controller.signal);
      this.send({ kind: 'response', id, result });
    } catch (error) {
      this.sendError(id, this.toErrorBody(error, method));
    } finally {
      this.inFlight.delete(id);
    }
  }

  private async invoke(method: MethodName, rawParams: unknown, signal: AbortSignal): Promise<unknown> {
    const spec = methods[method];
    const params = spec.params.safeParse(rawParams ?? {});
    if (!params.success) {
      const { field, message } = describeFirstIssue('params', params.error);
      throw new RpcError('invalid_params', message, field);
    }
    const handler = this.handlers[method] as Handler<MethodName>;
    const result = await handler(params.data as never, { signal, connection: this });
    const checked = spec.result.safeParse(result);
    if (!checked.success) {
      this.log(`handler for ${method} returned a result outside the contract`, checked.error);
      throw new RpcError('internal', `${method}: the host produced an invalid result`);
    }
    return checked.data;
  }

  private toErrorBody(error: unknown, method: string): RpcErrorBody {
    if (isCancellation(error)) return cancelled().toBody();
    if (error instanceof RpcError) return error.toBody();
    this.log(`handler for ${method} failed`, error);
    const reason = error instanceof Error ? error.message : String(error);
    return { code: 'internal', message: `${method} failed: ${reason}` };
  }
}

function cancelled(): RpcError {
  return new RpcError('cancelled', 'the request was cancelled');
}

/**
 * For handlers that wait before they write: call it after the wait and before the first change,
 * so a cancelled request changes nothing and says so.
 */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw cancelled();
}

/** The handler stopped because of the cancel: our own error, or an AbortSignal's reason. */
function isCancellation(error: unknown): boolean {
  if (error instanceof RpcError) return error.code === 'cancelled';
  return error instanceof Error && error.name === 'AbortError';
}

function readableId(parsed: unknown): number | null {
  if (typeof parsed !== 'object' || parsed === null || !('id' in parsed)) return null;
  const { id } = parsed as { id: unknown };
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}
