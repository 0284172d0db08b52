import type { RunTally, StepTally } from '../contract/runs';
import type { HostTally } from './host-outcome';

/**
 * The tally in words, the same sentence on every screen and in every report (so a reader, or a
 * test, can compare them as text): `3 of 5 steps done · 1 failed · 1 skipped · 0 outcome unknown
 * · 0 not finished`. Every figure is always there, zeros too: a signer reads "0 failed", not a gap.
 */
export function tallyLine(tally: StepTally, noun = 'steps'): string {
  return [
    `${tally.done} of ${tally.total} ${noun} done`,
    `${tally.failed} failed`,
    `${tally.skipped} skipped`,
    `${tally.unknown} outcome unknown`,
    `${tally.open} not finished`,
  ].join(' · ');
}

/** The runbook's steps, then the host steps when the run has any. */
export function runTallyLines(tally: RunTally): string[] {
  return tally.hostSteps.total === 0
    ? [tallyLine(tally.steps)]
    : [tallyLine(tally.steps), tallyLine(tally.hostSteps, 'host steps')];
}

/**
 * What a rolling step's row says beside its status when not every host went through: `1 of 3
 * hosts skipped · 1 failed`. Null when no host was skipped or failed, so a plain ✓ means what it says.
 */
export function rollingHostNote(hosts: HostTally): string | null {
  if (hosts.skipped === 0 && hosts.failed === 0) return null;
  const total = hosts.updated + hosts.failed + hosts.skipped + hosts.remaining;
  const parts = [
    hosts.skipped > 0 ? `${hosts.skipped} of ${total} hosts skipped` : '',
    hosts.failed > 0 ? `${hosts.failed} of ${total} hosts failed` : '',
  ];
  return parts.filter((part) => part !== '').join(' · ');
}
