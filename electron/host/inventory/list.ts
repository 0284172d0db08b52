import type { Inventory } from '../../../shared/inventory/index';
import { InventoryBuilder } from './builder';
import { Findings } from './errors';
import { parseHostLine } from './host-line';

/**
 * Reads a pasted list: one host per line (ranges allowed), optionally followed by `key=value`
 * variables; blank lines and lines starting with # or ; are skipped. Every host is `ungrouped`.
 */
export function parseHostList(text: string, file: string): Inventory {
  const findings = new Findings(file);
  const builder = new InventoryBuilder(findings, 'list');
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    const parsed = parseHostLine(trimmed);
    if (!parsed.ok) return findings.error(index + 1, parsed.message);
    for (const name of parsed.names) builder.addHost(undefined, name, parsed.vars, index + 1);
  });
  findings.throwIfErrors();
  return builder.finish({ requireDefinedChildren: true });
}
