import type { InventoryVars } from '../../../shared/inventory/index';
import type { DraftGroup } from './builder';
import { assignVars } from './vars';

/** The children graph of a checked inventory (no cycles), with what the model needs from it. */
export interface GroupGraph {
  /** Distance from `all` by the longest path: Ansible's group depth, which orders group vars. */
  depth: ReadonlyMap<string, number>;
  /** A group and every group above it, `all` included. */
  ancestors(group: string): ReadonlySet<string>;
  /** The group's own hosts, then each child's hosts depth-first, each host once. */
  resolvedHosts(group: string): string[];
}

export function groupGraph(groups: readonly DraftGroup[]): GroupGraph {
  const byName = new Map(groups.map((g) => [g.name, g]));
  const order = topologicalOrder(groups, byName);
  const parents = new Map<string, string[]>();
  for (const group of groups) {
    for (const child of group.children)
      parents.set(child.name, [...(parents.get(child.name) ?? []), group.name]);
  }
  const depth = new Map<string, number>();
  const ancestors = new Map<string, Set<string>>();
  for (const name of order) {
    const mine = parents.get(name) ?? [];
    depth.set(name, mine.length === 0 ? 0 : Math.max(...mine.map((p) => depth.get(p)! + 1)));
    ancestors.set(name, new Set([name, ...mine.flatMap((p) => [...ancestors.get(p)!])]));
  }
  const resolved = new Map<string, string[]>();
  for (const name of [...order].reverse()) {
    const group = byName.get(name)!;
    const hosts = new Set(group.hosts);
    for (const child of group.children) for (const host of resolved.get(child.name)!) hosts.add(host);
    resolved.set(name, [...hosts]);
  }
  return {
    depth,
    ancestors: (group) => ancestors.get(group) ?? new Set(),
    resolvedHosts: (group) => resolved.get(group) ?? [],
  };
}

/** Parents before children (Kahn's algorithm); the caller has already rejected cycles. */
function topologicalOrder(groups: readonly DraftGroup[], byName: ReadonlyMap<string, DraftGroup>): string[] {
  const incoming = new Map(groups.map((g) => [g.name, 0]));
  for (const group of groups)
    for (const child of group.children) incoming.set(child.name, incoming.get(child.name)! + 1);
  const ready = groups.filter((g) => incoming.get(g.name) === 0).map((g) => g.name);
  const order: string[] = [];
  while (ready.length > 0) {
    const name = ready.shift()!;
    order.push(name);
    for (const child of byName.get(name)!.children) {
      const left = incoming.get(child.name)! - 1;
      incoming.set(child.name, left);
      if (left === 0) ready.push(child.name);
    }
  }
  return order;
}

/**
 * A host's variables by Ansible's precedence: group vars from the shallowest group to the deepest
 * (`all` first; groups at the same depth by name, as Ansible sorts them), then the host's own.
 */
export function effectiveVars(
  graph: GroupGraph,
  groups: ReadonlyMap<string, DraftGroup>,
  memberOf: readonly string[],
  hostVars: InventoryVars,
): InventoryVars {
  const applicable = new Set<string>(['all']);
  for (const group of memberOf) for (const name of graph.ancestors(group)) applicable.add(name);
  const sorted = [...applicable].sort(
    (a, b) => graph.depth.get(a)! - graph.depth.get(b)! || (a < b ? -1 : a > b ? 1 : 0),
  );
  const result: InventoryVars = {};
  for (const name of sorted) assignVars(result, groups.get(name)?.vars);
  return assignVars(result, hostVars);
}
