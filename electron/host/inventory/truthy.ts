import type { InventoryValue } from '../../../shared/inventory/index';

/** Ansible's `bool` filter: the values it reads as true (ansible.module_utils.parsing.convert_bool). */
const trueWords = new Set(['y', 'yes', 'on', '1', 'true', 't']);

/** Whether a variable's value means yes: `true`, `1`, "yes", "on", "True", "t"… Anything else is no. */
export function isTruthy(value: InventoryValue | undefined): boolean {
  if (value === true) return true;
  if (typeof value === 'number') return value === 1;
  if (typeof value === 'string') return trueWords.has(value.trim().toLowerCase());
  return false;
}
