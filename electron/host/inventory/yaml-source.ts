import type { Document, Node, Pair } from 'yaml';
import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { InventoryValue } from '../../../shared/inventory/index';
import type { Findings } from './errors';

/** Aliases may repeat a node this often before the file is treated as a "billion laughs" bomb. */
const maxAliasCount = 1000;

/** A parsed YAML (or JSON) document with the line of every node, for located messages. */
export interface YamlSource {
  doc: Document.Parsed;
  /** The 1-based line a node starts on (1 when it has no position). */
  lineOf(node: unknown): number;
  /** A mapping key as written (`yes` stays "yes", not true). */
  keyText(pair: Pair): string | undefined;
  /** A mapping node's pairs, after following an alias; undefined when it is not a mapping. */
  pairs(node: unknown): Pair[] | undefined;
  /** A sequence node's items, after following an alias; undefined when it is not a sequence. */
  items(node: unknown): unknown[] | undefined;
  /** A node as a JSON value: dates become ISO strings, binary and other exotic values strings. */
  value(node: unknown): InventoryValue;
}

/**
 * Parses YAML with line tracking; syntax errors go to `findings` with their line. `version: 1.1`
 * because Ansible reads YAML 1.1 (`yes`/`no` are booleans); merge keys (`<<`) as Ansible allows.
 */
export function readYaml(text: string, findings: Findings, options: { json: boolean }): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    version: options.json ? '1.2' : '1.1',
    merge: !options.json,
    uniqueKeys: !options.json,
    prettyErrors: false,
  });
  for (const error of doc.errors) {
    // The parser often points at the newline before the offending line: name that line instead.
    const offset = text[error.pos[0]] === '\n' ? error.pos[0] + 1 : error.pos[0];
    const at = lineCounter.linePos(offset);
    findings.error(at.line, `YAML: ${firstLine(error.message)}`, at.col);
  }
  const lineOf = (node: unknown): number =>
    isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : 1;
  const resolve = (node: unknown): unknown => (isAlias(node) ? node.resolve(doc) : node);
  return {
    doc,
    lineOf,
    keyText: (pair) => {
      const key = resolve(pair.key);
      if (!isScalar(key) || key.value === null) return undefined;
      return typeof key.source === 'string' ? key.source : String(key.value);
    },
    pairs: (node) => {
      const map = resolve(node);
      return isMap(map) ? (map.items as Pair[]) : undefined;
    },
    items: (node) => {
      const seq = resolve(node);
      return isSeq(seq) ? seq.items : undefined;
    },
    value: (node) => {
      if (node === null || node === undefined) return null;
      const js: unknown = (node as Node).toJS(doc, { maxAliasCount });
      return jsonValue(js);
    },
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!;
}

/** Whether a pair's value is absent or YAML null (`host1:` or `host1: ~`). */
export function isEmptyValue(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

function jsonValue(value: unknown): InventoryValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Array.isArray(value) || value instanceof Set) return [...value].map(jsonValue);
  if (value instanceof Map) return objectValue([...value.entries()]);
  if (ArrayBuffer.isView(value)) return String(value);
  if (typeof value === 'object') return objectValue(Object.entries(value));
  return String(value);
}

function objectValue(entries: [unknown, unknown][]): InventoryValue {
  const result: Record<string, InventoryValue> = {};
  for (const [key, item] of entries) {
    Object.defineProperty(result, String(key), {
      value: jsonValue(item),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}
