import type { Blockquote, RootContent } from 'mdast';
import type { Alternative, Command, Warning } from '../../../../shared/runbook/index';
import { admonitionKinds } from '../../../../shared/runbook/index';
import { readFence } from './info-string';
import { report, sliceOf, sliceRuns, startOf, type SourceFile } from './source';

/** What the blocks under a heading hold once sorted: prose, commands, warnings, tabs. */
export interface Content {
  text: string;
  commands: Command[];
  warnings: Warning[];
  alternatives: Alternative[];
}

const alertPattern = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*$/i;
const detailsOpen = /^<details>\s*<summary>([\s\S]*?)<\/summary>\s*$/;

/**
 * Sorts the blocks under a step heading. Top-level fences are commands, GitHub alerts
 * (`> [!WARNING]`) are warnings, `<details><summary>Label</summary>` … `</details>` is an
 * alternative; everything else is the step's Markdown text, kept as written.
 */
export function readContent(source: SourceFile, nodes: RootContent[]): Content {
  const content: Content = { text: '', commands: [], warnings: [], alternatives: [] };
  const runs: RootContent[][] = [[]];
  let alternative: { label: string; runs: RootContent[][]; commands: Command[] } | undefined;
  for (const node of nodes) {
    const commands = alternative?.commands ?? content.commands;
    const currentRuns = alternative?.runs ?? runs;
    if (node.type === 'code') {
      addFence(source, node, commands);
      currentRuns.push([]);
    } else if (node.type === 'blockquote' && alertKind(source, node) !== undefined) {
      content.warnings.push(readAlert(source, node));
      currentRuns.push([]);
    } else if (node.type === 'html' && detailsOpen.test(node.value.trim())) {
      if (alternative !== undefined)
        report(source, 'error', node, 'an alternative (<details>) starts inside another one');
      alternative = {
        label: unescapeHtml(detailsOpen.exec(node.value.trim())![1]!.trim()),
        runs: [[]],
        commands: [],
      };
    } else if (node.type === 'html' && node.value.trim() === '</details>' && alternative !== undefined) {
      content.alternatives.push(closeAlternative(source, alternative));
      alternative = undefined;
    } else {
      currentRuns.at(-1)!.push(node);
    }
  }
  if (alternative !== undefined) {
    report(source, 'error', nodes.at(-1), `the alternative '${alternative.label}' has no closing </details>`);
    content.alternatives.push(closeAlternative(source, alternative));
  }
  content.text = sliceRuns(source, runs);
  return content;
}

function closeAlternative(
  source: SourceFile,
  open: { label: string; runs: RootContent[][]; commands: Command[] },
): Alternative {
  return { label: open.label, text: sliceRuns(source, open.runs), commands: open.commands };
}

function addFence(source: SourceFile, node: RootContent & { type: 'code' }, commands: Command[]): void {
  const { command, isOutput } = readFence(source, node);
  if (!isOutput) {
    commands.push(command);
    return;
  }
  const previous = commands.at(-1);
  if (previous === undefined)
    report(source, 'error', node, 'an `output` block must follow the command it belongs to');
  else previous.expectedOutput = command.text;
}

function alertKind(source: SourceFile, node: Blockquote): Warning['kind'] | undefined {
  const firstLine = stripQuote(sliceOf(source, node)).split('\n')[0] ?? '';
  const match = alertPattern.exec(firstLine.trim());
  if (match === null) return undefined;
  const kind = match[1]!.toLowerCase();
  return (admonitionKinds as readonly string[]).includes(kind) ? (kind as Warning['kind']) : undefined;
}

function readAlert(source: SourceFile, node: Blockquote): Warning {
  const lines = stripQuote(sliceOf(source, node)).split('\n');
  return { kind: alertKind(source, node)!, text: lines.slice(1).join('\n').trim(), source: startOf(node) };
}

function stripQuote(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/^ {0,3}> ?/, ''))
    .join('\n');
}

function unescapeHtml(text: string): string {
  return text.replace(
    /&(lt|gt|quot|amp);/g,
    (_, name: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&' })[name]!,
  );
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
