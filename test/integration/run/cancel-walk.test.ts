import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, type MethodName } from '../../../shared/contract/index';
import { sampleParams } from '../../support/contract-walk';
import { startRunHost, type RunHostFixture } from './host-fixture';
import { startEngineRun, type EngineRun } from './run-fixture';
import { fillFor } from './run-walk';

/**
 * Issue 18, acceptance: the cancel test finds no committed change behind a `cancelled`. Every
 * request of the contract (shared/contract, from its zod schemas) is sent to a real host on a
 * real SQLite file and cancelled at four moments: as it is sent, a turn of the event loop later,
 * after 10 ms and after 100 ms. Whatever the host answers, what it stored is compared with what
 * was there before: a request answered `cancelled` must have stored nothing, then or later.
 *
 * What it stored: the rows of every table the host writes on request (the run's own events,
 * counted for the run the request names, so that another run's timer does not count), leaving
 * out what a terminal records by itself (terminal_*) and what is derived from the rest (search_*).
 */
const cancelAfter: ReadonlyArray<{ name: string; cancel: () => Promise<unknown> }> = [
  { name: 'as sent', cancel: () => Promise.resolve() },
  { name: 'next turn', cancel: () => nextTurn() },
  { name: '10 ms', cancel: () => delay(10) },
  { name: '100 ms', cancel: () => delay(100) },
];

/** Requests that need more than a fresh run to go as far as writing (and so to be cancellable). */
const prepareForCancel: Partial<
  Record<MethodName, (fixture: RunHostFixture, run: EngineRun) => Promise<unknown>>
> = {
  // The terminal is opened and not waited for: the step is sent once it is ready, which takes
  // long enough for a cancel to arrive first.
  'runs.runStep': (fixture, run) => fixture.client.call('runs.openTerminal', { id: run.runId }),
  'runs.retry': async (fixture, run) => {
    await fixture.client.call('runs.fail', { id: run.runId, stepKey: 'check-release', reason: 'again' });
    await fixture.client.call('runs.openTerminal', { id: run.runId });
  },
};

/** What a request could have stored, as row counts. */
function storedRows(fixture: RunHostFixture, runId: string): Record<string, number> {
  const db = fixture.host.db;
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name NOT LIKE 'terminal_%' AND name NOT LIKE 'search_%' AND name <> 'run_events'`,
    )
    .pluck()
    .all() as string[];
  const counts: Record<string, number> = {};
  for (const table of tables)
    counts[table] = db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
  counts['run_events of the run'] = db
    .prepare('SELECT count(*) FROM run_events WHERE run_id = ?')
    .pluck()
    .get(runId) as number;
  return counts;
}

interface Outcome {
  method: MethodName;
  when: string;
  answer: string;
  runId: string;
  before: Record<string, number>;
  after: Record<string, number>;
}

describe('the cancel walk', () => {
  let fixture: RunHostFixture;
  const outcomes: Outcome[] = [];
  const notSent: MethodName[] = [];

  beforeAll(async () => {
    fixture = startRunHost();
    for (const method of (Object.keys(methods) as MethodName[]).sort())
      for (const { name: when, cancel } of cancelAfter) {
        const run = await startEngineRun(fixture);
        const params = sampleParams(methods[method].params, fillFor(method, run));
        if (params === undefined) {
          if (when === 'as sent') notSent.push(method);
          continue;
        }
        await prepareForCancel[method]?.(fixture, run);
        const before = storedRows(fixture, run.runId);
        const controller = new AbortController();
        const call = fixture.client.call(method, params as never, { signal: controller.signal }).then(
          () => 'done',
          (error: { code?: string }) => error.code ?? 'error',
        );
        await cancel();
        controller.abort();
        const answer = await call;
        outcomes.push({
          method,
          when,
          answer,
          runId: run.runId,
          before,
          after: storedRows(fixture, run.runId),
        });
      }
  }, 600_000);

  afterAll(() => fixture.close());

  it('sends every request it can make valid parameters for, and some are cancelled', () => {
    const cancelled = outcomes.filter((outcome) => outcome.answer === 'cancelled');
    const tally = (answer: string): number => outcomes.filter((outcome) => outcome.answer === answer).length;
    console.log(
      `reliability cancel-walk: calls=${outcomes.length} done=${tally('done')} cancelled=${cancelled.length} otherErrors=${outcomes.length - tally('done') - cancelled.length} methodsWithoutParams=${notSent.length} (${notSent.join(' ')})`,
    );
    console.log(
      `reliability cancel-walk: cancelled ${[...new Set(cancelled.map((outcome) => outcome.method))].join(' ')}`,
    );
    // Not vacuous: a step's commands are sent only after the terminal is ready, and a cancel that
    // arrives first must stop them.
    expect(cancelled.map((outcome) => outcome.method)).toEqual(
      expect.arrayContaining(['runs.runStep', 'runs.retry']),
    );
    // And the walk reached the requests that write: some changed what is stored.
    const changed = outcomes.filter(
      (outcome) => JSON.stringify(outcome.before) !== JSON.stringify(outcome.after),
    );
    expect(new Set(changed.map((outcome) => outcome.method)).size).toBeGreaterThan(20);
  });

  it('finds no change stored behind a cancelled answer, then or after the whole walk', () => {
    const cancelled = outcomes.filter((outcome) => outcome.answer === 'cancelled');
    const storedThen = cancelled
      .filter((outcome) => JSON.stringify(outcome.before) !== JSON.stringify(outcome.after))
      .map((outcome) => `${outcome.method} (${outcome.when})`);
    const storedLater = cancelled
      .filter((outcome) => {
        const now = storedRows(fixture, outcome.runId)['run_events of the run'];
        return now !== outcome.before['run_events of the run'];
      })
      .map((outcome) => `${outcome.method} (${outcome.when})`);
    expect(storedThen).toEqual([]);
    expect(storedLater).toEqual([]);
  });
});
