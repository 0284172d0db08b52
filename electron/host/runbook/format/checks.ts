import type { Command, Runbook, Step, SubStep } from '../../../../shared/runbook/index';
import { report, type SourceFile } from './source';
import { checkShellState } from './shell-state';
import { IdAllocator } from './slug';

/** `{{name}}` in a runnable command: a runbook variable, filled in when the run starts. */
export const variableReference = /\{\{\s*([A-Za-z_][A-Za-z0-9_]{0,63})\s*\}\}/g;
/** Inside a rolling step the current host is always available. */
const builtInRollingVariables = new Set(['host']);

/**
 * The checks that need the whole runbook: ids, empty headings, kinds and their fields, variables,
 * and (for `shell: isolated`) state one step leaves for the next.
 */
export function checkRunbook(source: SourceFile, runbook: Runbook): void {
  const ids = new IdAllocator();
  const declared = new Set(runbook.variables.map((v) => v.name));
  const allSteps = runbook.phases.flatMap((phase) =>
    phase.steps.flatMap((step) => [step, ...(step.rolling?.steps ?? [])]),
  );
  for (const step of allSteps) {
    if (step.id !== '' && !ids.reserve(step.id))
      report(source, 'error', step.source, `step id '${step.id}' is used twice`);
  }
  for (const phase of runbook.phases) {
    if (phase.steps.length === 0) {
      report(
        source,
        'error',
        phase.source,
        `the phase '${phase.title}' has no steps: add ### step headings under it`,
      );
    }
    for (const step of phase.steps) {
      checkStep(source, step, ids, declared);
      if (step.rolling === undefined) continue;
      if (step.rolling.group === '')
        report(source, 'error', step.source, `rolling step '${step.title}' needs group=<inventory group>`);
      if (step.rolling.steps.length === 0) {
        report(
          source,
          'error',
          step.source,
          `rolling step '${step.title}' has no sub-steps: add #### headings under it`,
        );
      }
      checkRollingPolicy(source, step);
      const inner = new Set([...declared, ...builtInRollingVariables]);
      for (const sub of step.rolling.steps) checkStep(source, sub, ids, inner);
    }
  }
  checkShellState(source, runbook);
}

/** Order attributes that contradict each other (the planner would refuse them at run time). */
function checkRollingPolicy(source: SourceFile, step: Step): void {
  const rolling = step.rolling!;
  if (rolling.canary !== undefined && rolling.order !== 'canary-first')
    report(source, 'error', step.source, `canary=${rolling.canary} needs order=canary-first`);
  if (rolling.canary !== undefined && rolling.canary === rolling.lastHost)
    report(source, 'error', step.source, `${rolling.canary} cannot be both the canary and the last host`);
  if (rolling.vipVariable !== undefined && !rolling.vipHolderLast)
    report(source, 'warning', step.source, `vip-var=${rolling.vipVariable} has no effect without vip-last`);
}

function checkStep(source: SourceFile, step: Step | SubStep, ids: IdAllocator, declared: Set<string>): void {
  if (step.id === '') {
    step.id = ids.fresh(step.title);
    report(
      source,
      'warning',
      step.source,
      `step '${step.title}' has no id; using {#${step.id}} (write it into the heading to keep it stable)`,
    );
  }
  const runnable = step.commands.filter((c) => c.run);
  if (
    (step.kind === 'command' || step.kind === 'backup') &&
    runnable.length === 0 &&
    step.alternatives.length === 0
  ) {
    report(
      source,
      'error',
      step.source,
      `step '${step.title}' is kind=${step.kind} but has no runnable code block`,
    );
  }
  if (step.kind === 'wait' && step.wait?.seconds === undefined && !step.commands.some((c) => c.poll)) {
    report(
      source,
      'error',
      step.source,
      `wait step '${step.title}' needs wait=<duration> or a code block marked poll`,
    );
  }
  if (step.kind === 'rolling' && !('rolling' in step)) {
    report(source, 'error', step.source, `only a ### step can be rolling`);
  }
  const commands = [...step.commands, ...step.alternatives.flatMap((a) => a.commands)];
  for (const command of commands) checkCommand(source, step, command, declared);
}

function checkCommand(
  source: SourceFile,
  step: Step | SubStep,
  command: Command,
  declared: Set<string>,
): void {
  if (!command.run) return;
  if (!command.setE && /^\s*set\s+-[a-z]*e/m.test(command.text)) {
    report(
      source,
      'warning',
      command.source,
      `step '${step.title}': this block uses set -e; mark it set-e so the runner keeps the shell open`,
    );
  }
  const lines = command.text.split('\n');
  lines.forEach((line, index) => {
    for (const match of line.matchAll(variableReference)) {
      const name = match[1]!;
      if (declared.has(name)) continue;
      // The block's text starts on the line after its opening fence.
      const at = { line: (command.source?.line ?? 0) + 1 + index, column: (match.index ?? 0) + 1 };
      report(
        source,
        'error',
        at,
        `variable '${name}' is used but not declared in the front matter's variables`,
      );
    }
  });
}
