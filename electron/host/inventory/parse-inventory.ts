import type { Inventory, InventoryFormat } from '../../../shared/inventory/index';
import { InventoryInputError, positionOf } from './errors';
import { parseIniInventory } from './ini';
import { parseJsonInventory } from './json';
import { parseHostList } from './list';
import { parseYamlInventory } from './yaml';

/** 16 MB: `ansible-inventory --list` of thousands of hosts with facts stays far below this. */
export const maxInventoryChars = 16 * 1024 * 1024;

export interface ParseInventoryOptions {
  /** Used in messages and to recognise the format by extension; default `inventory`. */
  fileName?: string;
  /** Skips detection. */
  format?: InventoryFormat;
}

/**
 * Parses an inventory in any supported format into the one model. Throws InventoryInputError
 * (file and line) for anything it cannot read; never anything else for bad input.
 */
export function parseInventory(text: string, options: ParseInventoryOptions = {}): Inventory {
  const file = options.fileName ?? 'inventory';
  const clean = checkText(text, file);
  switch (options.format ?? detectInventoryFormat(clean, file)) {
    case 'ini':
      return parseIniInventory(clean, file);
    case 'yaml':
      return parseYamlInventory(clean, file);
    case 'json':
      return parseJsonInventory(clean, file);
    case 'list':
      return parseHostList(clean, file);
  }
}

/**
 * The format by extension (.ini/.cfg, .yml/.yaml, .json), else by content: `{` starts JSON, a
 * `[section]` line means INI, `---` or a first line ending in `:` means YAML, anything else is a
 * list of hosts. (Ansible's own `hosts` file has no extension: the content decides.)
 */
export function detectInventoryFormat(text: string, fileName = ''): InventoryFormat {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'ini' || extension === 'cfg') return 'ini';
  if (extension === 'yml' || extension === 'yaml') return 'yaml';
  if (extension === 'json') return 'json';
  const lines = text.split('\n').map((l) => l.trim());
  const meaningful = lines.filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith(';'));
  const first = meaningful[0] ?? '';
  if (first.startsWith('{')) return 'json';
  if (meaningful.some((l) => /^\[[^\]]*\]?\s*(?:[#;].*)?$/.test(l) && !l.includes('='))) return 'ini';
  if (first === '---' || /^[^\s=]+:\s*(?:#.*)?$/.test(first) || /^[\w.-]+:\s+\S/.test(first)) return 'yaml';
  return 'list';
}

function checkText(text: string, file: string): string {
  if (text.length > maxInventoryChars) {
    throw InventoryInputError.at(
      file,
      1,
      `the inventory is larger than ${maxInventoryChars / 1024 / 1024} MB`,
    );
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const at = positionOf(text, nul);
    throw InventoryInputError.at(
      file,
      at.line,
      'this is a binary file (it contains NUL bytes), not an inventory',
      at.column,
    );
  }
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}
