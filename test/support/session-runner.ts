import { randomUUID } from 'node:crypto';
import { TerminalSession } from '../../electron/host/terminal/session';
import type {
  SessionSink,
  SessionSnapshot,
  SessionSpec,
  SessionTarget,
} from '../../electron/host/terminal/session-types';
import type { TrackedCommand } from '../../electron/host/terminal/shell-integration/command-tracker';
import type { TranscriptStore } from '../../electron/host/terminal/transcript/transcript-store';

/**
 * A sink for sessions whose screen nobody reads (floods, benchmarks): it counts characters,
 * acknowledges them (at once, or `ackDelayMs` later, as a slow renderer would) and keeps only the
 * last state, so 100 MB of output costs no memory here.
 */
export class CountingSink implements SessionSink {
  session!: TerminalSession;
  chars = 0;
  snapshot: SessionSnapshot | undefined;
  finished: TrackedCommand[] = [];
  private waiters: Array<() => void> = [];

  constructor(private readonly ackDelayMs = 0) {}

  data(text: string): void {
    this.chars += text.length;
    if (this.ackDelayMs === 0) this.session.ack(text.length);
    else setTimeout(() => this.session.ack(text.length), this.ackDelayMs);
  }

  state(snapshot: SessionSnapshot): void {
    this.snapshot = snapshot;
    this.notify();
  }

  command(command: TrackedCommand): void {
    if (command.outcome !== 'running') this.finished.push(command);
    this.notify();
  }

  /** Resolves once the session's program has ended (exited or dropped). */
  ended(timeoutMs = 120_000): Promise<void> {
    return this.until(
      () => this.snapshot?.status === 'exited' || this.snapshot?.status === 'dropped',
      'the session to end',
      timeoutMs,
    );
  }

  until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((waiter) => waiter !== check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== check);
        reject(new Error(`timed out waiting for ${what}; last state ${JSON.stringify(this.snapshot)}`));
      }, timeoutMs);
      this.waiters.push(check);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

export interface SessionOptions {
  store: TranscriptStore;
  dir: string;
  controlDir: string;
  target: SessionTarget;
  sink: CountingSink;
  env?: Record<string, string>;
  spec?: Partial<Pick<SessionSpec, 'record' | 'drainTail' | 'cols' | 'rows'>>;
  /** Where the session reports failures it survives (the host's log). */
  log?: (message: string, error?: unknown) => void;
}

/** Starts a real session (real pty, the given store) reporting to `sink`. */
export function startSession(options: SessionOptions): TerminalSession {
  const session = new TerminalSession(
    {
      id: randomUUID(),
      title: 'reliability',
      cols: 120,
      rows: 30,
      cwd: options.dir,
      env: { ...plainEnv(), HOME: options.dir, ...options.env },
      target: options.target,
      controlDir: options.controlDir,
      secrets: [],
      ...options.spec,
    },
    options.store,
    options.sink,
    options.log,
  );
  options.sink.session = session;
  session.start();
  return session;
}

/** The test process's environment without Handrail's variables or shell start-up hooks. */
export function plainEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('HANDRAIL_') && key !== 'PROMPT_COMMAND' && key !== 'ENV')
      env[key] = value;
  }
  return env;
}
