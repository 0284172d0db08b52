import type { Environment, RunMode, RunPlan } from '../../../shared/contract/index';
import type { Runbook, RunbookVariable } from '../../../shared/runbook/index';
import { stepSeconds } from './estimates';
import { secretMask, substitute } from './variables';

export interface PlanInput {
  runbookId: string;
  revision: number;
  runbook: Runbook;
  environment: Environment;
  mode: RunMode;
}

/**
 * What a run of this revision in this environment would do: phases and steps in order, which are
 * destructive, which fall inside the maintenance window (their phase says `inside`), and when each
 * is expected to begin if the run starts now and every step takes its estimate (runbook's own, or
 * the default for its kind: see estimates.ts).
 */
export function buildPlan(input: PlanInput): RunPlan {
  const { runbook, environment } = input;
  const shown = shownValues(runbook.variables, environment);
  let offset = 0;
  let windowSeconds = 0;
  let destructiveCount = 0;
  const phases = runbook.phases.map((phase) => {
    const steps = phase.steps.map((step) => {
      const estimatedSeconds = stepSeconds(step);
      const planned = {
        key: step.id,
        title: step.title,
        kind: step.kind,
        destructive: step.destructive,
        optional: step.optional,
        insideWindow: phase.window === 'inside',
        estimatedSeconds,
        offsetSeconds: offset,
        commands: step.commands.map((command) => substitute(command.text, shown)),
      };
      offset += estimatedSeconds;
      if (planned.insideWindow) windowSeconds += estimatedSeconds;
      if (step.destructive) destructiveCount += 1;
      return planned;
    });
    const estimatedSeconds = steps.reduce((sum, step) => sum + step.estimatedSeconds, 0);
    return { title: phase.title, window: phase.window, estimatedSeconds, steps };
  });
  return {
    runbookId: input.runbookId,
    revision: input.revision,
    runbookTitle: runbook.title,
    phases,
    variables: runbook.variables.map((variable) => planVariable(variable, environment)),
    totalSeconds: offset,
    windowSeconds,
    destructiveCount,
    problems: startProblems(input.mode, environment),
  };
}

/** Secret here: flagged in the runbook, or named secret by the environment. */
export function isSecret(variable: RunbookVariable, environment: Pick<Environment, 'secretNames'>): boolean {
  return variable.secret || environment.secretNames.includes(variable.name);
}

/** Why a start would be refused whatever the operator fills in. */
export function startProblems(mode: RunMode, environment: Environment): string[] {
  return mode === 'practice' && environment.kind === 'production'
    ? [
        `practice runs are not allowed on the production environment ${environment.name}; use a test or training environment`,
      ]
    : [];
}

function planVariable(variable: RunbookVariable, environment: Environment): RunPlan['variables'][number] {
  const secret = isSecret(variable, environment);
  return {
    name: variable.name,
    description: variable.description,
    secret,
    value: secret ? null : (environment.variables[variable.name] ?? variable.default ?? null),
    remembered: secret && environment.rememberedSecrets.includes(variable.name),
  };
}

/** Values known before the start, as shown: secrets are the mask; unknown ones stay `{{name}}`. */
function shownValues(
  variables: readonly RunbookVariable[],
  environment: Environment,
): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const variable of variables) {
    if (isSecret(variable, environment)) shown[variable.name] = secretMask;
    else {
      const value = environment.variables[variable.name] ?? variable.default;
      if (value !== undefined) shown[variable.name] = value;
    }
  }
  return shown;
}
