import type { LiveRun } from './run-context';

/** How many runs read only for a screen are kept: the ones an operator flips between. */
const kept = 16;

/**
 * Runs a screen has read that this host has not loaded to act on: their state without the
 * finished commands' outputs (issue 16, "cold open"). Loading a run to act on it restores every
 * step's output (15 MB of kolla-ansible output for the 5,000-step bench run) and is what made a
 * first open after a host start slow; a screen shows one step's output at a time, read with that
 * step (EventLog.withOutputs). A run's state changes only through the engine, which loads it
 * first and drops it from here, so a run kept here is never behind its log.
 */
export class ViewedRuns {
  private readonly runs = new Map<string, LiveRun>();

  constructor(private readonly read: (id: string) => LiveRun) {}

  get(id: string): LiveRun {
    const known = this.runs.get(id);
    if (known !== undefined) return known;
    const run = this.read(id);
    this.runs.set(id, run);
    // The oldest read first out (a Map keeps insertion order).
    if (this.runs.size > kept) this.runs.delete(this.runs.keys().next().value!);
    return run;
  }

  /** The run is loaded to act on: the engine's copy is the one to read from now. */
  drop(id: string): void {
    this.runs.delete(id);
  }
}
