/**
 * An Ansible inventory once parsed, whatever format it came in (INI, YAML, the JSON of
 * `ansible-inventory --list`, a pasted list). The host builds it; the renderer shows it for review
 * before it is saved, and the rolling step selects hosts from it.
 */
import { z } from 'zod';
import { diagnostic } from '../runbook/diagnostics';

export const inventoryFormats = ['ini', 'yaml', 'json', 'list'] as const;
export const inventoryFormat = z.enum(inventoryFormats);
export type InventoryFormat = z.infer<typeof inventoryFormat>;

/**
 * A variable's value. INI `[group:vars]` values are strings; host-line values and YAML/JSON values
 * keep their type (numbers, booleans, lists, mappings), as Ansible reads them.
 */
export const inventoryValue = z.json();
export type InventoryValue = z.infer<typeof inventoryValue>;

export const inventoryVars = z.record(z.string(), inventoryValue);
export type InventoryVars = z.infer<typeof inventoryVars>;

export const inventoryHost = z.object({
  name: z.string().min(1),
  /** The variables written for this host (host line, `hosts:` mapping or `_meta.hostvars`). */
  vars: inventoryVars,
  /**
   * Every variable that applies, Ansible's precedence: `all` vars, then group vars from parent to
   * child (groups at the same depth by name), then the host's own vars.
   */
  effectiveVars: inventoryVars,
  /** The groups that list this host directly (`ungrouped` if none), in the order groups are first named. */
  groups: z.array(z.string()),
  /** Where the host first appears (1-based). */
  line: z.number().int().positive(),
});
export type InventoryHost = z.infer<typeof inventoryHost>;

export const inventoryGroup = z.object({
  name: z.string().min(1),
  /** Hosts listed directly under the group. */
  hosts: z.array(z.string()),
  /** Child groups, in the order written. */
  children: z.array(z.string()),
  vars: inventoryVars,
  /**
   * The group's hosts with its descendants' hosts: direct hosts first, then each child's hosts
   * depth-first, each host once.
   */
  resolvedHosts: z.array(z.string()),
  /** Where the group is first defined or named (1-based); `all` and `ungrouped` say line 1. */
  line: z.number().int().positive(),
});
export type InventoryGroup = z.infer<typeof inventoryGroup>;

export const inventory = z.object({
  /** The file name it was read from, or a label such as `pasted list`. */
  file: z.string(),
  format: inventoryFormat,
  /** Every host once, in the order hosts first appear in the file. */
  hosts: z.array(inventoryHost),
  /** Every group once, `all` first and `ungrouped` second, then in the order first named. */
  groups: z.array(inventoryGroup),
  /** Warnings only (duplicate definitions, ignored keys); errors are thrown, never returned. */
  diagnostics: z.array(diagnostic),
});
export type Inventory = z.infer<typeof inventory>;
