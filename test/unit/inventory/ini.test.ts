import { describe, expect, it } from 'vitest';
import { inventory as inventorySchema } from '../../../shared/inventory/index';
import { parseIniInventory, parseInventory } from '../../../electron/host/inventory/index';
import { fixture, group, host, inputError } from './support';

describe('INI inventories: a kolla-ansible style multinode file', () => {
  const inventory = parseInventory(fixture('multinode.ini'), { fileName: 'multinode' });

  it('is detected as INI without an extension and fits the shared schema', () => {
    expect(inventory.format).toBe('ini');
    expect(inventory.file).toBe('multinode');
    expect(inventorySchema.parse(inventory)).toEqual(inventory);
  });

  it('expands ranges with zero padding, letters and a stride, in file order', () => {
    expect(inventory.hosts.map((h) => h.name)).toEqual([
      'ctl-01',
      'ctl-02',
      'ctl-03',
      'net-01',
      'net-02',
      ...Array.from({ length: 12 }, (_, i) => `cmp-${String(i + 1).padStart(3, '0')}`),
      'cmp-gpu-a',
      'cmp-gpu-b',
      'mon-01',
      'stor-01',
      'stor-03',
      'stor-05',
      'localhost',
    ]);
  });

  it('resolves nested service groups to their hosts through every level', () => {
    expect(group(inventory, 'nova-api').resolvedHosts).toEqual(['ctl-01', 'ctl-02', 'ctl-03']);
    expect(group(inventory, 'nova-api').children).toEqual(['nova']);
    expect(group(inventory, 'nova-compute').resolvedHosts).toHaveLength(14);
    // A child named before its own section (manila-share) is fine: it is defined further down.
    expect(group(inventory, 'openvswitch').resolvedHosts).toEqual([
      'net-01',
      'net-02',
      ...group(inventory, 'compute').resolvedHosts,
    ]);
    expect(group(inventory, 'prometheus-node-exporter').resolvedHosts.slice(0, 4)).toEqual([
      'mon-01',
      'ctl-01',
      'ctl-02',
      'ctl-03',
    ]);
  });

  it('gives all every host in file order, all and ungrouped first, and top-level groups as its children', () => {
    expect(inventory.groups[0]!.name).toBe('all');
    expect(inventory.groups[1]!.name).toBe('ungrouped');
    expect(group(inventory, 'all').resolvedHosts).toEqual(inventory.hosts.map((h) => h.name));
    const top = group(inventory, 'all').children;
    expect(top).toContain('baremetal');
    expect(top).toContain('deployment');
    expect(top).not.toContain('control');
    expect(group(inventory, 'ungrouped').hosts).toEqual([]);
  });

  it('reads host-line variables: quoted strings, Python literals, ansible_host', () => {
    expect(host(inventory, 'ctl-02').vars).toEqual({
      ansible_host: '10.0.0.12',
      api_interface: 'eth1',
      vip_holder: true,
    });
    expect(host(inventory, 'cmp-gpu-b').vars).toEqual({
      ansible_user: 'stack admin',
      pci_passthrough: 'true',
    });
    // The comment after the host line is not a variable.
    expect(host(inventory, 'net-02').vars).toEqual({ ansible_host: '10.0.1.1' });
    expect(host(inventory, 'ctl-01').groups).toEqual(['control']);
  });

  it('applies variable precedence: host over child group over parent group over all', () => {
    expect(group(inventory, 'all').vars).toEqual({
      ansible_user: 'kolla',
      kolla_internal_vip_address: '10.0.0.250',
    });
    expect(host(inventory, 'ctl-01').effectiveVars.ansible_user).toBe('kolla');
    // compute (a child of nova-compute) overrides its parent's drain_before_reboot.
    expect(host(inventory, 'cmp-001').effectiveVars).toMatchObject({
      ansible_user: 'stack',
      drain_before_reboot: 'yes',
      kolla_internal_vip_address: '10.0.0.250',
    });
    expect(host(inventory, 'cmp-gpu-a').effectiveVars.ansible_user).toBe('stack admin');
  });
});

describe('INI inventories: small shapes', () => {
  it('puts hosts before any section in ungrouped, and a host in a group leaves ungrouped', () => {
    const inventory = parseIniInventory('solo\nweb1\n\n[web]\nweb1\n', 'hosts');
    expect(group(inventory, 'ungrouped').hosts).toEqual(['solo']);
    expect(group(inventory, 'web').hosts).toEqual(['web1']);
    expect(group(inventory, 'all').children).toEqual(['ungrouped', 'web']);
  });

  it('reads a host:port, inline comments, ; comments and escaped quotes', () => {
    const text = '; lab\n[db]\ndb1:2222 note="say \\"hi\\"" n=3 f=1.5 x=None # trailing\n';
    const inventory = parseIniInventory(text, 'hosts');
    expect(host(inventory, 'db1').vars).toEqual({
      ansible_port: 2222,
      note: 'say "hi"',
      n: 3,
      f: 1.5,
      x: null,
    });
  });

  it('keeps [group:vars] values as strings, dropping one pair of quotes', () => {
    const inventory = parseIniInventory('[web]\nw1\n[web:vars]\nport=8080\nname = "my site"\n', 'hosts');
    expect(group(inventory, 'web').vars).toEqual({ port: '8080', name: 'my site' });
  });

  it('merges a group written in two sections and a host in two groups', () => {
    const inventory = parseIniInventory('[a]\nh1 x=1\n[b]\nh1 y=2\n[a]\nh2\n', 'hosts');
    expect(group(inventory, 'a').hosts).toEqual(['h1', 'h2']);
    expect(host(inventory, 'h1')).toMatchObject({ vars: { x: 1, y: 2 }, groups: ['a', 'b'], line: 2 });
  });

  it('keeps a __proto__ variable as data', () => {
    const inventory = parseIniInventory('[a]\nh1 __proto__=x\n', 'hosts');
    expect(Object.getPrototypeOf(host(inventory, 'h1').vars)).toBe(Object.prototype);
    expect(Object.entries(host(inventory, 'h1').vars)).toEqual([['__proto__', 'x']]);
  });
});

