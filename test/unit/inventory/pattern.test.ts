import { describe, expect, it } from 'vitest';
import { HostPatternError, parseInventory, selectHosts } from '../../../electron/host/inventory/index';
import { fixture } from './support';

const inventory = parseInventory(fixture('multinode.ini'), { fileName: 'multinode' });
const select = (pattern: string): string[] => selectHosts(inventory, pattern);

function patternError(pattern: string): HostPatternError {
  try {
    select(pattern);
  } catch (error) {
    if (error instanceof HostPatternError) return error;
    throw error;
  }
  throw new Error(`expected "${pattern}" to fail`);
}

describe('host patterns', () => {
  it('a group, a nested service group, a host', () => {
    expect(select('control')).toEqual(['ctl-01', 'ctl-02', 'ctl-03']);
    expect(select('nova-api')).toEqual(['ctl-01', 'ctl-02', 'ctl-03']);
    expect(select('mon-01')).toEqual(['mon-01']);
  });

  it('all and * give every host in inventory order', () => {
    expect(select('all')).toEqual(inventory.hosts.map((h) => h.name));
    expect(select('*')).toEqual(select('all'));
  });

  it('subscripts: an index, an inclusive range, from the end, open ends', () => {
    expect(select('compute[0]')).toEqual(['cmp-001']);
    expect(select('compute[1:3]')).toEqual(['cmp-002', 'cmp-003', 'cmp-004']);
    expect(select('compute[-1]')).toEqual(['cmp-gpu-b']);
    expect(select('control[1:]')).toEqual(['ctl-02', 'ctl-03']);
    expect(select('control[:1]')).toEqual(['ctl-01', 'ctl-02']);
    expect(select('control[-2:]')).toEqual(['ctl-02', 'ctl-03']);
  });

  it('exclusion keeps the order of what is left', () => {
    expect(select('control:!ctl-03')).toEqual(['ctl-01', 'ctl-02']);
    expect(select('baremetal:!compute:!storage')).toEqual([
      'ctl-01',
      'ctl-02',
      'ctl-03',
      'net-01',
      'net-02',
      'mon-01',
    ]);
  });

  it('unions with : or , in the order written, each host once', () => {
    expect(select('network:control')).toEqual(['net-01', 'net-02', 'ctl-01', 'ctl-02', 'ctl-03']);
    expect(select('network,control,net-01')).toEqual(select('network:control'));
  });

  it('intersection', () => {
    expect(select('openvswitch:&network')).toEqual(['net-01', 'net-02']);
    expect(select('compute:&nova-compute:!cmp-gpu-*')).toHaveLength(12);
  });

  it('only exclusions start from all', () => {
    expect(select('!compute')).toEqual(select('all').filter((h) => !select('compute').includes(h)));
  });

  it('Ansible order: unions first, then intersections, then exclusions, whatever the order written', () => {
    expect(select('!ctl-01:control:&nova')).toEqual(['ctl-02', 'ctl-03']);
  });

  it('wildcards and regexes over group and host names', () => {
    expect(select('cmp-gpu-*')).toEqual(['cmp-gpu-a', 'cmp-gpu-b']);
    expect(select('ctl-0?')).toEqual(['ctl-01', 'ctl-02', 'ctl-03']);
    expect(select('nova-*')).toEqual([...select('control'), ...select('compute')]);
    expect(select('~ctl-0[12]')).toEqual(['ctl-01', 'ctl-02']);
    expect(select('~(net|mon)-')).toEqual(['net-01', 'net-02', 'mon-01']);
  });

  it('an empty group selects nothing without failing', () => {
    const empty = parseInventory('[a]\nh1\n[maintenance]\n', { format: 'ini' });
    expect(selectHosts(empty, 'a:!maintenance')).toEqual(['h1']);
    expect(selectHosts(empty, 'maintenance')).toEqual([]);
  });
});

describe('host pattern errors name the term', () => {
  it('an unknown group or host', () => {
    const error = patternError('control:!ctl-09');
    expect(error.message).toBe('host pattern "control:!ctl-09": no group or host named "ctl-09"');
    expect(error.term).toBe('ctl-09');
    expect(patternError('computes').message).toContain('no group or host named "computes"');
  });

  it('a wildcard or regex that matches nothing', () => {
    expect(patternError('db-*').message).toContain('"db-*" matches no group or host');
    expect(patternError('~^db').message).toContain('matches no group or host');
  });

  it('subscripts out of range, backwards or malformed', () => {
    expect(patternError('control[3]').message).toContain('index 3 is outside the 3 hosts');
    expect(patternError('control[-4]').message).toContain('index -4 is outside');
    expect(patternError('control[2:1]').message).toContain('runs backwards');
    expect(patternError('control[a]').message).toContain('a subscript is [i], [i:j], [i:] or [:j]');
  });

  it('an empty term and an invalid regex', () => {
    expect(patternError('control::network').message).toContain('empty term');
    expect(patternError('control:!').message).toContain('empty term');
    expect(patternError('~ctl-(').message).toContain('not a valid regular expression');
  });
});
