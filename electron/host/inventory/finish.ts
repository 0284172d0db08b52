import type { Inventory, InventoryGroup, InventoryHost } from '../../../shared/inventory/index';
import type { DraftGroup, InventoryBuilder } from './builder';
import { findCycles } from './cycles';
import { effectiveVars, groupGraph } from './group-graph';

/**
 * Checks what the parsers collected (undefined children, `all` as a child, cycles), then gives the
 * model Ansible would: hosts in no group go to `ungrouped`, parentless groups become children of
 * `all`, every group knows its hosts through its descendants, every host its effective vars.
 */
export function finishInventory(builder: InventoryBuilder, requireDefinedChildren: boolean): Inventory {
  const { findings } = builder;
  builder.defineGroup('all', 1);
  builder.defineGroup('ungrouped', 1);
  checkChildren(builder, requireDefinedChildren);
  for (const cycle of findCycles(builder.groups)) {
    findings.error(cycle.line, `group "${cycle.group}" is its own descendant via ${cycle.via.join(' → ')}`);
  }
  findings.throwIfErrors();
  const groups = orderedGroups(builder);
  reconcileUngrouped(builder, groups);
  const graph = groupGraph(groups);
  const hostOrder = [...builder.hosts.keys()];
  const groupModels: InventoryGroup[] = groups.map((g) => ({
    name: g.name,
    hosts: g.hosts,
    children: g.children.map((c) => c.name),
    vars: g.vars,
    resolvedHosts: g.name === 'all' ? hostOrder : graph.resolvedHosts(g.name),
    line: g.line,
  }));
  const directGroups = directGroupsOf(groups);
  const hosts: InventoryHost[] = [...builder.hosts.values()].map((h) => {
    const memberOf = directGroups.get(h.name) ?? [];
    return {
      name: h.name,
      vars: h.vars,
      effectiveVars: effectiveVars(graph, builder.groups, memberOf, h.vars),
      groups: memberOf,
      line: h.line,
    };
  });
  return {
    file: findings.file,
    format: builder.format,
    hosts,
    groups: groupModels,
    diagnostics: findings.warnings(),
  };
}

function checkChildren(builder: InventoryBuilder, requireDefined: boolean): void {
  for (const group of builder.groups.values()) {
    for (const child of group.children) {
      if (child.name === 'all') {
        builder.findings.error(
          child.line,
          `group "all" cannot be a child of "${group.name}": it holds every group`,
        );
      } else if (requireDefined && builder.groups.get(child.name)?.defined !== true) {
        builder.findings.error(
          child.line,
          `group "${child.name}" (a child of "${group.name}") is never defined: add a [${child.name}] section`,
        );
      }
    }
  }
}

/** `all` first, `ungrouped` second, then the order groups were first named. */
function orderedGroups(builder: InventoryBuilder): DraftGroup[] {
  const all = builder.groups.get('all')!;
  const ungrouped = builder.groups.get('ungrouped')!;
  const rest = [...builder.groups.values()].filter((g) => g !== all && g !== ungrouped);
  return [all, ungrouped, ...rest];
}

/**
 * Ansible's reconciliation: hosts listed only under `all` (or nowhere) belong to `ungrouped`; a host
 * in any other group leaves `ungrouped`; groups without a parent are children of `all`.
 */
function reconcileUngrouped(builder: InventoryBuilder, groups: DraftGroup[]): void {
  const [all, ungrouped, ...others] = groups as [DraftGroup, DraftGroup, ...DraftGroup[]];
  const grouped = new Set(others.flatMap((g) => g.hosts));
  const loose = [...builder.hosts.keys()].filter((h) => !grouped.has(h));
  ungrouped.hosts = loose;
  ungrouped.hostSet = new Set(loose);
  all.hosts = [];
  all.hostSet = new Set();
  const hasParent = new Set(groups.flatMap((g) => g.children.map((c) => c.name)));
  for (const group of groups) {
    if (group !== all && !hasParent.has(group.name)) all.children.push({ name: group.name, line: 1 });
  }
}

function directGroupsOf(groups: DraftGroup[]): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const group of groups) {
    if (group.name === 'all') continue;
    for (const host of group.hosts) {
      const list = result.get(host);
      if (list === undefined) result.set(host, [group.name]);
      else list.push(group.name);
    }
  }
  return result;
}
