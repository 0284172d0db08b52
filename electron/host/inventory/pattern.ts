import type { Inventory } from '../../../shared/inventory/index';

/** A host pattern that names nothing, or cannot be read. The message quotes the pattern and term. */
export class HostPatternError extends Error {
  override name = 'HostPatternError';
  constructor(
    readonly pattern: string,
    readonly term: string,
    problem: string,
  ) {
    super(`host pattern "${pattern}": ${problem}`);
  }
}

interface Term {
  text: string;
  op: 'union' | 'intersect' | 'exclude';
}

/**
 * The hosts an Ansible host pattern selects: groups and hosts by name, `all` or `*`, wildcards
 * (`comp*`), regexes (`~ctl-0[12]`), subscripts (`compute[0]`, `compute[1:3]` with the end included,
 * `compute[-1]`), unions (`a:b` or `a,b`), intersections (`a:&b`) and exclusions (`a:!b`).
 * As Ansible does: unions first, in the order written, then intersections, then exclusions; a
 * pattern of only `&`/`!` terms starts from `all`. Hosts keep inventory order within each term.
 * An empty group selects no hosts; a name that is neither a group nor a host throws
 * HostPatternError naming it, as does a term that cannot be read.
 */
export function selectHosts(inventory: Inventory, pattern: string): string[] {
  const terms = splitPattern(pattern);
  const unions = terms.filter((t) => t.op === 'union');
  const start = unions.length > 0 ? unions : [{ text: 'all', op: 'union' as const }];
  const ordered = [
    ...start,
    ...terms.filter((t) => t.op === 'intersect'),
    ...terms.filter((t) => t.op === 'exclude'),
  ];
  let selected: string[] = [];
  for (const term of ordered) {
    const matched = matchTerm(inventory, pattern, term.text);
    if (term.op === 'union') {
      const seen = new Set(selected);
      selected = [...selected, ...matched.filter((h) => !seen.has(h))];
    } else {
      const set = new Set(matched);
      selected = selected.filter((h) => set.has(h) === (term.op === 'intersect'));
    }
  }
  return selected;
}

/** Splits on `,` and `:` that are not inside `[…]` or `(…)` (subscripts and regex groups). */
function splitPattern(pattern: string): Term[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of pattern) {
    if (char === '[' || char === '(') depth += 1;
    if ((char === ']' || char === ')') && depth > 0) depth -= 1;
    if ((char === ',' || char === ':') && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((raw) => {
    const text = raw.trim();
    if (text === '' || text === '!' || text === '&') {
      throw new HostPatternError(pattern, text, 'has an empty term: remove the extra , or :');
    }
    if (text.startsWith('!')) return { text: text.slice(1), op: 'exclude' };
    if (text.startsWith('&')) return { text: text.slice(1), op: 'intersect' };
    return { text, op: 'union' };
  });
}

function matchTerm(inventory: Inventory, pattern: string, term: string): string[] {
  const { base, subscript } = splitSubscript(pattern, term);
  const hosts = matchBase(inventory, pattern, base);
  return subscript === undefined ? hosts : applySubscript(pattern, term, hosts, subscript);
}

function splitSubscript(pattern: string, term: string): { base: string; subscript?: string } {
  if (term.startsWith('~')) return { base: term }; // a regex's […] is a character class
  const match = /^(.+)\[([^\]]*)\]$/.exec(term);
  if (match === null) return { base: term };
  if (!/^(?:-?\d+|-?\d*:-?\d*)$/.test(match[2]!)) {
    throw new HostPatternError(pattern, term, `"${term}": a subscript is [i], [i:j], [i:] or [:j]`);
  }
  return { base: match[1]!, subscript: match[2]! };
}

function matchBase(inventory: Inventory, pattern: string, base: string): string[] {
  if (base === 'all' || base === '*') return inventory.hosts.map((h) => h.name);
  const test = nameTest(pattern, base);
  const byGroup = inventory.groups.filter((g) => test(g.name)).flatMap((g) => g.resolvedHosts);
  const byName = inventory.hosts.filter((h) => test(h.name)).map((h) => h.name);
  if (byName.length > 0 || inventory.groups.some((g) => test(g.name)))
    return [...new Set([...byGroup, ...byName])];
  const kind = base.startsWith('~') || /[*?]/.test(base) ? `"${base}" matches no group or host` : undefined;
  throw new HostPatternError(pattern, base, kind ?? `no group or host named "${base}"`);
}

/** Exact name, glob (`*` any run, `?` one character) or, after `~`, a regex anchored at the start. */
function nameTest(pattern: string, base: string): (name: string) => boolean {
  if (base.startsWith('~')) {
    let regex: RegExp;
    try {
      regex = new RegExp(`^(?:${base.slice(1)})`);
    } catch (error) {
      throw new HostPatternError(
        pattern,
        base,
        `"${base}" is not a valid regular expression (${String(error)})`,
      );
    }
    return (name) => regex.test(name);
  }
  if (!/[*?]/.test(base)) return (name) => name === base;
  const glob = new RegExp(
    `^${base
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return (name) => glob.test(name);
}

/** Ansible's subscripts: 0-based, negative counts from the end, and `[i:j]` includes j. */
function applySubscript(pattern: string, term: string, hosts: string[], subscript: string): string[] {
  const index = (text: string, fallback: number): number => {
    if (text === '') return fallback;
    const n = Number(text);
    const resolved = n < 0 ? hosts.length + n : n;
    if (resolved < 0 || resolved >= hosts.length) {
      throw new HostPatternError(
        pattern,
        term,
        `"${term}": index ${n} is outside the ${hosts.length} host${hosts.length === 1 ? '' : 's'} it matches`,
      );
    }
    return resolved;
  };
  if (!subscript.includes(':')) return [hosts[index(subscript, 0)]!];
  const [from = '', to = ''] = subscript.split(':');
  const start = index(from, 0);
  const end = index(to, hosts.length - 1);
  if (start > end) throw new HostPatternError(pattern, term, `"${term}": the range runs backwards`);
  return hosts.slice(start, end + 1);
}
