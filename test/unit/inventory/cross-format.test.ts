import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Inventory } from '../../../shared/inventory/index';
import { parseInventory } from '../../../electron/host/inventory/index';

/** An inventory drawn at random: groups g0…, hosts h0…, children only from lower to higher index. */
interface Drawn {
  hosts: string[];
  hostVars: Record<string, Record<string, string>>;
  groups: { name: string; hosts: string[]; children: string[]; vars: Record<string, string> }[];
}

// Values that every format reads as the same string (no numbers, no YAML 1.1 booleans).
const value = fc.stringMatching(/^v[a-z0-9]{0,4}$/);
const vars = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'ansible_host'), value, { maxKeys: 3 });

const drawn: fc.Arbitrary<Drawn> = fc
  .record({ hostCount: fc.integer({ min: 1, max: 8 }), groupCount: fc.integer({ min: 1, max: 6 }) })
  .chain(({ hostCount, groupCount }) => {
    const hosts = Array.from({ length: hostCount }, (_, i) => `h${i}`);
    const group = (i: number) =>
      fc.record({
        name: fc.constant(`g${i}`),
        hosts: fc.subarray(hosts),
        children: fc.subarray(Array.from({ length: groupCount - i - 1 }, (_, k) => `g${i + k + 1}`)),
        vars,
      });
    return fc.record({
      hosts: fc.constant(hosts),
      hostVars: fc.record(Object.fromEntries(hosts.map((h) => [h, vars]))),
      groups: fc.tuple(...Array.from({ length: groupCount }, (_, i) => group(i))),
    });
  });

function hostLine(d: Drawn, host: string): string {
  return [host, ...Object.entries(d.hostVars[host] ?? {}).map(([k, v]) => `${k}=${v}`)].join(' ');
}

function toIni(d: Drawn): string {
  const grouped = new Set(d.groups.flatMap((g) => g.hosts));
  const lines = d.hosts.filter((h) => !grouped.has(h)).map((h) => hostLine(d, h));
  for (const g of d.groups) lines.push(`[${g.name}]`, ...g.hosts.map((h) => hostLine(d, h)));
  for (const g of d.groups) if (g.children.length > 0) lines.push(`[${g.name}:children]`, ...g.children);
  for (const g of d.groups) {
    if (Object.keys(g.vars).length > 0)
      lines.push(`[${g.name}:vars]`, ...Object.entries(g.vars).map(([k, v]) => `${k}=${v}`));
  }
  return lines.join('\n');
}

function toYaml(d: Drawn): string {
  const grouped = new Set(d.groups.flatMap((g) => g.hosts));
  const hostMap = (hosts: string[]) => Object.fromEntries(hosts.map((h) => [h, d.hostVars[h] ?? null]));
  const doc: Record<string, unknown> = { all: { hosts: hostMap(d.hosts.filter((h) => !grouped.has(h))) } };
  for (const g of d.groups) {
    doc[g.name] = {
      hosts: hostMap(g.hosts),
      children: Object.fromEntries(g.children.map((c) => [c, null])),
      vars: g.vars,
    };
  }
  return stringify(doc);
}

function toJson(d: Drawn): string {
  const doc: Record<string, unknown> = {};
  for (const g of d.groups) doc[g.name] = { hosts: g.hosts, children: g.children, vars: g.vars };
  doc['_meta'] = { hostvars: d.hostVars };
  return JSON.stringify(doc, null, 2);
}

/** What must not depend on the format: groups, resolved hosts, effective vars, membership. */
function meaning(inventory: Inventory): unknown {
  return {
    groups: Object.fromEntries(
      inventory.groups
        .filter((g) => g.name !== 'all')
        .map((g) => [
          g.name,
          { hosts: g.hosts, children: g.children, vars: g.vars, resolved: g.resolvedHosts },
        ]),
    ),
    hosts: Object.fromEntries(
      inventory.hosts.map((h) => [h.name, { vars: h.vars, effective: h.effectiveVars }]),
    ),
  };
}

/** Everything a group reaches through its children, computed the obvious way. */
function reach(d: Drawn, name: string): Set<string> {
  const group = d.groups.find((g) => g.name === name)!;
  return new Set([...group.hosts, ...group.children.flatMap((c) => [...reach(d, c)])]);
}

describe('the three file formats mean the same inventory', () => {
  it('INI, YAML and JSON of one random inventory parse to the same groups, hosts and vars', () => {
    fc.assert(
      fc.property(drawn, (d) => {
        const ini = parseInventory(toIni(d), { fileName: 'x.ini' });
        const yaml = parseInventory(toYaml(d), { fileName: 'x.yml' });
        const json = parseInventory(toJson(d), { fileName: 'x.json' });
        expect(meaning(yaml)).toEqual(meaning(ini));
        expect(meaning(json)).toEqual(meaning(ini));
        for (const g of d.groups) {
          expect(new Set(ini.groups.find((x) => x.name === g.name)!.resolvedHosts)).toEqual(reach(d, g.name));
        }
        const grouped = new Set(d.groups.flatMap((g) => g.hosts));
        expect(ini.groups[1]!.hosts).toEqual(d.hosts.filter((h) => !grouped.has(h)));
        for (const host of d.hosts)
          expect(ini.hosts.find((h) => h.name === host)!.effectiveVars).toMatchObject(d.hostVars[host]!);
      }),
      { numRuns: 100 },
    );
    // Generous: three parsers per run on two shared cores; this bounds a hang, it measures nothing.
  }, 60_000);
});
