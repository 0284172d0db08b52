import type { Diagnostic, Phase, Runbook } from '../../../../shared/runbook/index';
import { RunbookInputError } from '../errors';
import { readRunbook } from './parse';
import { serializeRunbook } from './serialize';

/**
 * Writes the runbook as a file and reads it back: every step whose text, commands or notes would
 * not come back the same (prose that reads as a heading or code once written, a fence inside a
 * note) is reported at its line. Findings are pushed onto `into` as warnings.
 */
export function checkRoundTrip(runbook: Runbook, file: string, into: Diagnostic[]): void {
  let again: Runbook | undefined;
  try {
    again = readRunbook(serializeRunbook(runbook), file).runbook;
  } catch (error) {
    if (!(error instanceof RunbookInputError)) throw error;
  }
  const at = (line: number | undefined, message: string) =>
    into.push({ severity: 'warning', message, file, line: line ?? 1, column: 1 });
  if (again === undefined) {
    at(1, 'the runbook cannot be written as a file and read back');
    return;
  }
  if (comparable(again.description) !== comparable(runbook.description) || again.title !== runbook.title)
    at(1, 'the title or description would not survive being written and read back');
  runbook.phases.forEach((phase, p) => comparePhase(phase, again!.phases[p], at));
  if (again.phases.length > runbook.phases.length)
    at(runbook.phases.at(-1)?.source?.line, 'text here would read back as a new phase');
}

function comparePhase(
  phase: Phase,
  back: Phase | undefined,
  at: (line: number | undefined, message: string) => void,
): void {
  if (back === undefined || comparable({ ...phase, steps: [] }) !== comparable({ ...back, steps: [] })) {
    at(phase.source?.line, `phase '${phase.title}' would not survive being written and read back`);
    return;
  }
  phase.steps.forEach((step, s) => {
    const other = back.steps[s];
    const field = other === undefined ? 'step' : differingField(step, other);
    if (field !== undefined)
      at(
        step.source?.line,
        `step '${step.title}' would not survive being written and read back (its ${field} would change)` +
          (field === 'text'
            ? ': lines that Markdown reads as headings, code or fences need escaping (\\#)'
            : ''),
      );
  });
  if (back.steps.length > phase.steps.length)
    at(phase.steps.at(-1)?.source?.line, 'text here would read back as a new step');
}

function differingField(step: object, other: object): string | undefined {
  const a = step as Record<string, unknown>;
  const b = other as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (key !== 'source' && comparable(a[key]) !== comparable(b[key])) return key;
  return undefined;
}

/** JSON without source positions (a written file renumbers them), keys in one order. */
function comparable(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (key === 'source') return undefined;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const record = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((k) => [k, record[k]]),
    );
  });
}
