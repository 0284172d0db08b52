import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RunOutcome } from '../../electron/host/terminal/session-types';
import type { SshServer } from '../support/sshd';
import type { Watched } from '../support/terminal-harness';

export interface DropCounters {
  drops: number;
  /** Reported finished with exit 0 although the command never got to its end: must be 0. */
  wronglyDone: number;
  /** Reported finished (any exit code) although it never got to its end: must be 0. */
  wronglyFinished: number;
  /** Came back 'unknown': what a dropped command must report. */
  unknown: number;
  /** Had finished before the kill landed (reported finished, and it did finish). */
  finishedBeforeKill: number;
}

/** Runs a command and returns its outcome; a test may wrap it to inject a reporting fault. */
export type Runner = (terminal: Watched, command: string) => Promise<RunOutcome>;

export const sessionRunner: Runner = (terminal, command) => terminal.session.run(command);

/**
 * `times` rounds of: reconnect if needed, start a command of 0.3–1.2 s that touches a file as
 * its very last act, kill the sshd child serving the connection at a random moment from 0 to
 * 1.2 s after the command was sent, and compare what the session reported with whether the file
 * exists (the command reached its end).
 */
export async function dropDuringCommands(
  terminal: Watched,
  server: SshServer,
  options: { times: number; seed: number; dir: string; run: Runner; maxDelayMs?: number },
): Promise<DropCounters> {
  const counters: DropCounters = {
    drops: 0,
    wronglyDone: 0,
    wronglyFinished: 0,
    unknown: 0,
    finishedBeforeKill: 0,
  };
  let state = options.seed >>> 0;
  const random = (): number => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
  const batch = randomUUID();
  for (let round = 0; round < options.times; round++) {
    const status = terminal.session.snapshot().status;
    if (status === 'dropped' || status === 'exited') terminal.session.start();
    await terminal.until(
      () =>
        terminal.session.snapshot().status === 'connected' &&
        terminal.session.snapshot().integration === 'active',
      `round ${round}: the shell to be ready`,
    );
    const ticks = 3 + Math.floor(random() * 10);
    const marker = join(options.dir, `done-${batch}-${round}`);
    const command = `i=0; while [ $i -lt ${ticks} ]; do echo tick-$i; i=$((i+1)); sleep 0.1; done; touch ${marker}`;
    const delayMs = random() * (options.maxDelayMs ?? 1200);
    const running = options.run(terminal, command);
    // The random moment is the stimulus of this test, not a wait for a condition.
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    server.killConnections();
    const outcome = await running;
    await terminal.until(
      () => terminal.session.snapshot().status !== 'connected',
      `round ${round}: the drop`,
    );
    counters.drops++;
    const completed = existsSync(marker);
    const finished = outcome.command.outcome === 'finished';
    if (!finished) counters.unknown++;
    else if (completed) counters.finishedBeforeKill++;
    else {
      counters.wronglyFinished++;
      if (outcome.command.exitCode === 0) counters.wronglyDone++;
    }
  }
  return counters;
}
