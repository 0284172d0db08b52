import fc from 'fast-check';
import { openRpcSocket } from '../support/node-websocket-client';

export interface FuzzCounters {
  sent: number;
  answered: number;
  /** Messages that got no answer before the deadline. */
  hangs: number;
  /** The connection or the host went away during the run. */
  crashes: number;
}

/** Malformed client messages: noise, wrong shapes, wrong types, huge ids, bad params of real methods. */
export function malformedMessages(count: number, seed: number): string[] {
  const methods = ['app.info', 'app.ping', 'runbooks.list', 'runbooks.get', 'runbooks.create', 'no.such'];
  const arbitrary = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc
      .record({
        kind: fc.constantFrom('request', 'response', 'event', 'cancel', 'REQUEST', ''),
        id: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null), fc.constant(-1)),
        method: fc.oneof(fc.constantFrom(...methods), fc.string()),
        params: fc.anything(),
      })
      .map((value) => JSON.stringify(value)),
    fc
      .record({
        id: fc.nat(1_000_000_000),
        method: fc.constantFrom(...methods),
        params: fc.anything({ maxDepth: 3 }),
      })
      .map(({ id, method, params }) => JSON.stringify({ kind: 'request', id, method, params })),
  );
  return fc.sample(arbitrary, { numRuns: count, seed });
}

/**
 * Sends each message over a real WebSocket and waits for its one answer (any message from the
 * host), one at a time, so a missing answer is a hang and is counted, not waited out forever.
 * Valid cancels get no answer by design and are followed by a ping that must be answered.
 */
export async function fuzzOverWebSocket(
  server: { origin: string; token: string },
  messages: string[],
  answerDeadlineMs = 2000,
): Promise<FuzzCounters> {
  const counters: FuzzCounters = { sent: 0, answered: 0, hangs: 0, crashes: 0 };
  const socket = await openRpcSocket(server.origin, server.token);
  let waiting: ((text: string) => void) | undefined;
  socket.on('message', (data) => waiting?.(String(data)));
  let closed = false;
  socket.once('close', () => {
    closed = true;
  });
  let pingId = 2_000_000_000;
  for (const text of messages) {
    if (closed) {
      counters.crashes++;
      break;
    }
    const probe = isValidCancel(text)
      ? JSON.stringify({ kind: 'request', id: pingId++, method: 'app.ping', params: {} })
      : undefined;
    const answered = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), answerDeadlineMs);
      waiting = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
    socket.send(text);
    if (probe !== undefined) socket.send(probe);
    counters.sent++;
    if (await answered) counters.answered++;
    else counters.hangs++;
  }
  socket.close();
  return counters;
}

function isValidCancel(text: string): boolean {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    return (
      value.kind === 'cancel' &&
      Object.keys(value).length === 2 &&
      Number.isSafeInteger(value.id) &&
      (value.id as number) >= 0
    );
  } catch {
    return false;
  }
}
