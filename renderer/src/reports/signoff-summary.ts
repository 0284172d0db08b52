import type { Deviation, RunDetail, RunTally } from '../../../shared/contract/index';
import { tallySteps } from '../../../shared/run/index';

/** One group of deviations the signer reads, under its heading. */
export interface DeviationGroup {
  label: string;
  items: Deviation[];
}

/**
 * What a signer reads before signing: the run's one count (the same sentence as the header, the
 * runs list and the report) and every deviation the report lists, grouped by what happened.
 */
export interface SignoffSummary {
  tally: RunTally;
  groups: DeviationGroup[];
}

const groupOrder: Array<{ label: string; kinds: ReadonlyArray<Deviation['kind']> }> = [
  { label: 'Failed', kinds: ['failed'] },
  { label: 'Outcome unknown', kinds: ['unknown'] },
  { label: 'Skipped', kinds: ['skipped'] },
  { label: 'Hosts skipped', kinds: ['host-skipped'] },
  { label: 'Overrides', kinds: ['override', 'retried-after-unknown'] },
  { label: 'Commands edited', kinds: ['edited'] },
  { label: 'Waits cut short', kinds: ['wait-cut'] },
  { label: 'Run out of order', kinds: ['out-of-order'] },
  { label: 'Variables changed', kinds: ['variable-changed'] },
  { label: 'Transcript gaps', kinds: ['transcript-gap'] },
];

export function signoffSummary(detail: RunDetail, deviations: readonly Deviation[]): SignoffSummary {
  const groups = groupOrder.flatMap(({ label, kinds }) => {
    const items = deviations.filter((deviation) => kinds.includes(deviation.kind));
    return items.length === 0 ? [] : [{ label, items }];
  });
  return { tally: tallySteps(detail.steps), groups };
}
