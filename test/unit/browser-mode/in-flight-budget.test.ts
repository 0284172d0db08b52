import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InFlightBudget,
  type BudgetLimits,
  type ConnectionBudget,
} from '../../../electron/host/transport/in-flight-budget';

const limits: BudgetLimits = { perConnection: 100, total: 250, smallAllowance: 10 };

/** A connection as the budget sees it: whether it may read now. */
function connection(budget: InFlightBudget): { share: ConnectionBudget; paused: () => boolean } {
  let paused = false;
  const share = budget.open({ pause: () => (paused = true), resume: () => (paused = false) });
  return { share, paused: () => paused };
}

describe('the in-flight byte budget', () => {
  it('pauses a connection over its own limit until its request is answered', () => {
    const budget = new InFlightBudget(limits);
    const a = connection(budget);
    a.share.received(90);
    expect(a.paused()).toBe(false);
    const weight = a.share.messageArrived();
    expect(weight).toBe(90);
    a.share.received(20);
    expect(a.paused()).toBe(true);
    a.share.handled(weight);
    expect(a.paused()).toBe(false);
  });

  it('over the total, pauses connections holding more than the small allowance, never the small ones', () => {
    const budget = new InFlightBudget(limits);
    const big = [connection(budget), connection(budget), connection(budget)];
    const small = connection(budget);
    for (const each of big) each.share.received(90);
    const weights = big.map((each) => each.share.messageArrived());
    expect(big.every((each) => each.paused())).toBe(true);
    small.share.received(5);
    expect(small.paused()).toBe(false);
    big[0]!.share.handled(weights[0]!);
    expect(budget.held).toBe(185);
    expect(big.map((each) => each.paused())).toEqual([false, false, false]);
  });

  it('lets the connection furthest into a frame finish it when nothing is being handled', () => {
    const budget = new InFlightBudget(limits);
    const [a, b, c] = [connection(budget), connection(budget), connection(budget)];
    a.share.received(95);
    b.share.received(90);
    c.share.received(80);
    // 265 over 250, all still assembling: waiting would release nothing, so a goes on.
    expect([a.paused(), b.paused(), c.paused()]).toEqual([false, true, true]);
    a.share.received(5);
    const weight = a.share.messageArrived();
    expect([a.paused(), b.paused(), c.paused()]).toEqual([true, true, true]);
    a.share.handled(weight);
    expect(budget.held).toBe(170);
    expect([a.paused(), b.paused(), c.paused()]).toEqual([false, false, false]);
  });

  it('releases everything a closed connection held', () => {
    const budget = new InFlightBudget(limits);
    const a = connection(budget);
    const b = connection(budget);
    a.share.received(200);
    a.share.messageArrived();
    b.share.received(60);
    expect(b.paused()).toBe(true);
    a.share.close();
    expect(budget.held).toBe(60);
    expect(b.paused()).toBe(false);
  });

  it('forgets control frames, so a long-lived connection does not creep towards its limit', () => {
    const budget = new InFlightBudget(limits);
    const a = connection(budget);
    for (let index = 0; index < 1000; index++) {
      a.share.received(6);
      a.share.controlFrameRead();
      a.share.received(8);
      a.share.handled(a.share.messageArrived());
    }
    expect(budget.held).toBe(0);
    expect(a.paused()).toBe(false);
  });

  it('never deadlocks and never holds more than the bound, whatever the clients do', () => {
    // Model: each client sends messages of up to `perConnection` bytes in chunks, and only while
    // it may read; the host answers messages in any order. Every message must be answered in the
    // end, and the bytes held stay under total + perConnection + clients × smallAllowance + chunk.
    const chunk = 7;
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.array(fc.nat(), { minLength: 200, maxLength: 200 }),
        (plans, choices) => {
          const budget = new InFlightBudget(limits);
          const clients = plans.map((sizes) => ({ ...connection(budget), sizes: [...sizes], sent: 0 }));
          const handling: Array<{ client: number; weight: number }> = [];
          const bound = limits.total + limits.perConnection + clients.length * limits.smallAllowance + chunk;
          let step = 0;
          for (;;) {
            const readable = clients
              .map((client, index) => ({ client, index }))
              .filter(({ client }) => !client.paused() && client.sizes.length > 0);
            if (readable.length === 0 && handling.length === 0) break;
            const choice = choices[step++ % choices.length]!;
            if (handling.length > 0 && (readable.length === 0 || choice % 3 === 0)) {
              const [done] = handling.splice(choice % handling.length, 1);
              clients[done!.client]!.share.handled(done!.weight);
              continue;
            }
            const { client, index } = readable[choice % readable.length]!;
            const remaining = client.sizes[0]! - client.sent;
            const bytes = Math.min(chunk, remaining);
            client.share.received(bytes);
            client.sent += bytes;
            if (client.sent === client.sizes[0]) {
              client.sizes.shift();
              client.sent = 0;
              handling.push({ client: index, weight: client.share.messageArrived() });
            }
            expect(budget.held).toBeLessThanOrEqual(bound);
          }
          expect(clients.every((client) => client.sizes.length === 0)).toBe(true);
          expect(budget.held).toBe(0);
        },
      ),
    );
  });
});
