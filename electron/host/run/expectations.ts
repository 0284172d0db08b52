import type { Expectations } from '../../../shared/runbook/index';

/** One shell command of a block, as the runner reported it. */
export interface PartResult {
  text: string;
  exitCode: number | null;
  outcome: 'finished' | 'unknown' | 'running';
}

/**
 * Whether one shell command of a block passed: every command must exit 0, the block's last one
 * `expect.exitCode` (0 when not given), unless the block may fail. Returns why not.
 */
export function partProblem(
  part: PartResult,
  index: number,
  planned: number,
  expect: Expectations | undefined,
  mayFail: boolean,
): string | undefined {
  const which = planned > 1 ? ` (command ${index + 1} of ${planned})` : '';
  const named = `\`${shortCommand(part.text)}\`${which}`;
  if (part.outcome !== 'finished') return `${named}: its end was not seen`;
  if (mayFail) return undefined;
  const wanted = index === planned - 1 ? (expect?.exitCode ?? 0) : 0;
  if (part.exitCode === null) return `${named}: the shell reported no exit code`;
  if (part.exitCode !== wanted) return `${named} exited ${part.exitCode}, expected ${wanted}`;
  return undefined;
}

/** A command as a problem names it: its first line, at most 80 characters. */
function shortCommand(text: string): string {
  const first = text.split('\n')[0] ?? '';
  const cut = first.length > 80 ? `${first.slice(0, 79)}…` : first;
  return text.includes('\n') ? `${cut} …` : cut;
}

/**
 * Judges a whole block: each command ran (partProblem), none was left out, and the output holds
 * the block's patterns (judge). Returns every reason it failed; empty when it passed.
 */
export function judgeBlock(
  parts: readonly PartResult[],
  planned: number,
  output: string,
  expect: Expectations | undefined,
  mayFail: boolean,
): string[] {
  const problems: string[] = [];
  for (const [index, part] of parts.entries()) {
    const problem = partProblem(part, index, planned, expect, mayFail);
    if (problem !== undefined) problems.push(problem);
  }
  if (parts.length === 0)
    problems.push("the shell ran none of its commands: is Handrail's shell integration loaded?");
  else if (problems.length === 0 && parts.length < planned)
    problems.push(`the shell stopped after command ${parts.length} of ${planned}`);
  return [...problems, ...judgeOutput(output, expect)];
}

/**
 * The output (masked, escape sequences removed) must match every outputMatches pattern and none
 * of outputNotMatches: JavaScript regular expressions, multiline so `^`/`$` work per line.
 */
function judgeOutput(output: string, expect: Expectations | undefined): string[] {
  const problems: string[] = [];
  for (const pattern of expect?.outputMatches ?? []) {
    const regex = compile(pattern, problems);
    if (regex !== undefined && !regex.test(output)) problems.push(`the output does not match /${pattern}/`);
  }
  for (const pattern of expect?.outputNotMatches ?? []) {
    const regex = compile(pattern, problems);
    if (regex !== undefined && regex.test(output))
      problems.push(`the output matches /${pattern}/, which it must not`);
  }
  return problems;
}

function compile(pattern: string, problems: string[]): RegExp | undefined {
  try {
    return new RegExp(pattern, 'm');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    problems.push(`/${pattern}/ is not a valid regular expression (${reason})`);
    return undefined;
  }
}
