import { describe, expect, it } from 'vitest';
import {
  detectInventoryFormat,
  InventoryInputError,
  parseHostList,
  parseInventory,
} from '../../../electron/host/inventory/index';
import { fixture, group, host, inputError } from './support';

describe('a pasted list of hosts', () => {
  it('reads one host per line with optional vars, skipping blanks and comments', () => {
    const text =
      '# controllers\nctl-01 ansible_host=10.0.0.11\n\n  ctl-02 vip_holder=true  \n; done\ncmp-[1:3]\n';
    const inventory = parseHostList(text, 'pasted list');
    expect(inventory.hosts.map((h) => h.name)).toEqual(['ctl-01', 'ctl-02', 'cmp-1', 'cmp-2', 'cmp-3']);
    expect(host(inventory, 'ctl-02')).toMatchObject({ vars: { vip_holder: 'true' }, line: 4 });
    expect(group(inventory, 'ungrouped').hosts).toHaveLength(5);
  });

  it('names the line of a bad entry', () => {
    const error = inputError(() => parseHostList('a\nb c\n', 'pasted list'));
    expect(error.message).toBe('pasted list:2: expected key=value after host "b", got "c"');
  });

  it('an empty paste is an inventory with no hosts', () => {
    expect(parseHostList('\n# none\n', 'p').hosts).toEqual([]);
  });
});

describe('format detection', () => {
  it('by extension', () => {
    expect(detectInventoryFormat('', 'a.ini')).toBe('ini');
    expect(detectInventoryFormat('', 'hosts.cfg')).toBe('ini');
    expect(detectInventoryFormat('', 'a.YAML')).toBe('yaml');
    expect(detectInventoryFormat('', 'a.yml')).toBe('yaml');
    expect(detectInventoryFormat('', 'out.json')).toBe('json');
  });

  it('by content', () => {
    expect(detectInventoryFormat(fixture('multinode.ini'))).toBe('ini');
    expect(detectInventoryFormat(fixture('hosts.yml'))).toBe('yaml');
    expect(detectInventoryFormat(fixture('ansible-inventory-list.json'))).toBe('json');
    expect(detectInventoryFormat('---\nall:\n')).toBe('yaml');
    expect(detectInventoryFormat('# c\nall:\n  hosts:\n')).toBe('yaml');
    expect(detectInventoryFormat('ctl-01\nctl-02 ansible_host=1.2.3.4\nweb:2222\n')).toBe('list');
    expect(detectInventoryFormat('[compute\nh1\n')).toBe('ini');
  });

  it('an explicit format wins over the extension', () => {
    expect(parseInventory('a\nb\n', { fileName: 'x.yml', format: 'list' }).hosts).toHaveLength(2);
  });
});

describe('parseInventory refuses what is not text', () => {
  it('NUL bytes, with their line', () => {
    const error = inputError(() => parseInventory('[a]\nh\u0000\n', { fileName: 'bin' }));
    expect(error).toMatchObject({ file: 'bin', line: 2 });
    expect(error.message).toContain('binary');
  });

  it('a byte-order mark and CRLF line ends are fine', () => {
    const inventory = parseInventory('\uFEFF[web]\r\nw1 a=1\r\n', { fileName: 'win.ini' });
    expect(host(inventory, 'w1').vars).toEqual({ a: 1 });
  });

  it('garbage in any format gives an InventoryInputError, never another exception', () => {
    const samples = [
      '{',
      '[',
      ']',
      ':',
      '"',
      "'",
      '- [',
      'a: [b',
      '[a:children]\n[',
      '{"_meta": 3}',
      '{"a": 1}',
    ];
    for (const text of samples) {
      for (const format of ['ini', 'yaml', 'json', 'list'] as const) {
        try {
          parseInventory(text, { format });
        } catch (error) {
          expect(error, `${format}: ${JSON.stringify(text)}`).toBeInstanceOf(InventoryInputError);
        }
      }
    }
  });
});
