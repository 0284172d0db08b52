import type { Code } from 'mdast';
import type { Command } from '../../../../shared/runbook/index';
import { parseAttributes } from './attributes';
import { report, sliceOf, startOf, type SourceFile } from './source';

/** Fence languages whose blocks are sent to a shell unless marked `show`. */
export const shellLanguages = new Set([
  'bash',
  'sh',
  'shell',
  'console',
  'zsh',
  'shell-session',
  'sh-session',
  'ksh',
]);

export interface FenceInfo {
  command: Command;
  /** `output`: the block is the expected output of the command before it. */
  isOutput: boolean;
}

/** Reads a fenced block of a runbook file: `lang run|show [set-e] [poll] [may-fail] [expect-…] [file=…]`. */
export function readFence(source: SourceFile, node: Code): FenceInfo {
  const language = node.lang ?? 'text';
  const command: Command = {
    language,
    text: node.value,
    run: shellLanguages.has(language),
    setE: false,
    poll: false,
    mayFail: false,
    source: startOf(node),
  };
  let isOutput = false;
  const parsed = parseAttributes(rawMeta(source, node) ?? node.meta ?? '');
  if (!parsed.ok) {
    report(source, 'error', node, parsed.message);
    return { command, isOutput };
  }
  for (const { key, value } of parsed.attributes) {
    switch (key) {
      case 'run':
      case 'show':
        command.run = key === 'run';
        break;
      case 'set-e':
        command.setE = true;
        break;
      case 'poll':
        command.poll = true;
        break;
      case 'may-fail':
        command.mayFail = true;
        break;
      case 'output':
        isOutput = true;
        break;
      case 'file':
        command.file = value ?? '';
        break;
      case 'expect-exit':
        readExitCode(source, node, command, value);
        break;
      case 'expect-output':
      case 'reject-output':
        readPattern(source, node, command, key, value);
        break;
      default:
        report(source, 'warning', node, `unknown code block attribute '${key}' (ignored)`);
    }
  }
  if (command.mayFail && command.expect?.exitCode !== undefined)
    report(source, 'error', node, 'may-fail and expect-exit contradict each other: keep one');
  return { command, isOutput };
}

function expectOf(command: Command): NonNullable<Command['expect']> {
  command.expect ??= { outputMatches: [], outputNotMatches: [] };
  return command.expect;
}

function readExitCode(source: SourceFile, node: Code, command: Command, value: string | undefined): void {
  const code = Number(value);
  if (value === undefined || !/^\d{1,3}$/.test(value) || code > 255) {
    report(source, 'error', node, `expect-exit: expected an exit code from 0 to 255, got '${value ?? ''}'`);
    return;
  }
  expectOf(command).exitCode = code;
}

function readPattern(
  source: SourceFile,
  node: Code,
  command: Command,
  key: string,
  value: string | undefined,
): void {
  if (value === undefined || value === '') {
    report(source, 'error', node, `${key}: expected a regular expression, e.g. ${key}="ok"`);
    return;
  }
  try {
    new RegExp(value);
  } catch (error) {
    report(source, 'error', node, `${key}: not a valid regular expression: ${(error as Error).message}`);
    return;
  }
  const expect = expectOf(command);
  (key === 'expect-output' ? expect.outputMatches : expect.outputNotMatches).push(value);
}

/**
 * The info string after the language, as written. CommonMark (4.5) applies backslash escapes to
 * info strings, so the parsed `meta` of `expect-output="a\"b"` is `expect-output="a"b"` and a
 * regex's `\\` is halved: the attribute syntax has its own escapes and must read the raw text.
 */
function rawMeta(source: SourceFile, node: Code): string | undefined {
  const opening = sliceOf(source, node).split('\n', 1)[0] ?? '';
  const match = /^[ \t]*(?:`{3,}|~{3,})[ \t]*\S*[ \t]*(.*)$/.exec(opening);
  return match?.[1]?.trimEnd();
}
