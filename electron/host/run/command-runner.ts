import { RpcError, type CommandPart, type RunUpdate } from '../../../shared/contract/index';
import type { TerminalSession } from '../terminal/session';
import type { RunOutcome } from '../terminal/session-types';
import { toPlainText } from '../terminal/plain-text';
import { parseArtefacts } from './backup-artefacts';
import { judgeBlock, partProblem } from './expectations';
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

/**
 * Sends one runbook command (a block): the shell runs its commands one by one and goes on only
 * while each passes (partProblem: exit 0, the last the expected code, any with may-fail).
 */
function send(
  live: LiveRun,
  session: TerminalSession,
  stepKey: string,
  index: number,
): Promise<RunOutcome> | Error {
  const template = stepOf(live, stepKey).commands[index]?.template ?? '';
  const spec = live.steps.get(stepKey)?.commands[index];
  const mayFail = spec?.mayFail ?? false;
  live.outputMarks.push({ stepKey, fromByte: session.recordedBytes });
  if (live.outputMarks.length > 64) live.outputMarks.shift();
  try {
    return session.run(sendable(template, sendValues(live)), {
      errexit: spec?.setE ?? false,
      accept: (command, part, planned) =>
        partProblem(asPart(command), part, planned, spec?.expect, mayFail) === undefined,
    });
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
  let judgement: ReturnType<typeof judged>;
  try {
    judgement = judged(live, stepKey, index, outcome);
  } catch (error) {
    live.sending = undefined;
    ctx.log(`run ${live.id}: judging the outcome of ${stepKey} failed`, error);
    return;
  }
  const { drafts, passed, output } = judgement;
  const next = indices[indices.indexOf(index) + 1];
  const final = passed ? [...drafts, ...completion(live, stepKey, output)] : drafts;
  if (!passed || next === undefined) {
    try {
      finishSending(ctx, live, stepKey, final);
    } catch (error) {
      ctx.hold(live, stepKey, final, error);
    }
    return;
  }
  try {
    ctx.commit(live, [...drafts, sentDraft(live, stepKey, next, session.id)]);
  } catch (error) {
    // The next command is not sent: the step stops here, its outcome unknown, and says why.
    live.sending = undefined;
    const reason = `the commands after this one were not sent: its outcome could not be recorded (${error instanceof Error ? error.message : String(error)})`;
    ctx.hold(live, stepKey, [...drafts, draft('step.unknown', hostActor, stepKey, { reason })], error);
    return;
  }
  live.sending = { stepKey, index: next };
  const sent = send(live, session, stepKey, next);
  if (sent instanceof Error) {
    const failed = notSent(live, stepKey, next, sent);
    try {
      finishSending(ctx, live, stepKey, failed);
    } catch (error) {
      ctx.hold(live, stepKey, failed, error);
    }
  } else void sent.then((result) => afterCommand(ctx, live, session, stepKey, indices, next, result));
}

function asPart(command: RunOutcome['command']): {
  text: string;
  exitCode: number | null;
  outcome: 'finished' | 'unknown' | 'running';
} {
  return { text: command.text, exitCode: command.exitCode ?? null, outcome: command.outcome };
}

/**
 * command.finished (with each shell command, where its output starts and why it failed), and
 * step.unknown / step.failed when the block did not pass.
 */
function judged(
  live: LiveRun,
  stepKey: string,
  index: number,
  outcome: RunOutcome,
): { drafts: EventDraft[]; passed: boolean; output: string } {
  const spec = live.steps.get(stepKey)?.commands[index];
  const secrets = [...live.secrets.values()];
  // Each command's output made plain on its own, so where each starts is known exactly.
  const pieces = outcome.outputStarts.map((start, at) =>
    maskSecrets(
      toPlainText(outcome.output.slice(start, outcome.outputStarts[at + 1]).replace(/\r\n?/g, '\n')),
      secrets,
    ),
  );
  const plain = pieces.join('');
  const cut = Math.max(0, plain.length - maxStoredOutputChars);
  const output = plain.slice(cut);
  const lost = outcome.command.outcome !== 'finished';
  const problems = lost
    ? []
    : [
        ...judgeBlock(
          outcome.parts.map(asPart),
          outcome.planned,
          plain,
          spec?.expect,
          spec?.mayFail ?? false,
        ),
        ...forgeryProblems(outcome.refusedMarks),
      ];
  let position = 0;
  const parts: CommandPart[] = outcome.parts.map((part, at) => {
    const start = position;
    position += pieces[at]?.length ?? 0;
    return {
      text: maskSecrets(part.text, secrets),
      exitCode: part.exitCode ?? null,
      outcome: part.outcome === 'finished' ? 'finished' : 'unknown',
      outputStart: position > cut || start >= cut ? Math.max(0, start - cut) : null,
      terminalSeq: part.seq,
      problem: partProblem(asPart(part), at, outcome.planned, spec?.expect, spec?.mayFail ?? false) ?? null,
    };
  });
  const finished = draft('command.finished', hostActor, stepKey, {
    index,
    exitCode: outcome.command.exitCode ?? null,
    outcome: lost ? 'unknown' : 'finished',
    output,
    outputTruncated: outcome.truncated || cut > 0,
    terminalSeq: outcome.parts[0]?.seq ?? null,
    problems,
    parts,
    notRun: Math.max(0, outcome.planned - outcome.parts.length),
    ...(outcome.refusedMarks > 0 ? { refusedMarks: outcome.refusedMarks } : {}),
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

/**
 * A mark with a wrong nonce is something in the session (a program that guessed or replayed a
 * mark) trying to write the record: the block's exit codes cannot be believed, so the step fails
 * and the operator decides, with evidence, as after any failure.
 */
function forgeryProblems(refusedMarks: number): string[] {
  if (refusedMarks === 0) return [];
  const marks = refusedMarks === 1 ? 'a shell-integration mark' : `${refusedMarks} shell-integration marks`;
  return [
    `${marks} with a wrong nonce ${refusedMarks === 1 ? 'was' : 'were'} printed while the block ran and ignored: something in the session tried to write the record, so its exit codes are not trusted`,
  ];
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
