import type { DraftGroup } from './builder';

export interface Cycle {
  /** The group that is its own descendant. */
  group: string;
  /** The path from the group's child back to the group itself. */
  via: string[];
  /** The line of the child entry that closes the loop. */
  line: number;
}

/**
 * Every loop in the children graph, found by one depth-first walk in the order groups were named.
 * Iterative, so a thousand-deep chain of groups cannot overflow the stack.
 */
export function findCycles(groups: ReadonlyMap<string, DraftGroup>): Cycle[] {
  const cycles: Cycle[] = [];
  const state = new Map<string, 'open' | 'done'>();
  for (const root of groups.keys()) {
    if (state.has(root)) continue;
    const stack: { name: string; next: number }[] = [{ name: root, next: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const child = groups.get(frame.name)?.children[frame.next];
      if (child === undefined) {
        state.set(frame.name, 'done');
        stack.pop();
        continue;
      }
      frame.next += 1;
      const seen = state.get(child.name);
      if (seen === 'open') {
        const start = stack.findIndex((f) => f.name === child.name);
        const via = [...stack.slice(start + 1).map((f) => f.name), child.name];
        cycles.push({ group: child.name, via, line: child.line });
      } else if (seen === undefined) {
        state.set(child.name, 'open');
        stack.push({ name: child.name, next: 0 });
      }
    }
  }
  return cycles;
}
