import type { Yaml } from 'mdast';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { RunbookVariable, ShellMode } from '../../../../shared/runbook/index';
import { shellModes, variableName } from '../../../../shared/runbook/index';
import { report, type SourceFile } from './source';

export interface FrontMatter {
  title?: string;
  description?: string;
  variables: RunbookVariable[];
  shell?: ShellMode;
}

/**
 * Reads the YAML front matter: title, description, variables, shell. Parsed with the failsafe schema so
 * that `default: 1.10` stays the string "1.10" and never becomes the number 1.1.
 */
export function readFrontMatter(source: SourceFile, node: Yaml): FrontMatter {
  const result: FrontMatter = { variables: [] };
  // The YAML starts on the line after the opening `---`.
  const firstLine = (node.position?.start.line ?? 1) + 1;
  const doc = parseDocument(node.value, { schema: 'failsafe', prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const at = error.linePos?.[0];
      report(
        source,
        'error',
        { line: firstLine + (at ? at.line - 1 : 0), column: at?.col ?? 1 },
        `front matter is not valid YAML: ${error.message.split('\n')[0]}`,
      );
    }
    return result;
  }
  const root = doc.contents;
  if (root === null) return result;
  if (!isMap(root)) {
    report(
      source,
      'error',
      { line: firstLine, column: 1 },
      'front matter must be a YAML mapping (title: …, variables: …)',
    );
    return result;
  }
  const lineOf = (item: YamlNode | null | undefined): { line: number; column: number } => {
    const offset = item?.range?.[0] ?? 0;
    const before = node.value.slice(0, offset);
    return {
      line: firstLine + (before.match(/\n/g)?.length ?? 0),
      column: offset - before.lastIndexOf('\n'),
    };
  };
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as YamlNode | null;
    if (key === 'title' || key === 'description') {
      if (isScalar(value)) result[key] = String(value.value);
      else report(source, 'error', lineOf(value), `front matter: ${key} must be text`);
    } else if (key === 'variables') {
      result.variables = readVariables(source, value, lineOf);
    } else if (key === 'shell') {
      const mode = isScalar(value) ? String(value.value) : '';
      if ((shellModes as readonly string[]).includes(mode)) result.shell = mode as ShellMode;
      else
        report(
          source,
          'error',
          lineOf(value),
          `front matter: shell must be ${shellModes.join(' or ')}, not '${mode}'`,
        );
    }
    // Other keys (sidebar_label, tags, …) belong to other tools and are kept out of the model.
  }
  return result;
}

function readVariables(
  source: SourceFile,
  value: YamlNode | null,
  lineOf: (item: YamlNode | null | undefined) => { line: number; column: number },
): RunbookVariable[] {
  if (value === null) return [];
  if (!isSeq(value)) {
    report(
      source,
      'error',
      lineOf(value),
      'front matter: variables must be a list of {name, description, default, secret}',
    );
    return [];
  }
  const variables: RunbookVariable[] = [];
  for (const item of value.items as YamlNode[]) {
    if (!isMap(item)) {
      report(source, 'error', lineOf(item), 'front matter: each variable is a mapping with at least a name');
      continue;
    }
    const fields = new Map<string, string>();
    for (const pair of item.items) {
      if (isScalar(pair.key) && isScalar(pair.value))
        fields.set(String(pair.key.value), String(pair.value.value));
    }
    const name = fields.get('name') ?? '';
    if (!variableName.safeParse(name).success) {
      report(
        source,
        'error',
        lineOf(item),
        `front matter: variable name '${name}' must be a letter or _ then letters, digits or _`,
      );
      continue;
    }
    const variable: RunbookVariable = {
      name,
      description: fields.get('description') ?? '',
      secret: /^(true|yes)$/i.test(fields.get('secret') ?? ''),
    };
    const defaultValue = fields.get('default');
    if (defaultValue !== undefined) variable.default = defaultValue;
    variables.push(variable);
  }
  return variables;
}
