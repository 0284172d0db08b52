import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InventoryVars } from '../../../shared/inventory/index';
import {
  capBatches,
  hostVarsOf,
  mayStartBatch,
  parseInventory,
  planRollingOrder,
  planRollingStep,
  RollingPlanError,
  selectHosts,
  type OrderPolicy,
} from '../../../electron/host/inventory/index';
import { fixture } from './support';

const six = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const noVars = (): InventoryVars | undefined => undefined;
const policy = (fields: Partial<OrderPolicy>): OrderPolicy => ({
  order: 'serial',
  batchSize: 1,
  vipHolderLast: false,
  ...fields,
});
const varsFrom =
  (vars: Record<string, InventoryVars>) =>
  (host: string): InventoryVars | undefined =>
    vars[host];

function planError(run: () => unknown): RollingPlanError {
  try {
    run();
  } catch (error) {
    if (error instanceof RollingPlanError) return error;
    throw error;
  }
  throw new Error('expected a RollingPlanError');
}

describe('order policies', () => {
  it('serial: one by one in the order selected, whatever the batch size', () => {
    expect(planRollingOrder(six, policy({ batchSize: 4 }), noVars).batches).toEqual(six.map((h) => [h]));
  });

  it('batches of N, the last one shorter', () => {
    expect(
      planRollingOrder(six.slice(0, 5), policy({ order: 'batches', batchSize: 2 }), noVars).batches,
    ).toEqual([['h1', 'h2'], ['h3', 'h4'], ['h5']]);
  });

  it('canary first: the first host alone, then the rest in batches', () => {
    const plan = planRollingOrder(six, policy({ order: 'canary-first', batchSize: 3 }), noVars);
    expect(plan.canary).toBe('h1');
    expect(plan.batches).toEqual([['h1'], ['h2', 'h3', 'h4'], ['h5', 'h6']]);
  });

  it('canary first with a chosen canary', () => {
    const plan = planRollingOrder(six, policy({ order: 'canary-first', batchSize: 5, canary: 'h4' }), noVars);
    expect(plan.batches).toEqual([['h4'], ['h1', 'h2', 'h3', 'h5', 'h6']]);
  });

  it('the VIP holder last, found by a host variable with any true spelling', () => {
    for (const value of [true, 'yes', 'True', 'on', 1, '1']) {
      const plan = planRollingOrder(
        six,
        policy({ order: 'batches', batchSize: 2, vipHolderLast: true }),
        varsFrom({ h2: { vip_holder: value }, h3: { vip_holder: false }, h4: { vip_holder: 'no' } }),
      );
      expect(plan.batches, String(value)).toEqual([['h1', 'h3'], ['h4', 'h5'], ['h6'], ['h2']]);
      expect(plan.last).toEqual(['h2']);
    }
  });

  it('the VIP holder by a named variable, and a chosen last host after it', () => {
    const plan = planRollingOrder(
      six,
      policy({ vipHolderLast: true, vipVariable: 'keepalived_master', lastHost: 'h1' }),
      varsFrom({ h3: { keepalived_master: 'yes', vip_holder: false } }),
    );
    expect(plan.batches.flat()).toEqual(['h2', 'h4', 'h5', 'h6', 'h3', 'h1']);
    expect(plan.last).toEqual(['h3', 'h1']);
  });

  it('warns when no host holds the VIP, and when every host goes last for canary-first', () => {
    expect(planRollingOrder(six, policy({ vipHolderLast: true }), noVars).warnings).toEqual([
      'no selected host has a true "vip_holder" variable: no VIP holder is held to the end',
    ]);
    const plan = planRollingOrder(['h1'], policy({ order: 'canary-first', lastHost: 'h1' }), noVars);
    expect(plan.batches).toEqual([['h1']]);
    expect(plan.warnings[0]).toContain('no host left to be the canary');
  });

  it('the drain cap splits bigger batches', () => {
    const plan = planRollingOrder(six, policy({ order: 'batches', batchSize: 4, drainCap: 3 }), noVars);
    expect(plan.batches).toEqual([['h1', 'h2', 'h3'], ['h4'], ['h5', 'h6']]);
  });

  it('refuses a policy that cannot apply', () => {
    expect(planError(() => planRollingOrder(six, policy({ lastHost: 'h9' }), noVars)).message).toBe(
      'the last host "h9" is not among the selected hosts',
    );
    expect(
      planError(() => planRollingOrder(six, policy({ order: 'canary-first', canary: 'x' }), noVars)).message,
    ).toContain('canary "x" is not among');
    expect(planError(() => planRollingOrder(six, policy({ canary: 'h1' }), noVars)).message).toContain(
      'needs order canary-first',
    );
    expect(
      planError(() =>
        planRollingOrder(six, policy({ order: 'canary-first', canary: 'h2', lastHost: 'h2' }), noVars),
      ).message,
    ).toContain('both the canary and go last');
    expect(planError(() => planRollingOrder(['a', 'a'], policy({}), noVars)).message).toBe(
      'host "a" is selected twice',
    );
    expect(planError(() => planRollingOrder(six, policy({ batchSize: 0 }), noVars)).message).toContain(
      'batch size',
    );
    expect(planError(() => planRollingOrder(six, policy({ drainCap: 0 }), noVars)).message).toContain(
      'drain cap',
    );
  });

  it('plans from a real inventory: controllers one by one with the VIP holder last', () => {
    const inventory = parseInventory(fixture('multinode.ini'), { fileName: 'multinode' });
    const hosts = selectHosts(inventory, 'control');
    const plan = planRollingOrder(hosts, policy({ vipHolderLast: true }), hostVarsOf(inventory));
    expect(plan.batches).toEqual([['ctl-01'], ['ctl-03'], ['ctl-02']]);
  });
});

