import type { Command, Phase, Runbook, Step } from '../../../shared/runbook/index';

/** Immutable edits of a runbook model for the structured editor: each returns a new runbook. */
export function editPhase(runbook: Runbook, phaseIndex: number, edit: (phase: Phase) => Phase): Runbook {
  return {
    ...runbook,
    phases: runbook.phases.map((phase, index) => (index === phaseIndex ? edit(phase) : phase)),
  };
}

export function editStep(
  runbook: Runbook,
  phaseIndex: number,
  stepIndex: number,
  edit: (step: Step) => Step,
): Runbook {
  return editPhase(runbook, phaseIndex, (phase) => ({
    ...phase,
    steps: phase.steps.map((step, index) => (index === stepIndex ? edit(step) : step)),
  }));
}

export function editCommand(step: Step, commandIndex: number, edit: (command: Command) => Command): Step {
  return {
    ...step,
    commands: step.commands.map((command, index) => (index === commandIndex ? edit(command) : command)),
  };
}

export function withoutIndex<T>(items: readonly T[], removed: number): T[] {
  return items.filter((_, index) => index !== removed);
}

/** A new, empty step with an id no other step of the runbook has. */
export function newStep(runbook: Runbook): Step {
  const taken = new Set(runbook.phases.flatMap((phase) => phase.steps.map((step) => step.id)));
  let number = 1;
  while (taken.has(`new-step-${number}`)) number += 1;
  return {
    id: `new-step-${number}`,
    title: 'New step',
    kind: 'instruction',
    text: '',
    commands: [],
    destructive: false,
    optional: false,
    warnings: [],
    alternatives: [],
  };
}

export function newCommand(): Command {
  return { language: 'bash', text: '', run: true, setE: false, poll: false, mayFail: false };
}

export function newPhase(): Phase {
  return { title: 'New phase', window: 'inside', text: '', steps: [] };
}
