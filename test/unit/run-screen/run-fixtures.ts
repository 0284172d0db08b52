import type { RunHeader, RunUpdate, StepState } from '../../../shared/contract/index';

/** A run header and steps as the host would send them, with only what a test changes spelt out. */
export function header(change: Partial<RunHeader> = {}): RunHeader {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    runbookId: '22222222-2222-4222-8222-222222222222',
    revision: 1,
    runbookTitle: 'Upgrade',
    environment: {
      id: '33333333-3333-4333-8333-333333333333',
      name: 'lab',
      kind: 'test',
      colour: '#2f855a',
      controlHost: { kind: 'local' },
    },
    mode: 'live',
    operator: 'Ada',
    operators: [{ name: 'Ada', from: '2025-01-01T00:00:00.000Z' }],
    status: 'active',
    createdAt: '2025-01-01T00:00:00.000Z',
    endedAt: null,
    pausedAt: null,
    pausedSeconds: 0,
    phases: [
      { title: 'One', window: 'before', estimatedSeconds: 60 },
      { title: 'Two', window: 'inside', estimatedSeconds: 60 },
    ],
    variables: {},
    secretNames: [],
    secretsAvailable: true,
    terminalId: null,
    counts: { pending: 3, running: 0, succeeded: 0, failed: 0, skipped: 0, unknown: 0 },
    currentStepKey: 'a',
    eventCount: 1,
    headHash: '0'.repeat(64),
    ...change,
  };
}

export function step(key: string, change: Partial<StepState> = {}): StepState {
  return {
    key,
    phaseIndex: 0,
    title: `Step ${key}`,
    kind: 'command',
    destructive: false,
    optional: false,
    status: 'pending',
    attempts: [],
    commands: [{ text: 'echo hi', run: true, edited: false, template: 'echo hi' }],
    skipReason: null,
    failReason: null,
    unknownReason: null,
    evidence: [],
    backups: [],
    wait: null,
    signoff: null,
    noteCount: 0,
    startedAt: null,
    endedAt: null,
    ...change,
  };
}

/** An update; `positions` are where the steps stand in the run (by default, first to last). */
export function update(
  eventCount: number,
  steps: StepState[],
  change: Partial<RunHeader> = {},
  positions = steps.map((_, index) => index),
): RunUpdate {
  return { run: header({ eventCount, ...change }), steps, positions, notes: [] };
}
