import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import {
  isHostStepKey,
  parseHostStepKey,
  RpcError,
  type Params,
  type RunDetail,
  type RunEvent,
  type RunFault,
  type RunHeader,
  type RunScreenOpen,
  type RunOpen,
  type StepPage,
  type RunPlan,
  type RunSummary,
  type RunUpdate,
  type StepDetail,
  type TerminalRecording,
} from '../../../shared/contract/index';
import type { Connection } from '../../../shared/rpc/server';
import type { Step } from '../../../shared/runbook/index';
import type { EnvironmentRepository } from '../environments/environment-repository';
import type { TerminalManager } from '../terminal/terminal-manager';
import { canonicalJson } from '../../../shared/canonical-json';
import { InventoryRepository } from '../inventories/inventory-repository';
import { EventLog, type OutputHolder, type Verification } from './event-log';
import { HeldEvents } from './held-events';
import { recordingFaultOf } from './recording-faults';
import type { LiveRun, RunContext } from './run-context';
import { draft, type EventDraft } from './run-event-types';
import { initialState } from './run-initial-state';
import { buildPlan } from './run-plan';
import { applyEvents, foldEvents } from './run-reducer';
import { recoverRun } from './run-recovery';
import { advance, quietly } from './rolling-runner';
import { registerHostSteps, startPlans } from './rolling-planning';
import { requireActive, requireActiveBeforeApproval, requireOpen } from './run-rules';
import { approvalRequirement } from '../approval/approval-requirement';
import { requireApproved } from '../approval/approval-rules';
import { withdrawnByChange } from '../approval/approval-withdrawal';
import { resolveStart, secretValue } from './run-start';
import { pausePolls, resumePolls } from './wait-runner';
import { RunStore } from './run-store';
import { openView, pageView, rowsView, stepView, type PageParams, type WithOutputs } from './run-view';
import { ViewedRuns } from './viewed-runs';
import { maskSecrets, secretMask } from './variables';

/**
 * The run engine: every action is checked against the rules, appended to the run's hash-chained
 * log with the new state in one transaction, and only then answered and broadcast as
 * `runs.changed`. Secret values live in memory here and nowhere else.
 */