const hostLists = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { minLength: 0, maxLength: 40 });
const policies = fc.record({
  order: fc.constantFrom('serial' as const, 'batches' as const, 'canary-first' as const),
  batchSize: fc.integer({ min: 1, max: 12 }),
  drainCap: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  vipHolderLast: fc.boolean(),
});

describe('order policy properties', () => {
  it('every host exactly once, no batch over the cap or the batch size, VIP holders last', () => {
    fc.assert(
      fc.property(hostLists, policies, fc.array(fc.nat()), (hosts, p, vipPicks) => {
        const holders = new Set(vipPicks.filter(() => hosts.length > 0).map((i) => hosts[i % hosts.length]!));
        const plan = planRollingOrder(hosts, p, (h) => ({ vip_holder: holders.has(h) }));
        const flat = plan.batches.flat();
        expect([...flat].sort()).toEqual([...hosts].sort());
        expect(new Set(flat).size).toBe(flat.length);
        const limit = Math.min(p.order === 'serial' ? 1 : p.batchSize, p.drainCap ?? Infinity);
        for (const batch of plan.batches) {
          expect(batch.length).toBeGreaterThan(0);
          expect(batch.length).toBeLessThanOrEqual(limit);
        }
        if (p.vipHolderLast && holders.size > 0) {
          const tail = plan.batches.slice(-holders.size);
          expect(tail.every((b) => b.length === 1 && holders.has(b[0]!))).toBe(true);
        }
        if (p.order === 'canary-first' && plan.canary !== undefined)
          expect(plan.batches[0]).toEqual([plan.canary]);
        // Hosts that are not held back keep the order they were selected in.
        const held = new Set([...plan.last, ...(plan.canary === undefined ? [] : [plan.canary])]);
        expect(flat.filter((h) => !held.has(h))).toEqual(hosts.filter((h) => !held.has(h)));
      }),
    );
  });

  it('running the plan with mayStartBatch as the gate never has more than the cap out of service', () => {
    fc.assert(
      fc.property(
        hostLists,
        policies,
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.nat()),
        (hosts, p, cap, delays) => {
          const plan = planRollingOrder(hosts, { ...p, drainCap: cap }, noVars);
          // A simulated run: each batch drains, and its hosts come back in an arbitrary order later.
          const drained: string[] = [];
          let step = 0;
          for (const batch of plan.batches) {
            while (!mayStartBatch(batch, drained, cap).ok) {
              expect(drained.length).toBeGreaterThan(0);
              drained.splice((delays[step++ % Math.max(delays.length, 1)] ?? 0) % drained.length, 1);
            }
            drained.push(...batch);
            expect(drained.length).toBeLessThanOrEqual(cap);
          }
        },
      ),
    );
  });
});

describe('the drain cap', () => {
  it('mayStartBatch counts a host both drained and in the batch once, and says why not', () => {
    expect(mayStartBatch(['a', 'b'], ['a'], 2)).toEqual({ ok: true, outOfService: 2 });
    expect(mayStartBatch(['c', 'd'], ['a'], 2)).toEqual({
      ok: false,
      outOfService: 3,
      reason:
        'starting c, d would put 3 hosts out of service at once; the drain cap is 2 (out of service now: a)',
    });
    expect(mayStartBatch(['a', 'b', 'c'], [], undefined)).toEqual({ ok: true, outOfService: 3 });
    expect(mayStartBatch(['a', 'b', 'c'], [], 2).ok).toBe(false);
  });

  it('capBatches splits in order and leaves small batches alone', () => {
    expect(capBatches([['a', 'b', 'c', 'd', 'e'], ['f']], 2)).toEqual([['a', 'b'], ['c', 'd'], ['e'], ['f']]);
    expect(capBatches([['a', 'b']], undefined)).toEqual([['a', 'b']]);
    expect(() => capBatches([['a']], 0)).toThrow('whole number from 1');
  });
});

describe('a rolling step planned from its runbook fields', () => {
  const inventory = parseInventory(fixture('multinode.ini'), { fileName: 'multinode' });

  it('selects by pattern and orders with the VIP holder last', () => {
    const plan = planRollingStep(inventory, {
      group: 'control:network',
      order: 'batches',
      batchSize: 2,
      vipHolderLast: true,
    });
    expect(plan.hosts).toEqual(['ctl-01', 'ctl-02', 'ctl-03', 'net-01', 'net-02']);
    expect(plan.batches).toEqual([['ctl-01', 'ctl-03'], ['net-01', 'net-02'], ['ctl-02']]);
  });

  it('a pattern that selects nothing is an error, not an empty plan', () => {
    const empty = parseInventory('[a]\nh\n[spare]\n', { format: 'ini' });
    expect(() =>
      planRollingStep(empty, { group: 'spare', order: 'serial', batchSize: 1, vipHolderLast: false }),
    ).toThrow(new RollingPlanError('host pattern "spare" selects no hosts'));
  });
});
