import type { Inventory } from '../../../shared/inventory/index';
import { InventoryBuilder } from './builder';
import { Findings } from './errors';
import { parseHostLine } from './host-line';
import { setVar } from './vars';

type Section =
  | { kind: 'hosts'; group: string | undefined }
  | { kind: 'children' | 'vars'; group: string }
  /** After a header that could not be read: its lines are not guessed at. */
  | { kind: 'skip' };

const header = /^\[([^:\]\s]+)(?::([^\]\s]*))?\]\s*(?:[#;].*)?$/;
const groupLine = /^([^:\]\s=]+)\s*(?:[#;].*)?$/;

/**
 * Reads an Ansible INI inventory: `[group]` host lines with variables and ranges, `[group:children]`,
 * `[group:vars]`, `#` and `;` comments; hosts before any section are `ungrouped`. Throws
 * InventoryInputError naming every bad line; a child or vars section for a group with no section of
 * its own is an error here (Ansible would quietly make an empty group).
 */
export function parseIniInventory(text: string, file: string): Inventory {
  const findings = new Findings(file);
  const builder = new InventoryBuilder(findings, 'ini');
  const varsSections: { group: string; line: number }[] = [];
  let section: Section = { kind: 'hosts', group: undefined };
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    if (trimmed.startsWith('[')) {
      section = readHeader(trimmed, line, findings);
      if (section.kind === 'vars') varsSections.push({ group: section.group, line });
      else if (section.kind !== 'skip' && section.group !== undefined)
        builder.defineGroup(section.group, line);
      return;
    }
    readEntry(builder, section, trimmed, line);
  });
  for (const { group, line } of varsSections) {
    if (group !== 'all' && group !== 'ungrouped' && builder.groups.get(group)?.defined !== true) {
      findings.error(line, `[${group}:vars] is for a group that is never defined: add a [${group}] section`);
    }
  }
  findings.throwIfErrors();
  return builder.finish({ requireDefinedChildren: true });
}

function readHeader(trimmed: string, line: number, findings: Findings): Section {
  const match = header.exec(trimmed);
  if (match === null) {
    findings.error(
      line,
      trimmed.includes(']')
        ? `bad section header ${trimmed}: write [group], [group:children] or [group:vars]`
        : `section header ${trimmed} is not closed with ]`,
    );
    return { kind: 'skip' };
  }
  const [, group = '', type] = match;
  if (type === undefined) return { kind: 'hosts', group };
  if (type === 'children' || type === 'vars') return { kind: type, group };
  findings.error(line, `unknown section type [${group}:${type}]: use :children or :vars`);
  return { kind: 'skip' };
}

function readEntry(builder: InventoryBuilder, section: Section, trimmed: string, line: number): void {
  const { findings } = builder;
  switch (section.kind) {
    case 'skip':
      return;
    case 'hosts': {
      const parsed = parseHostLine(trimmed);
      if (!parsed.ok) return findings.error(line, parsed.message);
      for (const name of parsed.names) builder.addHost(section.group, name, parsed.vars, line);
      return;
    }
    case 'children': {
      const match = groupLine.exec(trimmed);
      if (match === null)
        return findings.error(
          line,
          `expected one group name in [${section.group}:children], got "${trimmed}"`,
        );
      return builder.addChild(section.group, match[1]!, line);
    }
    case 'vars': {
      const equals = trimmed.indexOf('=');
      if (equals <= 0)
        return findings.error(line, `expected key=value in [${section.group}:vars], got "${trimmed}"`);
      const vars = {};
      setVar(vars, trimmed.slice(0, equals).trim(), unquote(trimmed.slice(equals + 1).trim()));
      return builder.addGroupVars(section.group, vars, line);
    }
  }
}

/** `[group:vars]` values are strings (Ansible's INI rule); one pair of enclosing quotes is dropped. */
function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted === null ? value : quoted[2]!;
}
