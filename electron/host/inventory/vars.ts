import type { InventoryValue, InventoryVars } from '../../../shared/inventory/index';

/**
 * Sets one variable as an own property. Plain assignment would treat a variable called
 * `__proto__` (valid in YAML, JSON and INI) as the object's prototype instead of a value.
 */
export function setVar(vars: InventoryVars, key: string, value: InventoryValue): void {
  Object.defineProperty(vars, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Copies `source` over `target`, later keys replacing earlier ones (Ansible's `replace` merge). */
export function assignVars(target: InventoryVars, source: InventoryVars | undefined): InventoryVars {
  if (source !== undefined) for (const [key, value] of Object.entries(source)) setVar(target, key, value);
  return target;
}
