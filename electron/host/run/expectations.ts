import type { Expectations } from '../../../shared/runbook/index';

export interface CommandResult {
  exitCode: number | null;
  /** Masked output without escape sequences. */
  output: string;
}

/**
 * Judges a command's result: the exit code must equal expect.exitCode (0 when not given), the
 * output must match every outputMatches pattern and none of outputNotMatches (JavaScript regular
 * expressions, multiline so `^`/`$` work per line). Returns why it failed; empty when it passed.
 */
export function judge(result: CommandResult, expect: Expectations | undefined): string[] {
  const problems: string[] = [];
  const wanted = expect?.exitCode ?? 0;
  if (result.exitCode === null) problems.push('the shell reported no exit code');
  else if (result.exitCode !== wanted) problems.push(`exit code ${result.exitCode}, expected ${wanted}`);
  for (const pattern of expect?.outputMatches ?? []) {
    const regex = compile(pattern, problems);
    if (regex !== undefined && !regex.test(result.output))
      problems.push(`the output does not match /${pattern}/`);
  }
  for (const pattern of expect?.outputNotMatches ?? []) {
    const regex = compile(pattern, problems);
    if (regex !== undefined && regex.test(result.output))
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
