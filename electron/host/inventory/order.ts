import type { InventoryVars } from '../../../shared/inventory/index';
import type { RollingSpec } from '../../../shared/runbook/index';
import { capBatches, chunk } from './drain-cap';
import { isTruthy } from './truthy';

/** The rolling step's fields that decide the order (a RollingSpec fits). */
export type OrderPolicy = Pick<RollingSpec, 'order' | 'batchSize' | 'vipHolderLast'> &
  Partial<Pick<RollingSpec, 'drainCap' | 'vipVariable' | 'lastHost' | 'canary'>>;

/** The host variable naming the VIP holder when the runbook does not say which. */
export const defaultVipVariable = 'vip_holder';

export interface RollingPlan {
  /** Every selected host exactly once, in the order to update them; no batch exceeds the drain cap. */
  batches: string[][];
  /** The canary (alone in the first batch) for order canary-first. */
  canary?: string;
  /** Hosts held to the end, each alone in its batch: VIP holders, then the chosen last host. */
  last: string[];
  /** What the operator should know: no VIP holder found, no host left for a canary. */
  warnings: string[];
}

/** The policy cannot be applied to these hosts (a named host is not selected, a bad size). */
export class RollingPlanError extends Error {
  override name = 'RollingPlanError';
}

/**
 * Orders the selected hosts (in inventory order) into batches: `serial` one by one, `batches` of
 * `batchSize`, `canary-first` one canary then the rest in batches of `batchSize`. VIP holders
 * (with vipHolderLast) and `lastHost` are taken out and go last, one by one, so the VIP moves once
 * (StackHPC upgrade guide: controllers one by one, "ideally updating the host with the VIP last").
 * Batches larger than the drain cap are split.
 */
export function planRollingOrder(
  hosts: readonly string[],
  policy: OrderPolicy,
  varsOf: (host: string) => InventoryVars | undefined,
): RollingPlan {
  checkPolicy(hosts, policy);
  const warnings: string[] = [];
  const last = lastHosts(hosts, policy, varsOf, warnings);
  const held = new Set(last);
  let rest = hosts.filter((h) => !held.has(h));
  let canary: string | undefined;
  if (policy.order === 'canary-first') {
    canary = policy.canary ?? rest[0];
    if (canary === undefined)
      warnings.push('every selected host goes last: there is no host left to be the canary');
    rest = rest.filter((h) => h !== canary);
  }
  const size = policy.order === 'serial' ? 1 : policy.batchSize;
  const batches = [
    ...(canary === undefined ? [] : [[canary]]),
    ...chunk(rest, size),
    ...last.map((h) => [h]),
  ];
  return {
    batches: capBatches(batches, policy.drainCap),
    ...(canary === undefined ? {} : { canary }),
    last,
    warnings,
  };
}

function checkPolicy(hosts: readonly string[], policy: OrderPolicy): void {
  const selected = new Set(hosts);
  if (selected.size !== hosts.length) {
    const twice = hosts.find((h, i) => hosts.indexOf(h) !== i);
    throw new RollingPlanError(`host "${twice ?? ''}" is selected twice`);
  }
  if (!Number.isInteger(policy.batchSize) || policy.batchSize < 1) {
    throw new RollingPlanError(`the batch size must be a whole number from 1, got ${policy.batchSize}`);
  }
  if (policy.drainCap !== undefined && (!Number.isInteger(policy.drainCap) || policy.drainCap < 1)) {
    throw new RollingPlanError(`the drain cap must be a whole number from 1, got ${policy.drainCap}`);
  }
  for (const [role, name] of [
    ['last host', policy.lastHost],
    ['canary', policy.canary],
  ] as const) {
    if (name !== undefined && !selected.has(name)) {
      throw new RollingPlanError(`the ${role} "${name}" is not among the selected hosts`);
    }
  }
  if (policy.canary !== undefined && policy.order !== 'canary-first') {
    throw new RollingPlanError(`a canary ("${policy.canary}") needs order canary-first, not ${policy.order}`);
  }
}

function lastHosts(
  hosts: readonly string[],
  policy: OrderPolicy,
  varsOf: (host: string) => InventoryVars | undefined,
  warnings: string[],
): string[] {
  const last: string[] = [];
  if (policy.vipHolderLast) {
    const variable = policy.vipVariable ?? defaultVipVariable;
    const holders = hosts.filter((h) => h !== policy.lastHost && isTruthy(varsOf(h)?.[variable]));
    if (holders.length === 0 && !isTruthy(varsOf(policy.lastHost ?? '')?.[variable])) {
      warnings.push(`no selected host has a true "${variable}" variable: no VIP holder is held to the end`);
    }
    last.push(...holders);
  }
  if (policy.lastHost !== undefined) last.push(policy.lastHost);
  if (policy.canary !== undefined && last.includes(policy.canary)) {
    throw new RollingPlanError(`"${policy.canary}" cannot be both the canary and go last`);
  }
  return last;
}
