import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../electron/host/store/database';
import { TerminalSession } from '../../electron/host/terminal/session';
import type { SessionSnapshot, SessionTarget } from '../../electron/host/terminal/session-types';
import type { TrackedCommand } from '../../electron/host/terminal/shell-integration/command-tracker';
import { TranscriptStore } from '../../electron/host/terminal/transcript/transcript-store';
import { prepareControlDir } from '../../electron/host/terminal/ssh/control-dir';

/** A real SQLite file in a temp folder and sessions on real ptys, for integration tests. */
export class TerminalHarness {
  readonly dir = mkdtempSync(join(tmpdir(), 'handrail-term-'));
  readonly db: Database = openDatabase(join(this.dir, 'handrail.db'));
  readonly store = new TranscriptStore(this.db);
  readonly controlDir = prepareControlDir(this.dir);
  private readonly sessions: TerminalSession[] = [];

  open(target: SessionTarget, options: { secrets?: string[]; env?: Record<string, string> } = {}): Watched {
    const watched = new Watched();
    const session = new TerminalSession(
      {
        id: randomUUID(),
        title: 'test',
        cols: 120,
        rows: 30,
        cwd: this.dir,
        env: { ...cleanEnv(), HOME: this.dir, ...options.env },
        target,
        controlDir: this.controlDir,
        secrets: options.secrets ?? [],
      },
      this.store,
      watched,
    );
    watched.session = session;
    this.sessions.push(session);
    session.start();
    return watched;
  }

  close(): void {
    for (const session of this.sessions) session.close();
    // Its index worker has a connection of its own to the file (transcript-indexer.ts).
    void this.store.indexer.close();
    this.db.close();
    // A killed shell still writes its history file (HOME is this folder) as it exits, after
    // close() returned: a removal racing it fails with ENOTEMPTY. Retrying lets it finish first.
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  }
}

function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('HANDRAIL_') && key !== 'PROMPT_COMMAND' && key !== 'ENV')
      env[key] = value;
  }
  return env;
}

/** A session with everything it reported, and waits on conditions (never on time). */
export class Watched {
  session!: TerminalSession;
  screen = '';
  states: SessionSnapshot[] = [];
  finished: TrackedCommand[] = [];
  private waiters: Array<() => void> = [];

  data(text: string): void {
    this.screen += text;
    this.session.ack(text.length);
    this.notify();
  }

  state(snapshot: SessionSnapshot): void {
    this.states.push(snapshot);
    this.notify();
  }

  command(command: TrackedCommand): void {
    if (command.outcome !== 'running') this.finished.push(command);
    this.notify();
  }

  /** Resolves once the condition holds; fails with what was seen after the deadline. */
  until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== check);
        reject(
          new Error(`timed out waiting for ${what}; screen tail: ${JSON.stringify(this.screen.slice(-600))}`),
        );
      }, timeoutMs);
      const check = (): void => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((waiter) => waiter !== check);
        resolve();
      };
      this.waiters.push(check);
    });
  }

  ready(): Promise<void> {
    return this.until(() => this.session.snapshot().integration === 'active', 'shell integration');
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
