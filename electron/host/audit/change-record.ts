import { isHostStepKey, type RunEvent, type StepState } from '../../../shared/contract/index';
import { runTallyLines } from '../../../shared/run/index';
import { reportModelOf } from '../report/report-documents';
import type { RunBundle } from '../report/run-bundle';

/** Raised whenever a field is added, removed or read from somewhere else (docs/audit-exports.md). */
export const changeRecordFormat = 'handrail-change-record/1';

/**
 * A finished run as a change request, with the field names ServiceNow's change_request table uses
 * (and other ITSM tools import): number, short_description, type, risk, assignment_group,
 * assigned_to, start_date/end_date (planned), work_start/work_end (actual), implementation_plan,
 * backout_plan, test_plan, test_results, close_code, close_notes. A field Handrail cannot know
 * (the ticket's number, its type, risk, group, planned window, backout plan) is null: the record
 * is pasted into a ticket that has them, and a guess there would read as a fact.
 */
export interface ChangeRecord {
  format: typeof changeRecordFormat;
  number: null;
  /** The run's id: what ServiceNow's correlation fields hold for a record made by another tool. */
  correlation_id: string;
  correlation_display: 'Handrail';
  short_description: string;
  description: string;
  type: null;
  risk: null;
  impact: null;
  /** The environment the run changed: the configuration item, by the name Handrail knows it by. */
  cmdb_ci: string;
  assignment_group: null;
  assigned_to: string;
  start_date: null;
  end_date: null;
  work_start: string;
  work_end: string | null;
  implementation_plan: string;
  backout_plan: null;
  test_plan: string | null;
  test_results: string | null;
  close_code: 'successful' | 'successful_issues' | 'unsuccessful' | null;
  close_notes: string;
  /** What has no change-request field: the log's head, the deviations and sign-offs as data. */
  handrail: {
    runId: string;
    runbook: { id: string; title: string; revision: number };
    environment: { name: string; kind: string };
    mode: string;
    status: string;
    operators: Array<{ name: string; from: string }>;
    eventCount: number;
    headHash: string;
    deviations: Array<{
      stepKey: string | null;
      stepTitle: string;
      kind: string;
      at: string | null;
      detail: string;
    }>;
    signoffs: Array<{
      kind: string;
      stepKey: string | null;
      name: string;
      role: string;
      at: string;
      fingerprint: string | null;
    }>;
  };
}

export function changeRecordOf(bundle: RunBundle): ChangeRecord {
  const { run } = bundle.run;
  // A rolling step's host copies are counted apart (shared/run/step-tally.ts), not planned apart.
  const steps = bundle.run.steps.filter((step) => !isHostStepKey(step.key));
  const model = reportModelOf(bundle);
  const finished = lastOfTypes(bundle.events, ['run.finished', 'run.aborted']);
  const created = bundle.events.find((event) => event.type === 'run.created');
  const checks = steps.filter((step) => step.kind === 'check');
  const signoffs = model.signoffs.map((signoff) => ({
    kind: signoff.kind,
    stepKey: signoff.stepKey,
    name: signoff.name,
    role: signoff.role,
    at: signoff.at,
    fingerprint: signoff.fingerprint,
  }));
  return {
    format: changeRecordFormat,
    number: null,
    correlation_id: run.id,
    correlation_display: 'Handrail',
    short_description: `${run.runbookTitle} (revision ${run.revision}) on ${run.environment.name}`,
    description: [
      `Runbook "${run.runbookTitle}" revision ${run.revision} (${run.runbookId}),`,
      `run ${run.id} in ${run.mode} mode on ${run.environment.name} (${run.environment.kind}).`,
    ].join(' '),
    type: null,
    risk: null,
    impact: null,
    cmdb_ci: run.environment.name,
    assignment_group: null,
    assigned_to: run.operator,
    start_date: null,
    end_date: null,
    work_start: created?.at ?? run.createdAt,
    work_end: finished?.at ?? null,
    implementation_plan: implementationPlan(run.phases, steps),
    backout_plan: null,
    test_plan: checks.length === 0 ? null : checks.map((step) => `- ${step.title}`).join('\n'),
    test_results: checks.length === 0 ? null : checks.map(checkResult).join('\n'),
    close_code: closeCode(run.status, model.deviations.length),
    close_notes: [
      `Run ${run.status}.`,
      ...runTallyLines(model.counts),
      model.deviations.length === 0
        ? 'Deviations: none.'
        : `Deviations (${model.deviations.length}):\n${model.deviations.map((d) => `- ${d.stepTitle}: ${d.detail}`).join('\n')}`,
      signoffs.length === 0
        ? 'Sign-offs: none.'
        : `Sign-offs:\n${signoffs.map((s) => `- ${s.kind}: ${s.name}${s.role === '' ? '' : ` (${s.role})`}, ${s.at}`).join('\n')}`,
      `Event log: ${run.eventCount} events, head ${run.headHash}.`,
    ].join('\n'),
    handrail: {
      runId: run.id,
      runbook: { id: run.runbookId, title: run.runbookTitle, revision: run.revision },
      environment: { name: run.environment.name, kind: run.environment.kind },
      mode: run.mode,
      status: run.status,
      operators: run.operators,
      eventCount: run.eventCount,
      headHash: run.headHash,
      deviations: model.deviations,
      signoffs,
    },
  };
}

/**
 * ServiceNow's close codes. Only a finished run has one: completed with no deviation is
 * successful, completed with any is successful with issues, aborted is unsuccessful.
 */
function closeCode(status: string, deviations: number): ChangeRecord['close_code'] {
  if (status === 'aborted') return 'unsuccessful';
  if (status !== 'completed') return null;
  return deviations === 0 ? 'successful' : 'successful_issues';
}

/** The runbook's phases and steps in order, as the run pinned them. */
function implementationPlan(phases: RunBundle['run']['run']['phases'], steps: readonly StepState[]): string {
  const lines: string[] = [];
  phases.forEach((phase, index) => {
    lines.push(`${index + 1}. ${phase.title} (${phase.window} the change window)`);
    for (const step of steps.filter((candidate) => candidate.phaseIndex === index))
      lines.push(`   - ${step.title} [${step.kind}]`);
  });
  return lines.join('\n');
}

function checkResult(step: StepState): string {
  const evidence = step.evidence.length === 0 ? '' : `, ${step.evidence.length} evidence item(s)`;
  return `- ${step.title}: ${step.status}${evidence}`;
}

function lastOfTypes(events: readonly RunEvent[], types: readonly string[]): RunEvent | undefined {
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const event = events[index] as RunEvent;
    if (types.includes(event.type)) return event;
  }
  return undefined;
}