describe('INI inventories: malformed input gives the file and line', () => {
  it('a cycle in children, at the line that closes it', () => {
    const text = [
      '[compute]', // 1
      'cmp1',
      '',
      '[network]',
      'net1',
      '',
      '[compute:children]', // 7
      'network',
      '',
      '[x]',
      'h',
      '',
      '[network:children]', // 13
      'compute', // 14
    ].join('\n');
    const error = inputError(() => parseInventory(text, { fileName: 'inventory.ini' }));
    expect(error.message).toBe(
      'inventory.ini:14: group "compute" is its own descendant via network → compute',
    );
    expect(error).toMatchObject({ file: 'inventory.ini', line: 14 });
  });

  it('a group that is its own child', () => {
    expect(inputError(() => parseIniInventory('[a:children]\na\n', 'i')).message).toBe(
      'i:2: group "a" is its own descendant via a',
    );
  });

  it('a longer cycle names every group on the way', () => {
    const text = '[a:children]\nb\n[b:children]\nc\n[c:children]\na\n';
    expect(inputError(() => parseIniInventory(text, 'i')).message).toBe(
      'i:6: group "a" is its own descendant via b → c → a',
    );
  });

  it('a child group that is never defined', () => {
    const error = inputError(() => parseIniInventory('[web]\nw1\n\n[site:children]\nweb\ndb\n', 'site.ini'));
    expect(error.message).toBe(
      'site.ini:6: group "db" (a child of "site") is never defined: add a [db] section',
    );
  });

  it('an unterminated section header, a bad header and an unknown section type, all reported', () => {
    const error = inputError(() =>
      parseIniInventory('[web\nw1\n[db]x\n[a:hosts]\n[ok]\nh1\n[x y]\n', 'i.ini'),
    );
    expect(error.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [1, 'section header [web is not closed with ]'],
      [3, 'bad section header [db]x: write [group], [group:children] or [group:vars]'],
      [4, 'unknown section type [a:hosts]: use :children or :vars'],
      [7, 'bad section header [x y]: write [group], [group:children] or [group:vars]'],
    ]);
  });

  it('bad ranges', () => {
    const cases: [string, string][] = [
      ['h[1:', 'is not closed with ]'],
      ['h[5:1]', 'the start is after the end'],
      ['h[01:100]', 'same width'],
      ['h[a:3]', 'mixes a number and a letter'],
      ['h[1-3]', 'write [start:end]'],
      ['h[1:3:0]', 'the step must be at least 1'],
      ['h[z:a]', 'letters must run forward'],
      ['h[0:9999999]', 'more than 100000 hosts'],
      ['h]', 'without a matching ['],
    ];
    for (const [name, message] of cases) {
      const error = inputError(() => parseIniInventory(`# hosts\n[g]\n${name}\n`, 'r.ini'));
      expect(error.line, name).toBe(3);
      expect(error.message, name).toContain(message);
    }
  });

  it('a vars section for a group that does not exist, and a vars line without =', () => {
    const error = inputError(() =>
      parseIniInventory('[web]\nw\n[web:vars]\nport\n[db:vars]\nx=1\n', 'v.ini'),
    );
    expect(error.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [4, 'expected key=value in [web:vars], got "port"'],
      [5, '[db:vars] is for a group that is never defined: add a [db] section'],
    ]);
  });

  it('host-line mistakes: an unclosed quote, a word that is not key=value, two names in children', () => {
    const error = inputError(() =>
      parseIniInventory('[a]\nh1 note="open\nh2 orphan\n[b:children]\na b\n=x\n', 'h.ini'),
    );
    expect(error.diagnostics.map((d) => d.line)).toEqual([2, 3, 5, 6]);
    expect(error.diagnostics[0]!.message).toContain('quote is not closed');
    expect(error.diagnostics[1]!.message).toBe('expected key=value after host "h2", got "orphan"');
  });

  it("`all` as someone's child", () => {
    expect(inputError(() => parseIniInventory('[a:children]\nall\n', 'i')).message).toContain(
      'i:2: group "all" cannot be a child of "a"',
    );
  });
});
