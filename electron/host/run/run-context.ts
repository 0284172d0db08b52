import type { RunDetail, RunUpdate, StepState } from '../../../shared/contract/index';
import type { Inventory } from '../../../shared/inventory/index';
import type { Runbook, Step } from '../../../shared/runbook/index';
import type { TerminalManager } from '../terminal/terminal-manager';
import type { EventDraft } from './run-event-types';

/** A run the host holds in memory: its state (the cached fold), its revision and its secrets. */
export interface LiveRun {
  readonly id: string;
  state: RunDetail;
  readonly runbook: Runbook;
  /** The runbook's steps by key, and each planned host step with its sub-step as its spec. */
  readonly steps: Map<string, Step>;
  /** Secret values by variable name: host memory only, gone after a restart. */
  readonly secrets: Map<string, string>;
  /** The step whose commands are being sent to the terminal now (one at a time per run). */
  sending: { stepKey: string; index: number } | undefined;
  /**
   * Where each command's output began in the run terminal's stream (its byte offset), the last
   * 64 sends: a transcript gap is laid at the step that printed it (held-events.ts).
   */
  readonly outputMarks: Array<{ stepKey: string; fromByte: number }>;
  /** A running wait's timer or polling, by step key, and how to stop it. */
  readonly waits: Map<string, { mode: 'countdown' | 'poll'; stop(): void }>;
}

/** What the step runners need from the engine. */
export interface RunContext {
  /**
   * Appends the events (durably), updates the live state, broadcasts and returns the update.
   * `alongside` writes other rows in the same transaction (event-log.ts).
   */
  commit(live: LiveRun, drafts: readonly EventDraft[], alongside?: () => void): RunUpdate;
  /**
   * Keeps a command's outcome the database refused (a full disk): it is committed again until it
   * is, every client is told, and the run takes no other action before it (held-events.ts).
   */
  hold(live: LiveRun, stepKey: string, drafts: readonly EventDraft[], error: unknown): void;
  readonly terminals: TerminalManager;
  /** Whether evidence was added to the step since its last retry (its current attempt). */
  hasCurrentEvidence(live: LiveRun, stepKey: string): boolean;
  /** The environment's saved inventory, parsed; undefined when it has none. */
  inventory(environmentId: string): Inventory | undefined;
  log(message: string, error?: unknown): void;
}

export function stepOf(live: LiveRun, key: string): StepState {
  const step = live.state.steps.find((candidate) => candidate.key === key);
  if (step === undefined) throw new Error(`run ${live.id} has no step ${key}`);
  return step;
}

/** Values to send: plain values from the state, secret ones from memory. */
export function sendValues(live: LiveRun): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(live.state.run.variables)) {
    if (!live.state.run.secretNames.includes(name)) values[name] = value;
  }
  for (const [name, value] of live.secrets) values[name] = value;
  return values;
}
