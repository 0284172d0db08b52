import type { Inventory, InventoryFormat, InventoryVars } from '../../../shared/inventory/index';
import type { Findings } from './errors';
import { finishInventory } from './finish';
import { assignVars } from './vars';

/** A group as the parsers collect it, before children are resolved. */
export interface DraftGroup {
  name: string;
  hosts: string[];
  /** The same hosts, for quick membership tests on big ranges. */
  hostSet: Set<string>;
  children: { name: string; line: number }[];
  vars: InventoryVars;
  /** First line the group is named on. */
  line: number;
  /** Has a section or mapping of its own, not just a mention as someone's child. */
  defined: boolean;
}

export interface DraftHost {
  name: string;
  vars: InventoryVars;
  line: number;
}

/**
 * What every format's parser produces: groups, hosts, children and vars with the line they came
 * from. `finish` turns it into the Inventory model (resolving children, checking for cycles).
 */
export class InventoryBuilder {
  readonly groups = new Map<string, DraftGroup>();
  readonly hosts = new Map<string, DraftHost>();

  constructor(
    readonly findings: Findings,
    readonly format: InventoryFormat,
  ) {}

  /** A group with its own section (`[web]`, `[web:children]`) or mapping: it exists. */
  defineGroup(name: string, line: number): DraftGroup {
    const group = this.group(name, line);
    group.defined = true;
    return group;
  }

  /** Adds a host to a group (or to no group yet: it ends up in `ungrouped`); vars merge, later wins. */
  addHost(groupName: string | undefined, name: string, vars: InventoryVars, line: number): void {
    const host = this.hosts.get(name);
    if (host === undefined) this.hosts.set(name, { name, vars: assignVars({}, vars), line });
    else assignVars(host.vars, vars);
    if (groupName === undefined) return;
    const group = this.group(groupName, line);
    if (group.hostSet.has(name)) return;
    group.hostSet.add(name);
    group.hosts.push(name);
  }

  addChild(parent: string, child: string, line: number): void {
    this.group(child, line);
    const group = this.group(parent, line);
    if (group.children.some((c) => c.name === child)) {
      this.findings.warn(line, `group "${child}" is listed twice as a child of "${parent}"`);
      return;
    }
    group.children.push({ name: child, line });
  }

  addGroupVars(groupName: string, vars: InventoryVars, line: number): void {
    assignVars(this.group(groupName, line).vars, vars);
  }

  /** Groups named as children must be defined somewhere (INI: a section of their own). */
  finish(options: { requireDefinedChildren: boolean }): Inventory {
    return finishInventory(this, options.requireDefinedChildren);
  }

  private group(name: string, line: number): DraftGroup {
    let group = this.groups.get(name);
    if (group === undefined) {
      group = { name, hosts: [], hostSet: new Set(), children: [], vars: {}, line, defined: false };
      this.groups.set(name, group);
    }
    return group;
  }
}
