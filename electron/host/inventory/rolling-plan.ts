import type { Inventory } from '../../../shared/inventory/index';
import { hostVarsOf } from './host-vars';
import { planRollingOrder, RollingPlanError, type OrderPolicy, type RollingPlan } from './order';
import { selectHosts } from './pattern';

/**
 * A rolling step's whole plan from its runbook fields: the hosts its `group` pattern selects (in
 * inventory order) and their batches. Throws HostPatternError for a pattern naming nothing and
 * RollingPlanError when it selects no host or the policy does not fit the hosts.
 */
export function planRollingStep(
  inventory: Inventory,
  spec: OrderPolicy & { group: string },
): RollingPlan & { hosts: string[] } {
  const hosts = selectHosts(inventory, spec.group);
  if (hosts.length === 0) throw new RollingPlanError(`host pattern "${spec.group}" selects no hosts`);
  return { hosts, ...planRollingOrder(hosts, spec, hostVarsOf(inventory)) };
}
