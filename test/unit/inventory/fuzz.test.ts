import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InventoryInputError, parseInventory, selectHosts } from '../../../electron/host/inventory/index';
import { HostPatternError } from '../../../electron/host/inventory/index';

/** Text built from the characters that matter to the four formats. */
const inventoryish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '[',
        ']',
        ':',
        '=',
        '"',
        "'",
        '#',
        ';',
        '{',
        '}',
        ',',
        '-',
        ' ',
        '\n',
        '  ',
        '\t',
        '~',
        '*',
        '&',
        '!',
      ),
      fc.constantFrom(
        'all',
        'children',
        'vars',
        'hosts',
        ':children',
        ':vars',
        '_meta',
        'hostvars',
        'web',
        'h1',
      ),
      fc.stringMatching(/^[a-z0-9]{1,4}$/),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('bad input never crashes the parsers', () => {
  it('any text, in any format, gives an inventory or an InventoryInputError', () => {
    fc.assert(
      fc.property(inventoryish, fc.constantFrom('ini', 'yaml', 'json', 'list', undefined), (text, format) => {
        try {
          const inventory = parseInventory(text, { fileName: 'fuzz', ...(format ? { format } : {}) });
          // What it did read is coherent: every group member is a host.
          const names = new Set(inventory.hosts.map((h) => h.name));
          for (const group of inventory.groups)
            expect(group.resolvedHosts.every((h) => names.has(h))).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(InventoryInputError);
          expect((error as InventoryInputError).message).toMatch(/^fuzz:\d+: /);
        }
      }),
      { numRuns: 1500 },
    );
  }, 60_000);

  it('any pattern gives hosts or a HostPatternError', () => {
    const inventory = parseInventory('[web]\nw[1:3]\n[db]\nd1\n[app:children]\nweb\ndb\n', { format: 'ini' });
    fc.assert(
      fc.property(inventoryish, (pattern) => {
        try {
          const hosts = selectHosts(inventory, pattern);
          expect(new Set(hosts).size).toBe(hosts.length);
        } catch (error) {
          expect(error).toBeInstanceOf(HostPatternError);
        }
      }),
      { numRuns: 1500 },
    );
  }, 60_000);

  it('deep nesting is an error with a line, not a stack overflow', () => {
    const depth = 20_000;
    for (const [text, format] of [
      [`${'['.repeat(depth)}${']'.repeat(depth)}`, 'json'],
      [`a: ${'['.repeat(depth)}${']'.repeat(depth)}`, 'yaml'],
      [`{"a": {"vars": {"x": ${'['.repeat(depth)}${']'.repeat(depth)}}}}`, 'json'],
    ] as const) {
      try {
        parseInventory(text, { format });
      } catch (error) {
        expect(error, format).toBeInstanceOf(InventoryInputError);
      }
    }
  });
});
