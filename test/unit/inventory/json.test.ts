import { describe, expect, it } from 'vitest';
import { parseInventory, parseJsonInventory } from '../../../electron/host/inventory/index';
import { fixture, group, host, inputError } from './support';

describe('the JSON of ansible-inventory --list', () => {
  const inventory = parseInventory(fixture('ansible-inventory-list.json'), { fileName: 'list.json' });

  it('reads groups, children and _meta.hostvars', () => {
    expect(inventory.format).toBe('json');
    expect(inventory.hosts.map((h) => h.name)).toEqual(['ctl-01', 'ctl-02', 'cmp-01', 'cmp-02']);
    expect(host(inventory, 'ctl-02').vars).toEqual({
      ansible_host: '10.0.0.12',
      ansible_user: 'kolla',
      vip_holder: true,
    });
    expect(group(inventory, 'nova').resolvedHosts).toEqual(['ctl-01', 'ctl-02', 'cmp-01', 'cmp-02']);
    expect(host(inventory, 'cmp-01').line).toBe(13);
  });

  it('treats a child without a key of its own as an empty group, as ansible-inventory omits them', () => {
    // "ungrouped" is listed under all.children but has no key.
    expect(group(inventory, 'ungrouped').hosts).toEqual([]);
    const inv = parseJsonInventory('{"all": {"children": ["empty"]}}', 'j.json');
    expect(group(inv, 'empty').resolvedHosts).toEqual([]);
  });

  it('reads the older script shape: a group as a plain list, group vars', () => {
    const inv = parseJsonInventory(
      '{"web": ["w1", "w2"], "db": {"hosts": ["d1"], "vars": {"port": 5432}}}',
      'j',
    );
    expect(group(inv, 'web').hosts).toEqual(['w1', 'w2']);
    expect(host(inv, 'd1').effectiveVars).toEqual({ port: 5432 });
  });

  it('puts hosts that only have hostvars in ungrouped', () => {
    const inv = parseJsonInventory('{"_meta": {"hostvars": {"lonely": {"a": 1}}}}', 'j');
    expect(group(inv, 'ungrouped').hosts).toEqual(['lonely']);
  });
});

describe('JSON inventories: malformed input gives the file and line', () => {
  it('a syntax error, with its line', () => {
    const error = inputError(() =>
      parseJsonInventory('{\n  "all": {\n    "hosts": ["a",]\n  }\n}\n', 'inv.json'),
    );
    expect(error.file).toBe('inv.json');
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^inv\.json:3: JSON: /);
  });

  it('a truncated file', () => {
    expect(inputError(() => parseJsonInventory('{"all": {"children": ["a"', 't.json')).message).toMatch(
      /^t\.json:1: JSON: /,
    );
  });

  it('hosts that are not names, children that are not a list, a cycle', () => {
    const text =
      '{\n "a": {"hosts": [1]},\n "b": {"children": "c"},\n "c": {"children": ["d"]},\n "d": {"children": ["c"]}\n}';
    const error = inputError(() => parseJsonInventory(text, 'j.json'));
    expect(error.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [2, 'hosts of group "a" must be names, not 1'],
      [3, 'children of group "b" must be a list of names'],
    ]);
    const cycle = inputError(() =>
      parseJsonInventory('{\n "c": {"children": ["d"]},\n "d": {"children": ["c"]}\n}', 'j'),
    );
    expect(cycle.message).toBe('j:3: group "c" is its own descendant via d → c');
  });

  it('not an object', () => {
    expect(inputError(() => parseJsonInventory('[1, 2]', 'j')).message).toBe(
      'j:1: the JSON of an inventory is an object of groups',
    );
  });
});
