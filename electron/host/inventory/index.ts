/**
 * Inventories and rolling order, pure: parse an inventory in any format into the shared model,
 * select hosts with an Ansible host pattern, order them into batches under a drain cap.
 * Bad input throws InventoryInputError (parsers), HostPatternError (patterns) or RollingPlanError
 * (order policies), each with a message fit to show the operator.
 */
export { InventoryInputError } from './errors';
export { parseInventory, detectInventoryFormat, maxInventoryChars } from './parse-inventory';
export type { ParseInventoryOptions } from './parse-inventory';
export { parseIniInventory } from './ini';
export { parseYamlInventory } from './yaml';
export { parseJsonInventory } from './json';
export { parseHostList } from './list';
export { expandHostRange, maxRangeHosts } from './host-range';
export { selectHosts, HostPatternError } from './pattern';
export { planRollingOrder, defaultVipVariable, RollingPlanError } from './order';
export type { OrderPolicy, RollingPlan } from './order';
export { capBatches, mayStartBatch } from './drain-cap';
export type { DrainDecision } from './drain-cap';
export { isTruthy } from './truthy';
export { hostVarsOf } from './host-vars';
export { planRollingStep } from './rolling-plan';