export class RunEngine {
  private readonly live = new Map<string, LiveRun>();
  /** Runs read for a screen only, without their outputs (viewed-runs.ts). */
  private readonly viewed = new ViewedRuns((id) =>
    this.liveRun(id, this.log.storedState(id, { outputs: false })),
  );
  private readonly log: EventLog;
  private readonly inventories: InventoryRepository;
  readonly store: RunStore;
  private readonly ctx: RunContext;
  private readonly held: HeldEvents;
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly environments: EnvironmentRepository,
    private readonly terminals: TerminalManager,
    private readonly broadcast: (update: RunUpdate) => void,
    private readonly logger: (message: string, error?: unknown) => void = () => {},
    /** Recording faults, to every connection as runs.fault (host.ts). */
    private readonly sayFault: (fault: RunFault) => void = () => {},
  ) {
    this.log = new EventLog(db);
    this.held = new HeldEvents({
      commitNow: (live, drafts) => this.commitNow(live, drafts),
      say: (fault) => this.sayFault(fault),
      log: (message, error) => this.logger(message, error),
    });
    this.store = new RunStore(db);
    this.inventories = new InventoryRepository(db);
    this.ctx = {
      inventory: (environmentId) => this.inventories.inventoryOf(environmentId),
      commit: (live, drafts, alongside) => this.commit(live, drafts, alongside),
      hold: (live, stepKey, drafts, error) =>
        this.held.hold(live, { kind: 'outcome', stepKey, what: outcomeOf(live, stepKey), drafts }, error),
      terminals,
      hasCurrentEvidence: (live, stepKey) => this.hasCurrentEvidence(live, stepKey),
      // Outcomes that arrive while the host closes (its terminals are being killed) are not
      // recorded: the next start finds those steps running and makes them unknown.
      log: (message, error) => {
        if (!this.closed) logger(message, error);
      },
    };
  }

  plan(params: Params<'runs.plan'>): RunPlan {
    const revision = params.revision ?? this.store.headRevision(params.runbookId);
    return buildPlan({
      runbookId: params.runbookId,
      revision,
      runbook: this.store.runbook(params.runbookId, revision),
      environment: this.environment(params.environmentId),
      mode: params.mode,
    });
  }

  start(params: Params<'runs.start'>): RunDetail {
    this.store.headRevision(params.runbookId);
    const runbook = this.store.runbook(params.runbookId, params.revision);
    const environment = this.environment(params.environmentId);
    const { payload, secrets } = resolveStart(params, runbook, environment);
    const id = randomUUID();
    const state = this.log.create(
      { id, runbookId: params.runbookId, revision: params.revision, environmentId: environment.id },
      draft('run.created', params.operator, null, payload),
      (created) => initialState(runbook, id, created),
    );
    this.store.savePlan(id, runbook);
    const live = this.register(id, state, runbook);
    for (const [name, value] of secrets) live.secrets.set(name, value);
    // Approval before change: a run on an environment kind that needs it starts locked.
    const approval = approvalRequirement(this.db, live.state);
    if (approval.length > 0) this.commit(live, approval);
    this.planRollingSteps(live);
    const detail = this.detail(live);
    this.broadcast({ run: detail.run, steps: [], positions: [], notes: [] });
    return detail;
  }

  list(): RunSummary[] {
    return this.store.list((id) => this.live.get(id)?.state);
  }

  /** The whole state (reports, comparison): a screen opens a run with `open` instead. */
  get(id: string): RunDetail {
    return this.detail(this.load(id));
  }

  /** Every step's row (`runs.get`, tools and tests). */
  rows(id: string): RunOpen {
    const live = this.load(id);
    return rowsView(live, this.header(live));
  }

  /** What opening a run sends a screen (run-view.ts): light at any length, and cold too. */
  open(id: string, around?: string): RunScreenOpen {
    const { live, outputs } = this.view(id);
    return openView(live, this.header(live), around, outputs);
  }

  /** Rows of the list (`runs.steps`): `count` from `from`, or centred on the step `around`. */
  steps(id: string, params: PageParams): StepPage {
    return pageView(this.view(id).live, params);
  }

  /** One step in full, for the screen that opens it. */
  step(id: string, stepKey: string): StepDetail {
    const { live, outputs } = this.view(id);
    return stepView(live, stepKey, outputs);
  }

  events(id: string, afterSeq: number, limit: number): RunEvent[] {
    // The log alone: a run not loaded is not loaded for its events (the screen's timeline).
    this.view(id);
    return this.log.events(id, afterSeq, limit);
  }

  /**
   * Each event's canonical JSON, read a row at a time (a report's bundle, report-record.ts). The
   * log only: the run is not loaded (the report checked that it exists).
   */
  canonicalEvents(id: string): Iterable<string> {
    return this.log.canonicalEvents(id);
  }

  /** The run's events of these types only (a report's model, report-documents.ts); the log only. */
  eventsOfTypes(id: string, types: readonly string[]): RunEvent[] {
    return this.log.eventsOfTypes(id, types);
  }

  /**
   * A run's state for its report. A run open in this host is given as it is (its outputs are in
   * memory already). Any other (always so in `handrail report`) is read without its finished
   * commands' outputs and not kept: `withOutputs` reads a step's when the report writes it, so a
   * report of a long run never holds them all.
   */
  reportState(id: string): { detail: RunDetail; withOutputs?: <T extends OutputHolder>(step: T) => T } {
    const known = this.live.get(id);
    if (known !== undefined) return { detail: this.detail(known) };
    const live = this.liveRun(id, this.log.storedState(id, { outputs: false }));
    return { detail: this.detail(live), withOutputs: (step) => this.log.withOutputs(id, step) };
  }

  /** The hash chain, then the stored state against the state rebuilt from the log. */
  verify(id: string): Verification {
    const live = this.load(id);
    const chain = this.log.verify(id);
    if (!chain.valid) return chain;
    const rebuilt = foldEvents(live.runbook, id, this.log.events(id));
    if (canonicalJson(plainJson(rebuilt)) === canonicalJson(this.log.storedState(id))) return chain;
    return {
      ...chain,
      valid: false,
      problem: 'the stored state differs from the state rebuilt from the log',
    };
  }

  /** Runs a step action against the run's live state. */
  act<R>(id: string, action: (ctx: RunContext, live: LiveRun) => R): R {
    return action(this.ctx, this.load(id));
  }

  openTerminal(id: string, connection: Connection): { terminalId: string } {
    const live = this.load(id);
    requireOpen(live.state);
    // Approval before change: the run's shell on the control host waits for the approval too.
    requireApproved(live.state, 'opening the run terminal');
    const existing = live.state.run.terminalId;
    if (existing !== null && this.terminalOpen(existing)) {
      this.terminals.attach(existing, connection);
      return { terminalId: existing };
    }
    const { environment, runbookTitle, operator } = live.state.run;
    const snapshot = this.terminals.open(
      {
        target: environment.controlHost,
        title: `${runbookTitle} · ${environment.name}`,
        cols: 120,
        rows: 32,
        secrets: [...live.secrets.values()],
        runId: id,
      },
      connection,
    );
    this.commit(live, [draft('terminal.opened', operator, null, { terminalId: snapshot.id })]);
    return { terminalId: snapshot.id };
  }

  supplySecrets(params: Params<'runs.supplySecrets'>): RunUpdate {
    const live = this.load(params.id);
    requireOpen(live.state);
    const names = Object.keys(params.secrets);
    for (const name of names) {
      if (!live.state.run.secretNames.includes(name))
        throw new RpcError(
          'invalid_params',
          `params.secrets.${name}: ${name} is not a secret of this run`,
          `params.secrets.${name}`,
        );
      secretValue(name, params.secrets[name]);
    }
    for (const name of names) this.keepSecret(live, name, params.secrets[name] as string);
    return this.commit(live, [draft('secrets.supplied', live.state.run.operator, null, { names })]);
  }

  /** Notes are allowed at any time until the run ends, paused or not. */
  addNote(params: Params<'runs.addNote'>): RunUpdate {
    const live = this.load(params.id);
    requireOpen(live.state);
    if (params.stepKey !== null && !live.steps.has(params.stepKey))
      throw new RpcError('not_found', `the run has no step ${params.stepKey}`, 'params.stepKey');
    const text = maskSecrets(params.text, live.secrets.values());
    return this.commit(live, [draft('note.added', live.state.run.operator, params.stepKey, { text })]);
  }

  setVariable(params: Params<'runs.setVariable'>): RunUpdate {
    const live = this.load(params.id);
    // Before approval too: fixing the plan is what a run awaiting approval is for.
    requireActiveBeforeApproval(live.state, 'changing a variable');
    if (!live.runbook.variables.some((variable) => variable.name === params.name))
      throw new RpcError(
        'invalid_params',
        `params.name: the runbook declares no variable ${params.name}`,
        'params.name',
      );
    const secret = live.state.run.secretNames.includes(params.name);
    if (secret) this.keepSecret(live, params.name, secretValue(params.name, params.value, 'params.value'));
    return this.commit(live, [
      draft('variable.changed', live.state.run.operator, null, {
        name: params.name,
        value: secret ? secretMask : params.value,
        secret,
        reason: params.reason ?? null,
      }),
      ...withdrawnByChange(live.state, `the variable ${params.name} changed after the approval`),
    ]);
  }

  pause(params: Params<'runs.pause'>): RunUpdate {
    const live = this.load(params.id);
    requireActiveBeforeApproval(live.state, 'pausing it again');
    pausePolls(live);
    return this.commit(live, [
      draft('run.paused', live.state.run.operator, null, { reason: params.reason ?? null }),
    ]);
  }

  resume(id: string): RunUpdate {
    const live = this.load(id);
    requireOpen(live.state);
    if (live.state.run.status !== 'paused') throw new RpcError('conflict', 'the run is not paused');
    const update = this.commit(live, [draft('run.resumed', live.state.run.operator, null, {})]);
    resumePolls(this.ctx, live);
    return update;
  }

  handover(params: Params<'runs.handover'>): RunUpdate {
    const live = this.load(params.id);
    requireOpen(live.state);
    const from = live.state.run.operator;
    return this.commit(live, [draft('run.handover', from, null, { from, to: params.operator })]);
  }

  /** Refused while a step is pending, running or unknown; failed steps stay as deviations. */
  finish(id: string): RunUpdate {
    const live = this.load(id);
    requireActive(live.state, 'finishing it');
    const open = live.state.steps.filter(
      (step) => ['pending', 'running', 'unknown'].includes(step.status) && !isHostStepKey(step.key),
    );
    if (open.length > 0) {
      const titles = open.slice(0, 3).map((step) => `"${step.title}" (${step.status})`);
      const more = open.length > 3 ? ` and ${open.length - 3} more` : '';
      throw new RpcError(
        'conflict',
        `the run can't finish yet: ${titles.join(', ')}${more}; skip or verify them first`,
      );
    }
    this.stopWaits(live);
    const update = this.commit(live, [draft('run.finished', live.state.run.operator, null, {})]);
    this.endTerminal(live);
    return update;
  }

  abort(params: Params<'runs.abort'>): RunUpdate {
    const live = this.load(params.id);
    requireOpen(live.state);
    this.stopWaits(live);
    const update = this.commit(live, [
      draft('run.aborted', live.state.run.operator, null, { reason: params.reason }),
    ]);
    this.endTerminal(live);
    return update;
  }

  /**
   * A run that ended keeps no shell logged in: its terminal is closed (the transcript stays) with
   * its SSH master unless another open session shares it.
   */
  private endTerminal(live: LiveRun): void {
    const id = live.state.run.terminalId;
    if (id === null) return;
    this.terminals
      .end(id)
      .catch((error: unknown) => this.logger(`run ${live.id}: closing its terminal failed`, error));
  }

  /** The secret values the host holds for a run (in memory only), to mask wherever they are typed. */
  secretsOf(id: string): ReadonlyMap<string, string> {
    return this.live.get(id)?.secrets ?? new Map();
  }

  /** Host start: commands that were running are outcome-unknown; waits go on (or end if due). */
  recover(): void {
    for (const id of this.store.unfinishedRunIds()) {
      try {
        recoverRun(this.ctx, this.load(id));
      } catch (error) {
        this.logger(`run ${id}: recovery failed`, error);
      }
    }
  }

  close(): void {
    this.closed = true;
    this.held.stop();
    for (const live of this.live.values()) this.stopWaits(live);
  }

  /**
   * A run's terminal could not record its output, or can again (TerminalManager): every client
   * is told, and output that was not kept becomes a `transcript.gap` event on the step that
   * printed it, so the run's record and its report say where the transcript has a hole.
   */
  recordingFault(report: TerminalRecording): void {
    const live = [...this.live.values()].find((candidate) => candidate.state.run.terminalId === report.id);
    if (live === undefined) return;
    const { fault, drafts } = recordingFaultOf(live, report);
    this.sayFault(fault);
    if (drafts.length === 0) return;
    try {
      this.commit(live, drafts);
    } catch (error) {
      const what = 'a gap in the transcript';
      this.held.hold(live, { kind: 'transcript', stepKey: fault.stepKey, what, drafts }, error);
    }
  }

  /** Commits after what is held for the run (held-events.ts); refuses while that still fails. */
  private commit(live: LiveRun, drafts: readonly EventDraft[], alongside?: () => void): RunUpdate {
    if (this.closed) throw new RpcError('unavailable', 'the host is closing');
    const waiting = this.held.flush(live);
    if (waiting !== undefined) throw new RpcError('conflict', waiting);
    return this.commitNow(live, drafts, alongside);
  }

  private commitNow(live: LiveRun, drafts: readonly EventDraft[], alongside?: () => void): RunUpdate {
    if (this.closed) throw new RpcError('unavailable', 'the host is closing');
    const before = live.state.steps;
    const { state, events } = this.log.append(live.id, live.state, drafts, applyEvents, alongside);
    live.state = state;
    if (events.some((event) => event.type === 'rolling.planned')) registerHostSteps(live);
    const seqs = new Set(events.map((event) => event.seq));
    // Copy on write (run-reducer.ts): a step object that changed is one the events touched.
    const positions = state.steps.flatMap((step, position) => (step === before[position] ? [] : [position]));
    const update: RunUpdate = {
      run: this.header(live),
      steps: positions.map((position) => state.steps[position]!),
      positions,
      notes: state.notes.filter((note) => seqs.has(note.seq)),
    };
    this.broadcast(update);
    this.rollOn(live, events);
    return update;
  }

  /** A host step that passed or was skipped, or a resume, lets its rolling step go on. */
  private rollOn(live: LiveRun, events: readonly RunEvent[]): void {
    const keys = new Set<string>();
    for (const event of events) {
      if (event.type === 'run.resumed')
        for (const step of live.state.steps) if (step.rolling !== undefined) keys.add(step.key);
      if (event.type !== 'step.succeeded' && event.type !== 'step.skipped') continue;
      const parts = event.stepKey === null ? undefined : parseHostStepKey(event.stepKey);
      if (parts !== undefined) keys.add(parts.stepKey);
    }
    for (const key of keys) {
      setImmediate(() => {
        if (this.closed) return;
        advance(this.ctx, live, key).catch((error: unknown) => quietly(this.ctx, live, error));
      });
    }
  }

  /** At the start, rolling steps are planned where the environment's inventory allows it already. */
  private planRollingSteps(live: LiveRun): void {
    const drafts = startPlans(live, this.inventories.inventoryOf(live.state.run.environment.id));
    if (drafts.length > 0) this.commit(live, drafts);
  }

  private detail(live: LiveRun): RunDetail {
    return { run: this.header(live), steps: live.state.steps, notes: live.state.notes };
  }

  /** The stored header with what only this host process knows: secrets in memory, open terminal. */
  private header(live: LiveRun): RunHeader {
    const { run } = live.state;
    return {
      ...run,
      secretsAvailable: run.secretNames.every((name) => live.secrets.has(name)),
      terminalId: run.terminalId !== null && this.terminalOpen(run.terminalId) ? run.terminalId : null,
    };
  }

  private load(id: string): LiveRun {
    const known = this.live.get(id);
    if (known !== undefined) return known;
    this.viewed.drop(id);
    return this.register(id, this.log.storedState(id));
  }

  /** A run as a screen reads it: loaded, or read without its outputs (viewed-runs.ts). */
  private view(id: string): { live: LiveRun; outputs?: WithOutputs } {
    const known = this.live.get(id);
    if (known !== undefined) return { live: known };
    return { live: this.viewed.get(id), outputs: (step) => this.log.withOutputs(id, step) };
  }

  private register(
    id: string,
    state: RunDetail,
    runbook = this.store.runPlan(id, state.run.runbookId, state.run.revision),
  ): LiveRun {
    const live = this.liveRun(id, state, runbook);
    this.live.set(id, live);
    return live;
  }

  /** A run as this host holds it, not yet kept (register keeps it). */
  private liveRun(
    id: string,
    state: RunDetail,
    runbook = this.store.runPlan(id, state.run.runbookId, state.run.revision),
  ): LiveRun {
    const steps = new Map<string, Step>(
      runbook.phases.flatMap((phase) => phase.steps.map((step) => [step.id, step])),
    );
    const live: LiveRun = {
      id,
      state,
      runbook,
      steps,
      secrets: new Map(),
      sending: undefined,
      outputMarks: [],
      waits: new Map(),
    };
    // A secret's default is in the runbook file, so it survives a restart.
    for (const variable of runbook.variables) {
      if (state.run.secretNames.includes(variable.name) && variable.default !== undefined)
        live.secrets.set(variable.name, variable.default);
    }
    registerHostSteps(live);
    return live;
  }

  private keepSecret(live: LiveRun, name: string, value: string): void {
    live.secrets.set(name, value);
    const terminalId = live.state.run.terminalId;
    if (terminalId !== null && this.terminalOpen(terminalId))
      this.terminals.session(terminalId).addSecrets([value]);
  }

  private hasCurrentEvidence(live: LiveRun, stepKey: string): boolean {
    const marks = this.log.stepEventSeqs(live.id, stepKey, ['step.retried', 'evidence.added']);
    const lastRetry = marks.findLastIndex((mark) => mark.type === 'step.retried');
    return marks.slice(lastRetry + 1).some((mark) => mark.type === 'evidence.added');
  }

  private terminalOpen(id: string): boolean {
    try {
      this.terminals.session(id);
      return true;
    } catch {
      return false;
    }
  }

  private environment(id: string) {
    try {
      return this.environments.get(id);
    } catch (error) {
      if (error instanceof RpcError) throw new RpcError(error.code, error.message, 'params.environmentId');
      throw error;
    }
  }

  private stopWaits(live: LiveRun): void {
    for (const wait of live.waits.values()) wait.stop();
    live.waits.clear();
  }
}

/** A value as it reads back from JSON (undefined keys dropped), the form states are stored in. */
function plainJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

function outcomeOf(live: LiveRun, stepKey: string): string {
  const title = live.state.steps.find((step) => step.key === stepKey)?.title ?? stepKey;
  return `the outcome of step "${title}"`;
}
