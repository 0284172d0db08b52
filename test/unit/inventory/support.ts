import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Inventory, InventoryGroup, InventoryHost } from '../../../shared/inventory/index';
import { InventoryInputError } from '../../../electron/host/inventory/index';

export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/inventory/${name}`, import.meta.url)), 'utf8');
}

/** The InventoryInputError `run` throws; fails the test if it throws anything else or nothing. */
export function inputError(run: () => unknown): InventoryInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InventoryInputError) return error;
    throw error;
  }
  throw new Error('expected an InventoryInputError');
}

export function group(inventory: Inventory, name: string): InventoryGroup {
  const found = inventory.groups.find((g) => g.name === name);
  if (found === undefined) throw new Error(`no group ${name}`);
  return found;
}

export function host(inventory: Inventory, name: string): InventoryHost {
  const found = inventory.hosts.find((h) => h.name === name);
  if (found === undefined) throw new Error(`no host ${name}`);
  return found;
}
