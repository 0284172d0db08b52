import { z } from 'zod';
import { inventory, inventoryFormat } from '../inventory/model';
import { method } from './define';
import { environmentId } from './environments';

/**
 * Inventories: the hosts and groups of an environment, one per environment, read from an Ansible
 * INI or YAML inventory, the JSON of `ansible-inventory --list`, or a pasted list of hosts. The
 * operator previews (the parsed groups and hosts, or an error naming file:line) before saving.
 * A rolling step selects its hosts from the environment's inventory when it is planned.
 */

/** 16 MB, the parser's own limit (electron/host/inventory/parse-inventory.ts). */
const inventoryText = z.string().max(16 * 1024 * 1024);
const fileName = z.string().trim().min(1).max(255).optional();

/** Where the saved text came from: pasted, a file the operator picked, or a command's output. */
export const inventorySource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pasted') }),
  z.strictObject({ kind: z.literal('file') }),
  z.strictObject({ kind: z.literal('fetched'), command: z.string().min(1).max(4096) }),
]);
export type InventorySource = z.infer<typeof inventorySource>;

export const storedInventory = z.object({
  environmentId,
  /** The parsed model, as saved. */
  inventory,
  source: inventorySource,
  savedAt: z.string(),
});
export type StoredInventory = z.infer<typeof storedInventory>;

const textInput = { text: inventoryText, fileName, format: inventoryFormat.optional() };

export const inventoryMethods = {
  /** Parses without saving; bad input is `invalid_params` naming `file:line`. */
  'inventories.preview': method(z.strictObject(textInput), inventory),
  /** Parses and saves as the environment's inventory (replacing the one before). */
  'inventories.save': method(
    z.strictObject({ environmentId, ...textInput, source: inventorySource }),
    storedInventory,
  ),
  /** The environment's inventory, or null when none was saved. */
  'inventories.get': method(z.strictObject({ environmentId }), storedInventory.nullable()),
  'inventories.remove': method(z.strictObject({ environmentId }), z.object({})),
  /**
   * Runs the command on the environment's control host (over the shared SSH connection, or
   * `sh -c` locally), e.g. `ansible-inventory -i inventory/ --list`, and previews its output.
   * Nothing is saved: the caller saves the text it got back.
   */
  'inventories.fetch': method(
    z.strictObject({ environmentId, command: z.string().trim().min(1).max(4096) }),
    z.object({ text: z.string(), inventory }),
  ),
};

export const inventoryEvents = {
  'inventories.changed': z.object({ environmentId }),
};
