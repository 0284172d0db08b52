import { canonicalJson } from '../../../shared/canonical-json';
import type {
  ComparedStep,
  ComparisonRow,
  ReferenceCandidate,
  RunComparison,
  RunDetail,
  StepState,
} from '../../../shared/contract/index';
import type { Runbook, Step, SubStep } from '../../../shared/runbook/index';

/** One side of a comparison: the run as its summary, its state and its pinned revision. */
export interface ComparedRun {
  candidate: ReferenceCandidate;
  detail: RunDetail;
  runbook: Runbook;
}

/** How many of the largest time differences the comparison names. */
const biggestCount = 5;

/**
 * A run beside a reference run of the same runbook, step by step. Steps are matched by their
 * stable ids (the run's step keys), so two revisions line up wherever they share a step; a step
 * only in the run's revision is `added`, one only in the reference's is `removed` and is placed
 * after the nearest step before it that both have, so the rows read in the runbook's order.
 */
export function compareRuns(run: ComparedRun, reference: ComparedRun): RunComparison {
  const ours = new Map(run.detail.steps.map((step) => [step.key, step]));
  const theirs = new Map(reference.detail.steps.map((step) => [step.key, step]));
  const ourDefinitions = definitions(run.runbook);
  const theirDefinitions = definitions(reference.runbook);
  const removedAfter = removedByAnchor(reference.detail.steps, ours);
  const rows: ComparisonRow[] = [...(removedAfter.get(null) ?? []).map(removedRow)];
  for (const step of run.detail.steps) {
    const other = theirs.get(step.key);
    rows.push(
      other === undefined
        ? {
            key: step.key,
            title: step.title,
            presence: 'added',
            changed: false,
            run: side(step, run.detail),
            reference: null,
            deltaSeconds: null,
          }
        : matchedRow(step, other),
    );
    rows.push(...(removedAfter.get(step.key) ?? []).map(removedRow));
  }
  return {
    run: run.candidate,
    reference: reference.candidate,
    rows,
    totals: { run: totals(run.detail), reference: totals(reference.detail) },
    biggestTimeDifferences: rows
      .filter((row) => row.deltaSeconds !== null && row.deltaSeconds !== 0)
      .sort((a, b) => Math.abs(b.deltaSeconds ?? 0) - Math.abs(a.deltaSeconds ?? 0))
      .slice(0, biggestCount)
      .map((row) => ({
        key: row.key,
        title: row.title,
        runSeconds: row.run?.durationSeconds ?? 0,
        referenceSeconds: row.reference?.durationSeconds ?? 0,
        deltaSeconds: row.deltaSeconds ?? 0,
      })),
  };

  function matchedRow(step: StepState, other: StepState): ComparisonRow {
    const mine = side(step, run.detail);
    const yours = side(other, reference.detail);
    const delta =
      mine.durationSeconds === null || yours.durationSeconds === null
        ? null
        : mine.durationSeconds - yours.durationSeconds;
    const before = theirDefinitions.get(definitionId(step.key));
    const after = ourDefinitions.get(definitionId(step.key));
    return {
      key: step.key,
      title: step.title,
      presence: 'both',
      changed: before !== undefined && after !== undefined && before !== after,
      run: mine,
      reference: yours,
      deltaSeconds: delta,
    };
  }

  function removedRow(step: StepState): ComparisonRow {
    return {
      key: step.key,
      title: step.title,
      presence: 'removed',
      changed: false,
      run: null,
      reference: side(step, reference.detail),
      deltaSeconds: null,
    };
  }
}

/** Reference-only steps, grouped by the last step before them that the run also has (null: none). */
function removedByAnchor(
  referenceSteps: readonly StepState[],
  ours: ReadonlyMap<string, StepState>,
): Map<string | null, StepState[]> {
  const groups = new Map<string | null, StepState[]>();
  let anchor: string | null = null;
  for (const step of referenceSteps) {
    if (ours.has(step.key)) {
      anchor = step.key;
      continue;
    }
    const group = groups.get(anchor) ?? [];
    group.push(step);
    groups.set(anchor, group);
  }
  return groups;
}

function side(step: StepState, detail: RunDetail): ComparedStep {
  return {
    status: step.status,
    attempts: step.attempts.length,
    durationSeconds: stepSeconds(step),
    skipped: step.status === 'skipped',
    skipReason: step.status === 'skipped' ? step.skipReason : null,
    commandsEdited: step.commands.filter((command) => command.edited).length,
    notes: detail.notes.filter((note) => note.stepKey === step.key).map((note) => note.text),
  };
}

function stepSeconds(step: StepState): number | null {
  if (step.startedAt === null || step.endedAt === null) return null;
  return Math.max(0, (Date.parse(step.endedAt) - Date.parse(step.startedAt)) / 1000);
}

function totals(detail: RunDetail): RunComparison['totals']['run'] {
  const { run, steps } = detail;
  const end = run.endedAt === null ? Date.now() : Date.parse(run.endedAt);
  return {
    durationSeconds: Math.max(0, (end - Date.parse(run.createdAt)) / 1000),
    pausedSeconds: run.pausedSeconds,
    stepSeconds: steps.reduce((sum, step) => sum + (stepSeconds(step) ?? 0), 0),
    counts: run.counts,
    attempts: steps.reduce((sum, step) => sum + step.attempts.length, 0),
    commandsEdited: steps.reduce(
      (sum, step) => sum + step.commands.filter((command) => command.edited).length,
      0,
    ),
    notes: detail.notes.length,
  };
}

/** A rolling host's sub-step (`<step>@<host>/<sub>`) is defined by its sub-step id. */
function definitionId(key: string): string {
  return /^[^@]+@[^/]+\/(.+)$/.exec(key)?.[1] ?? key;
}

/** Each step's definition by id, as comparable text (source positions left out: lines move). */
function definitions(runbook: Runbook): Map<string, string> {
  const byId = new Map<string, string>();
  const add = (step: Step | SubStep) =>
    byId.set(
      step.id,
      // Through JSON first: a parsed model may hold undefined fields, which canonical JSON refuses.
      canonicalJson(
        JSON.parse(
          JSON.stringify({
            title: step.title,
            kind: step.kind,
            text: step.text,
            destructive: step.destructive,
            commands: step.commands.map((command) => ({
              text: command.text,
              run: command.run,
              expect: command.expect ?? null,
              expectedOutput: command.expectedOutput ?? null,
            })),
          }),
        ) as unknown as Parameters<typeof canonicalJson>[0],
      ),
    );
  for (const phase of runbook.phases)
    for (const step of phase.steps) {
      add(step);
      for (const sub of step.rolling?.steps ?? []) add(sub);
    }
  return byId;
}
