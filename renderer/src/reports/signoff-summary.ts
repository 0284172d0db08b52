import type { Deviation, RunDetail, StepStatus } from '../../../shared/contract/index';

/** A step the signer must know about, with the reason the run recorded. */
export interface SummaryStep {
  key: string;
  title: string;
  reason: string;
}

/**
 * What a signer reads before signing: how many steps are done, which failed, were skipped or have
 * an unknown outcome (each with its reason), what is still open, and the other deviations the
 * report lists (edits, overrides, waits cut short, variables changed).
 */
export interface SignoffSummary {
  total: number;
  done: number;
  failed: SummaryStep[];
  skipped: SummaryStep[];
  unknown: SummaryStep[];
  open: number;
  deviations: Deviation[];
}

/** Deviations already shown as failed, skipped or unknown steps are not listed twice. */
const stepStatusKinds = new Set<Deviation['kind']>(['failed', 'skipped', 'unknown']);

export function signoffSummary(detail: RunDetail, deviations: readonly Deviation[]): SignoffSummary {
  const withStatus = (status: StepStatus, reason: (step: RunDetail['steps'][number]) => string | null) =>
    detail.steps
      .filter((step) => step.status === status)
      .map((step) => ({ key: step.key, title: step.title, reason: reason(step) ?? 'no reason recorded' }));
  return {
    total: detail.steps.length,
    done: detail.steps.filter((step) => step.status === 'succeeded').length,
    failed: withStatus('failed', (step) => step.failReason),
    skipped: withStatus('skipped', (step) => step.skipReason),
    unknown: withStatus('unknown', (step) => step.unknownReason),
    open: detail.steps.filter((step) => step.status === 'pending' || step.status === 'running').length,
    deviations: deviations.filter((deviation) => !stepStatusKinds.has(deviation.kind)),
  };
}
