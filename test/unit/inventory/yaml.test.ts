import { describe, expect, it } from 'vitest';
import { parseInventory, parseYamlInventory } from '../../../electron/host/inventory/index';
import { fixture, group, host, inputError } from './support';

describe('YAML inventories', () => {
  const inventory = parseInventory(fixture('hosts.yml'), { fileName: 'hosts.yml' });

  it('reads groups, nested children, ranges and hosts with null or mapping values', () => {
    expect(inventory.format).toBe('yaml');
    expect(inventory.hosts.map((h) => h.name)).toEqual([
      'ctl-01',
      'ctl-02',
      'ctl-03',
      'r1-cmp-01',
      'r1-cmp-02',
      'r1-cmp-03',
      'r1-cmp-04',
      'r2-cmp-01',
      'r2-cmp-02',
      'r2-cmp-03',
      'r2-cmp-04',
      'ceph-a',
      'ceph-b',
      'ceph-c',
      'bastion',
    ]);
    expect(group(inventory, 'compute').children).toEqual(['compute_rack1', 'compute_rack2']);
    expect(group(inventory, 'compute').resolvedHosts).toHaveLength(8);
    expect(host(inventory, 'ctl-03').vars).toEqual({});
    expect(host(inventory, 'r2-cmp-03').vars).toEqual({ rack_position: 'top' });
    expect(host(inventory, 'ceph-b').vars).toEqual({ osd_devices: ['/dev/sdb', '/dev/sdc'] });
  });

  it('puts hosts listed directly under all into ungrouped', () => {
    expect(group(inventory, 'ungrouped').hosts).toEqual(['bastion']);
    expect(group(inventory, 'all').hosts).toEqual([]);
    expect(host(inventory, 'bastion').groups).toEqual(['ungrouped']);
  });

  it('reads vars blocks at every level with Ansible precedence and YAML 1.1 booleans', () => {
    expect(host(inventory, 'ctl-02').effectiveVars).toEqual({
      ansible_user: 'kolla',
      ntp_server: '10.0.0.1',
      api_interface: 'eth1',
      ansible_host: '10.0.0.12',
      keepalived_master: true,
    });
    // compute_rack1 (the child) overrides compute (the parent), which overrides all.
    expect(host(inventory, 'r1-cmp-02').effectiveVars).toMatchObject({ rack: 1, api_interface: 'eth2' });
    expect(host(inventory, 'r2-cmp-01').effectiveVars).toMatchObject({ rack: 2, rack_position: 'top' });
  });

  it('merges a group named under two parents', () => {
    const text =
      'all:\n  children:\n    a:\n      children:\n        shared:\n          hosts:\n            h1:\n    b:\n      children:\n        shared:\n          hosts:\n            h2:\n';
    const inv = parseYamlInventory(text, 'y.yml');
    expect(group(inv, 'shared').hosts).toEqual(['h1', 'h2']);
    expect(group(inv, 'b').resolvedHosts).toEqual(['h1', 'h2']);
  });

  it('keeps host names as written, even ones YAML 1.1 would read as booleans or numbers', () => {
    const inv = parseYamlInventory('all:\n  hosts:\n    yes:\n    10.0.0.1:\n    "007":\n', 'y.yml');
    expect(inv.hosts.map((h) => h.name)).toEqual(['yes', '10.0.0.1', '007']);
  });

  it('warns about unknown keys in a group, without failing', () => {
    const inv = parseYamlInventory('all:\n  hosts:\n    h1:\n  host:\n    h2:\n', 'y.yml');
    expect(inv.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', line: 4, message: expect.stringContaining('"host"') }),
    ]);
  });
});

describe('YAML inventories: malformed input gives the file and line', () => {
  it('a YAML syntax error', () => {
    const error = inputError(() => parseYamlInventory('all:\n  hosts:\n    h1:\n   bad: [\n', 'broken.yml'));
    expect(error.file).toBe('broken.yml');
    expect(error.message).toMatch(/^broken\.yml:\d+: YAML: /);
    expect(error.line).toBeGreaterThanOrEqual(4);
  });

  it('a duplicate key', () => {
    const error = inputError(() => parseYamlInventory('all:\n  hosts:\n    h1:\n    h1:\n', 'dup.yml'));
    expect(error.line).toBe(4);
    expect(error.message).toContain('unique');
  });

  it('hosts written as a list, a host mapped to a string, a bad range', () => {
    const text = [
      'all:', // 1
      '  children:',
      '    a:',
      '      hosts:', // 4
      '        - h1',
      '    b:',
      '      hosts:',
      '        h2: hello', // 8
      '        h[3:1]:', // 9
    ].join('\n');
    const error = inputError(() => parseYamlInventory(text, 'y.yml'));
    expect(error.diagnostics.map((d) => d.line)).toEqual([4, 8, 9]);
    expect(error.diagnostics[0]!.message).toContain('a list is not valid here');
    expect(error.diagnostics[1]!.message).toBe(
      'host "h2" must map to its variables or to nothing, not "hello"',
    );
    expect(error.diagnostics[2]!.message).toContain('the start is after the end');
  });

  it('a cycle through children', () => {
    const text =
      'all:\n  children:\n    a:\n      children:\n        b:\n          children:\n            a:\n';
    expect(inputError(() => parseYamlInventory(text, 'c.yml')).message).toBe(
      'c.yml:7: group "a" is its own descendant via b → a',
    );
  });

  it('an alias that contains itself stops at a nesting limit instead of recursing forever', () => {
    const text = 'all:\n  children:\n    a: &loop\n      children:\n        b: *loop\n';
    const error = inputError(() => parseYamlInventory(text, 'alias.yml'));
    expect(error.message).toMatch(/nested more than 100 levels|its own descendant/);
  });

  it('an empty file, a list at the top, a vars list', () => {
    expect(inputError(() => parseYamlInventory('# nothing\n', 'e.yml')).message).toContain(
      'mapping of groups',
    );
    expect(inputError(() => parseYamlInventory('- a\n- b\n', 'l.yml')).line).toBe(1);
    expect(inputError(() => parseYamlInventory('all:\n  vars:\n    - x\n', 'v.yml')).message).toBe(
      'v.yml:2: vars of group "all" must be a mapping',
    );
  });
});
