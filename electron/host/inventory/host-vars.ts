import type { Inventory, InventoryVars } from '../../../shared/inventory/index';

/** A lookup of each host's effective vars, in the shape planRollingOrder takes. */
export function hostVarsOf(inventory: Inventory): (host: string) => InventoryVars | undefined {
  const byName = new Map(inventory.hosts.map((h) => [h.name, h.effectiveVars]));
  return (host) => byName.get(host);
}
