import { RpcError, type RunUpdate } from '../../../shared/contract/index';
import type { TerminalSession } from '../terminal/session';
import type { RunOutcome } from '../terminal/session-types';
import { toPlainText } from '../terminal/plain-text';
import { parseArtefacts } from './backup-artefacts';
import { judge } from './expectations';
import { sendValues, stepOf, type LiveRun, type RunContext } from './run-context';
import { draft, hostActor, type EventDraft } from './run-event-types';
import { awaitingBackupRecord, runnableIndices } from './run-rules';
import { maskSecrets, sendable } from './variables';

/** Output kept per command in the log and the state: its last 64 KiB (the transcript has all). */
export const maxStoredOutputChars = 64 * 1024;
/** How long runStep waits for a just-opened terminal's shell integration (the terminal's own limit is 15 s). */
const integrationWaitMs = 20_000;

export const droppedReason =
  'the connection dropped or the terminal ended while this command ran: check the host and mark the outcome';

/** The run's terminal session, ready to take a command (waits for a starting shell's integration). */
export async function readySession(ctx: RunContext, live: LiveRun): Promise<TerminalSession> {
  const id = live.state.run.terminalId;
  let session: TerminalSession;
  try {
    if (id === null) throw new Error('none');
    session = ctx.terminals.session(id);
  } catch {
    throw new RpcError('conflict', "the run's terminal is not open: open it first (runs.openTerminal)");
  }
  const deadline = Date.now() + integrationWaitMs;
  while (session.snapshot().integration === 'pending' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const snapshot = session.snapshot();
  if (snapshot.status !== 'connected')
    throw new RpcError('conflict', `the run's terminal is ${snapshot.status}: reconnect it first`);
  if (snapshot.integration !== 'active')
    throw new RpcError('conflict', 'no exit codes here: run it yourself and mark the outcome');
  if (session.commands.at(-1)?.outcome === 'running')
    throw new RpcError('conflict', 'the terminal is busy with a command typed by hand; wait for it to end');
  return session;
}

/**
 * Starts sending a step's runnable commands: `prefix` (step.retried) and step.started and the first
 * command.sent are appended before anything is written to the pty; the rest follows as outcomes
 * arrive, each command only after the one before it passed.
 */
export function startCommands(
  ctx: RunContext,
  live: LiveRun,
  session: TerminalSession,
  stepKey: string,
  prefix: readonly EventDraft[],
): RunUpdate {
  const step = stepOf(live, stepKey);
  const indices = runnableIndices(step);
  const operator = live.state.run.operator;
  const first = indices[0] as number;
  const attempt = step.attempts.length + 1;
  const update = ctx.commit(live, [
    ...prefix,
    draft('step.started', operator, stepKey, { attempt }),
    sentDraft(live, stepKey, first, session.id),
  ]);
  live.sending = { stepKey, index: first };
  const sent = send(live, session, stepKey, first);
  if (sent instanceof Error)
    return finishSending(ctx, live, stepKey, notSent(live, stepKey, first, sent)) ?? update;
  void sent.then((outcome) => afterCommand(ctx, live, session, stepKey, indices, first, outcome));
  return update;
}

function sentDraft(live: LiveRun, stepKey: string, index: number, terminalId: string): EventDraft {
  const text = stepOf(live, stepKey).commands[index]?.text ?? '';
  return draft('command.sent', live.state.run.operator, stepKey, {
    index,
    text: maskSecrets(text, live.secrets.values()),
    terminalId,
  });
}

function send(
  live: LiveRun,
  session: TerminalSession,
  stepKey: string,
  index: number,
): Promise<RunOutcome> | Error {
  const template = stepOf(live, stepKey).commands[index]?.template ?? '';
  try {
    return session.run(sendable(template, sendValues(live)));
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function notSent(live: LiveRun, stepKey: string, index: number, error: Error): EventDraft[] {
  const reason = `the command was not sent: ${error.message}`;
  return [
    draft('command.finished', hostActor, stepKey, {
      index,
      exitCode: null,
      outcome: 'unknown',
      output: '',
      outputTruncated: false,
      terminalSeq: null,
      problems: [reason],
    }),
    draft('step.failed', hostActor, stepKey, { reason: maskSecrets(reason, live.secrets.values()) }),
  ];
}

function afterCommand(
  ctx: RunContext,
  live: LiveRun,
  session: TerminalSession,
  stepKey: string,
  indices: readonly number[],
  index: number,
  outcome: RunOutcome,
): void {
  try {
    const { drafts, passed, output } = judged(live, stepKey, index, outcome);
    const next = indices[indices.indexOf(index) + 1];
    if (!passed || next === undefined) {
      finishSending(ctx, live, stepKey, passed ? [...drafts, ...completion(live, stepKey, output)] : drafts);
      return;
    }
    ctx.commit(live, [...drafts, sentDraft(live, stepKey, next, session.id)]);
    live.sending = { stepKey, index: next };
    const sent = send(live, session, stepKey, next);
    if (sent instanceof Error) finishSending(ctx, live, stepKey, notSent(live, stepKey, next, sent));
    else void sent.then((result) => afterCommand(ctx, live, session, stepKey, indices, next, result));
  } catch (error) {
    live.sending = undefined;
    ctx.log(`run ${live.id}: recording the outcome of ${stepKey} failed`, error);
  }
}

/** command.finished, and step.unknown / step.failed when the command did not pass. */
function judged(
  live: LiveRun,
  stepKey: string,
  index: number,
  outcome: RunOutcome,
): { drafts: EventDraft[]; passed: boolean; output: string } {
  const plain = maskSecrets(toPlainText(outcome.output.replace(/\r\n?/g, '\n')), live.secrets.values());
  const output = plain.length > maxStoredOutputChars ? plain.slice(-maxStoredOutputChars) : plain;
  const lost = outcome.command.outcome !== 'finished';
  const expect = live.steps.get(stepKey)?.commands[index]?.expect;
  const problems = lost ? [] : judge({ exitCode: outcome.command.exitCode ?? null, output: plain }, expect);
  const finished = draft('command.finished', hostActor, stepKey, {
    index,
    exitCode: outcome.command.exitCode ?? null,
    outcome: lost ? 'unknown' : 'finished',
    output,
    outputTruncated: outcome.truncated || output.length < plain.length,
    terminalSeq: outcome.command.seq,
    problems,
  });
  if (lost)
    return {
      drafts: [finished, draft('step.unknown', hostActor, stepKey, { reason: droppedReason })],
      passed: false,
      output,
    };
  if (problems.length > 0)
    return {
      drafts: [finished, draft('step.failed', hostActor, stepKey, { reason: problems.join('; ') })],
      passed: false,
      output,
    };
  return { drafts: [finished], passed: true, output };
}

/** Every command passed: the step succeeds, or a backup records what its output names. */
function completion(live: LiveRun, stepKey: string, lastOutput: string): EventDraft[] {
  const step = stepOf(live, stepKey);
  if (step.kind !== 'backup') return [draft('step.succeeded', hostActor, stepKey, { override: false })];
  // The last command's output is not in the state yet (its command.finished is being committed).
  const earlier = (step.attempts.at(-1)?.commands ?? []).map((command) => command.output);
  const artefacts = parseArtefacts([...earlier, lastOutput].join('\n'));
  return artefacts.length === 0
    ? []
    : [
        ...artefacts.map((artefact) =>
          draft('backup.recorded', hostActor, stepKey, { ...artefact, source: 'output' }),
        ),
        draft('step.succeeded', hostActor, stepKey, { override: false }),
      ];
}

function finishSending(
  ctx: RunContext,
  live: LiveRun,
  stepKey: string,
  drafts: EventDraft[],
): RunUpdate | undefined {
  live.sending = undefined;
  if (drafts.length === 0) return undefined;
  const update = ctx.commit(live, drafts);
  if (stepOf(live, stepKey).kind === 'backup' && awaitingBackupRecord(stepOf(live, stepKey))) {
    ctx.log(`run ${live.id}: backup ${stepKey} named no file in its output; waiting for runs.recordBackup`);
  }
  return update;
}
