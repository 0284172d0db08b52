import type { Pair } from 'yaml';
import type { Inventory } from '../../../shared/inventory/index';
import { InventoryBuilder } from './builder';
import { Findings, positionOf } from './errors';
import { findJsonSyntaxError } from './json-syntax';
import { assignVars } from './vars';
import { isEmptyValue, readYaml, type YamlSource } from './yaml-source';

/**
 * Reads the JSON that `ansible-inventory --list` prints (and dynamic inventory scripts): groups as
 * top-level keys with `hosts`, `children` and `vars` (or just a list of hosts), and every host's
 * variables under `_meta.hostvars`. A child group without a key of its own is an empty group, as
 * `ansible-inventory` leaves empty groups out.
 */
export function parseJsonInventory(text: string, file: string): Inventory {
  const findings = new Findings(file);
  checkJsonSyntax(text, findings);
  // JSON is YAML: the YAML parser gives every value its line for the messages below.
  const source = readYaml(text, findings, { json: true });
  findings.throwIfErrors();
  const builder = new InventoryBuilder(findings, 'json');
  const top = source.pairs(source.doc.contents);
  if (top === undefined) findings.error(1, 'the JSON of an inventory is an object of groups');
  for (const pair of top ?? []) {
    if (source.keyText(pair) === '_meta') readMeta(source, builder, pair);
    else readGroup(source, builder, pair);
  }
  findings.throwIfErrors();
  return builder.finish({ requireDefinedChildren: false });
}

function checkJsonSyntax(text: string, findings: Findings): void {
  const error = findJsonSyntaxError(text);
  if (error === undefined) return;
  const at = positionOf(text, error.offset);
  findings.error(at.line, `JSON: ${error.message}`, at.column);
  findings.throwIfErrors();
}

function readMeta(source: YamlSource, builder: InventoryBuilder, meta: Pair): void {
  for (const entry of source.pairs(meta.value) ?? []) {
    if (source.keyText(entry) !== 'hostvars') continue;
    const hosts = source.pairs(entry.value);
    if (hosts === undefined && !isEmptyValue(entry.value)) {
      builder.findings.error(source.lineOf(entry.key), '_meta.hostvars must be an object of hosts');
    }
    for (const host of hosts ?? []) {
      const name = source.keyText(host) ?? '';
      const vars = source.value(host.value);
      if (typeof vars !== 'object' || Array.isArray(vars)) {
        builder.findings.error(source.lineOf(host.key), `hostvars of "${name}" must be an object`);
      } else {
        builder.addHost(undefined, name, assignVars({}, vars ?? {}), source.lineOf(host.key));
      }
    }
  }
}

function readGroup(source: YamlSource, builder: InventoryBuilder, pair: Pair): void {
  const name = source.keyText(pair) ?? '';
  const line = source.lineOf(pair.key);
  const { findings } = builder;
  builder.defineGroup(name, line);
  const list = source.items(pair.value);
  if (list !== undefined) return addNames(source, builder, name, 'hosts', list);
  if (isEmptyValue(pair.value)) return;
  if (source.pairs(pair.value) === undefined) {
    return findings.error(line, `group "${name}" must be an object with hosts, children or vars`);
  }
  for (const entry of source.pairs(pair.value) ?? []) {
    const key = source.keyText(entry);
    const at = source.lineOf(entry.key);
    const list = source.items(entry.value);
    const vars = key === 'vars' ? source.value(entry.value) : undefined;
    if ((key === 'hosts' || key === 'children') && list !== undefined)
      addNames(source, builder, name, key, list);
    else if (typeof vars === 'object' && vars !== null && !Array.isArray(vars))
      builder.addGroupVars(name, vars, at);
    else if (key === 'hosts' || key === 'children' || key === 'vars') {
      findings.error(
        at,
        `${key} of group "${name}" must be ${key === 'vars' ? 'an object' : 'a list of names'}`,
      );
    } else {
      findings.warn(
        at,
        `ignored key "${key ?? '?'}" in group "${name}": only hosts, children and vars count`,
      );
    }
  }
}

/** A group's `hosts` or `children` list: names, each on its own line. */
function addNames(
  source: YamlSource,
  builder: InventoryBuilder,
  group: string,
  key: 'hosts' | 'children',
  items: unknown[],
): void {
  for (const item of items) {
    const name = source.value(item);
    const line = source.lineOf(item);
    if (typeof name !== 'string' || name === '') {
      builder.findings.error(line, `${key} of group "${group}" must be names, not ${JSON.stringify(name)}`);
    } else if (key === 'hosts') builder.addHost(group, name, {}, line);
    else builder.addChild(group, name, line);
  }
}
