import type { Pair } from 'yaml';
import type { Inventory, InventoryVars } from '../../../shared/inventory/index';
import { InventoryBuilder } from './builder';
import { Findings } from './errors';
import { expandHostRange } from './host-range';
import { assignVars } from './vars';
import { isEmptyValue, readYaml, type YamlSource } from './yaml-source';

/** Deeper than this, `children` nesting is an alias that contains itself, not a real inventory. */
const maxNesting = 100;

/**
 * Reads an Ansible YAML inventory: top-level groups (usually `all`), each a mapping of `hosts`
 * (host names, ranges allowed, to null or a mapping of vars), `children` (groups, nested the same
 * way) and `vars`. Throws InventoryInputError with the line of every problem.
 */
export function parseYamlInventory(text: string, file: string): Inventory {
  const findings = new Findings(file);
  const source = readYaml(text, findings, { json: false });
  findings.throwIfErrors();
  const builder = new InventoryBuilder(findings, 'yaml');
  const top = source.pairs(source.doc.contents);
  if (top === undefined || top.length === 0) {
    findings.error(
      source.lineOf(source.doc.contents),
      'a YAML inventory is a mapping of groups, such as all: {hosts: …, children: …}',
    );
  }
  for (const pair of top ?? []) readGroup(source, builder, pair, undefined, 0);
  findings.throwIfErrors();
  return builder.finish({ requireDefinedChildren: false });
}

function readGroup(
  source: YamlSource,
  builder: InventoryBuilder,
  pair: Pair,
  parent: string | undefined,
  depth: number,
): void {
  const { findings } = builder;
  const line = source.lineOf(pair.key);
  const name = source.keyText(pair);
  if (name === undefined || name === '') return findings.error(line, 'a group name must be a plain string');
  if (depth > maxNesting) {
    return findings.error(line, `group "${name}" is nested more than ${maxNesting} levels deep`);
  }
  builder.defineGroup(name, line);
  if (parent !== undefined) builder.addChild(parent, name, line);
  if (isEmptyValue(pair.value)) return;
  const entries = source.pairs(pair.value);
  if (entries === undefined) {
    return findings.error(line, `group "${name}" must be a mapping with hosts, children or vars`);
  }
  for (const entry of entries) {
    const key = source.keyText(entry);
    const at = source.lineOf(entry.key);
    if (isEmptyValue(entry.value)) continue;
    if (key === 'hosts') readHosts(source, builder, name, entry);
    else if (key === 'vars') readGroupVars(source, builder, name, entry);
    else if (key === 'children') {
      const children = source.pairs(entry.value);
      if (children === undefined)
        findings.error(at, `children of group "${name}" must be a mapping of groups`);
      for (const child of children ?? []) readGroup(source, builder, child, name, depth + 1);
    } else {
      findings.warn(
        at,
        `ignored key "${key ?? '?'}" in group "${name}": only hosts, children and vars count`,
      );
    }
  }
}

function readHosts(source: YamlSource, builder: InventoryBuilder, group: string, entry: Pair): void {
  const { findings } = builder;
  const hosts = source.pairs(entry.value);
  if (hosts === undefined) {
    return findings.error(
      source.lineOf(entry.key),
      `hosts of group "${group}" must be a mapping of host names (a list is not valid here)`,
    );
  }
  for (const host of hosts) {
    const line = source.lineOf(host.key);
    const pattern = source.keyText(host);
    if (pattern === undefined || pattern === '') {
      findings.error(line, `a host name in group "${group}" must be a plain string`);
      continue;
    }
    const vars = hostVars(source, host, pattern, findings.error.bind(findings, line));
    const expanded = expandHostRange(pattern);
    if (!expanded.ok) findings.error(line, expanded.message);
    else if (vars !== undefined) for (const name of expanded.names) builder.addHost(group, name, vars, line);
  }
}

function hostVars(
  source: YamlSource,
  host: Pair,
  name: string,
  fail: (message: string) => void,
): InventoryVars | undefined {
  if (isEmptyValue(host.value)) return {};
  const value = source.value(host.value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(`host "${name}" must map to its variables or to nothing, not ${JSON.stringify(value)}`);
    return undefined;
  }
  return assignVars({}, value);
}

function readGroupVars(source: YamlSource, builder: InventoryBuilder, group: string, entry: Pair): void {
  const value = source.value(entry.value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return builder.findings.error(source.lineOf(entry.key), `vars of group "${group}" must be a mapping`);
  }
  builder.addGroupVars(group, value, source.lineOf(entry.key));
}
