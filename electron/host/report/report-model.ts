import {
  isHostStepKey,
  type Attempt,
  type Deviation,
  type Note,
  type ReviewEntry,
  type RunDetail,
  type RunEvent,
  type RunTally,
  type StepState,
} from '../../../shared/contract/index';
import { tallySteps } from '../../../shared/run/index';
import { deviationsOf } from './deviations';
import { reportReview, type ReportReview } from './report-review';
import { reportApproval, type ReportApproval } from './report-approval';
import { rollingReport, type ReportRolling } from './report-rolling';

export type { Deviation };

/**
 * One model for the four report forms (HTML, PDF, Markdown, JSON): what happened in a run, with
 * deviations from the runbook spelt out. Everything here is plain data taken from the run's
 * derived state and its event log; the renderers only format it.
 */
export interface ReportModel {
  title: string;
  runId: string;
  runbook: { id: string; title: string; revision: number };
  environment: { name: string; kind: string; colour: string };
  mode: string;
  status: string;
  operators: { name: string; from: string }[];
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number;
  pausedSeconds: number;
  /** The one count (shared/run/step-tally.ts): runbook steps and host steps apart. */
  counts: RunTally;
  phases: ReportPhase[];
  deviations: Deviation[];
  signoffs: ReportSignoff[];
  /** The mentor review, when the run has one (absent otherwise, so earlier reports render the same). */
  review?: ReportReview;
  /** Approval before change (report-approval.ts), when the run needed one. */
  approval?: ReportApproval;
  eventCount: number;
  headHash: string;
  generatedAt: string;
}

export interface ReportPhase {
  title: string;
  window: string;
  plannedSeconds: number;
  plannedOffsetSeconds: number;
  /** Seconds from the run's start to the first step start / last step end in the phase. */
  actualStartSeconds: number | null;
  actualEndSeconds: number | null;
  steps: ReportStep[];
}

export interface ReportStep {
  key: string;
  title: string;
  kind: string;
  status: string;
  destructive: boolean;
  startedAt: string | null;
  endedAt: string | null;
  attempts: Attempt[];
  skipReason: string | null;
  failReason: string | null;
  unknownReason: string | null;
  evidence: StepState['evidence'];
  backups: StepState['backups'];
  signoff: StepState['signoff'];
  notes: Note[];
  edited: boolean;
  /** Rolling steps: the per-host table (the host steps are not listed as steps). */
  rolling?: ReportRolling;
  /** Rolling steps with hosts skipped or failed: says so beside the status (`1 of 3 hosts skipped`). */
  hostsNote?: string;
}

export interface ReportSignoff {
  name: string;
  role: string;
  at: string;
  /** `gate` (a gate step's sign-off), `final` (the end of the run) or `countersign`. */
  kind: string;
  stepKey: string | null;
  /** SHA256:… of the signing key, when signed with a key. */
  fingerprint: string | null;
  signed: boolean;
}

export interface ReportInput {
  detail: RunDetail;
  events: readonly RunEvent[];
  signoffs?: readonly ReportSignoff[];
  review?: readonly ReviewEntry[];
  now?: Date;
}

export function buildReportModel(input: ReportInput): ReportModel {
  const { run } = input.detail;
  const start = Date.parse(run.createdAt);
  const end = run.endedAt === null ? (input.now ?? new Date()).getTime() : Date.parse(run.endedAt);
  const stepsByPhase = groupSteps(input.detail);
  let offset = 0;
  const phases = run.phases.map((phase, index) => {
    const steps = (stepsByPhase.get(index) ?? []).map((step) => ({
      ...reportStep(step, input.detail.notes),
      ...rollingReport(step, input.detail),
    }));
    const reportPhase: ReportPhase = {
      title: phase.title,
      window: phase.window,
      plannedSeconds: phase.estimatedSeconds,
      plannedOffsetSeconds: offset,
      ...actualSpan(steps, start),
      steps,
    };
    offset += phase.estimatedSeconds;
    return reportPhase;
  });
  return {
    title: `${run.runbookTitle} — ${run.environment.name}`,
    runId: run.id,
    runbook: { id: run.runbookId, title: run.runbookTitle, revision: run.revision },
    environment: { name: run.environment.name, kind: run.environment.kind, colour: run.environment.colour },
    mode: run.mode,
    status: run.status,
    operators: run.operators,
    startedAt: run.createdAt,
    endedAt: run.endedAt,
    durationSeconds: Math.max(0, (end - start) / 1000),
    pausedSeconds: run.pausedSeconds,
    counts: tallySteps(input.detail.steps),
    phases,
    deviations: deviationsOf(input.detail.steps, input.events),
    signoffs: [...(input.signoffs ?? gateSignoffs(input.detail))],
    ...reviewPart(input),
    ...reportApproval(run),
    eventCount: run.eventCount,
    headHash: run.headHash,
    generatedAt: (input.now ?? new Date()).toISOString(),
  };
}

function reviewPart(input: ReportInput): { review?: ReportReview } {
  const review = reportReview(input.review ?? [], input.detail);
  return review === undefined ? {} : { review };
}

function groupSteps(detail: RunDetail): Map<number, StepState[]> {
  const byPhase = new Map<number, StepState[]>();
  for (const step of detail.steps) {
    if (isHostStepKey(step.key)) continue;
    const list = byPhase.get(step.phaseIndex) ?? [];
    list.push(step);
    byPhase.set(step.phaseIndex, list);
  }
  return byPhase;
}

function reportStep(step: StepState, notes: readonly Note[]): ReportStep {
  return {
    key: step.key,
    title: step.title,
    kind: step.kind,
    status: step.status,
    destructive: step.destructive,
    startedAt: step.startedAt,
    endedAt: step.endedAt,
    attempts: step.attempts,
    skipReason: step.skipReason,
    failReason: step.failReason,
    unknownReason: step.unknownReason,
    evidence: step.evidence,
    backups: step.backups,
    signoff: step.signoff,
    notes: notes.filter((note) => note.stepKey === step.key),
    edited: step.commands.some((command) => command.edited),
  };
}

function actualSpan(
  steps: readonly ReportStep[],
  runStart: number,
): { actualStartSeconds: number | null; actualEndSeconds: number | null } {
  const starts = steps.flatMap((step) => (step.startedAt === null ? [] : [Date.parse(step.startedAt)]));
  const ends = steps.flatMap((step) => (step.endedAt === null ? [] : [Date.parse(step.endedAt)]));
  const first = starts.length === 0 ? null : Math.min(...starts);
  const last = ends.length === 0 ? null : Math.max(...ends);
  return {
    actualStartSeconds: first === null ? null : Math.max(0, (first - runStart) / 1000),
    actualEndSeconds: last === null ? null : Math.max(0, (last - runStart) / 1000),
  };
}

function gateSignoffs(detail: RunDetail): ReportSignoff[] {
  return detail.steps.flatMap((step) =>
    step.signoff === null
      ? []
      : [{ ...step.signoff, kind: 'gate', stepKey: step.key, fingerprint: null, signed: false }],
  );
}
