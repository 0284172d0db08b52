import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Params, SearchGroup, SearchHit } from '../../../shared/contract/index';
import { methods, RpcError } from '../../../shared/contract/index';
import { SearchService } from '../../../electron/host/search/search-service';
import { CorpusBuilder, type CorpusRun } from './search-corpus';

const phrase = 'rabbitmq queue mirror broken';
const phraseNote =
  'After the restart the rabbitmq queue mirror broken again on ctl-2; we re-synced it by hand and ' +
  'moved on with the upgrade of the remaining controllers, one at a time, watching the logs.';
// Short, and every word twice: bm25 prefers these to the long phrase notes.
const scatteredNote = 'broken mirror queue rabbitmq mirror broken queue rabbitmq';
const filler = [
  'galera cluster resynced',
  'nova compute drained',
  'keystone tokens flushed',
  'ovs agents restarted',
];
const hostile = '<img src=x onerror=alert(1)> rabbitmq <b>bold</b> & "quotes"';

let corpus: CorpusBuilder;
let search: SearchService;
let runs: CorpusRun[];
let ids: { kolla: string; ceph: string; prod: string; lab: string; training: string };

beforeAll(async () => {
  corpus = new CorpusBuilder();
  vi.useFakeTimers({ toFake: ['Date'] });
  ids = {
    kolla: corpus.runbook('Kolla-Ansible upgrade', 'Drain the compute hosts, then upgrade MariaDB.'),
    ceph: corpus.runbook('Ceph patch', 'Set noout before patching the OSD hosts; rabbitmq is untouched.'),
    prod: corpus.environment('prod-west', 'production'),
    lab: corpus.environment('lab', 'test'),
    training: corpus.environment('classroom', 'training'),
  };
  runs = [];
  for (let i = 0; i < 120; i += 1) {
    const day = `2025-03-${String(1 + (i % 28)).padStart(2, '0')}`;
    vi.setSystemTime(new Date(`${day}T10:00:00.000Z`));
    const notes: CorpusRun['notes'] = [{ stepKey: 'precheck', text: filler[i % filler.length] as string }];
    if (i % 20 === 0) notes.push({ stepKey: 'upgrade-db', text: phraseNote });
    if (i % 7 === 3) notes.push({ stepKey: null, text: scatteredNote });
    if (i === 42) notes.push({ stepKey: 'verify', text: hostile });
    if (i % 9 === 1) notes.push({ stepKey: 'verify', text: 'rabbitmq looked fine' });
    runs.push(
      corpus.run({
        runbookId: i % 2 === 0 ? ids.kolla : ids.ceph,
        environmentId: [ids.prod, ids.lab, ids.training][i % 3] as string,
        operators: [['Ada'], ['Bob'], ['Cy'], ['Ada', 'Dee']][i % 4] as string[],
        status: (['completed', 'aborted', 'active'] as const)[Math.floor(i / 3) % 3] as CorpusRun['status'],
        day,
        notes,
        ...(i % 10 === 5
          ? {
              transcript: {
                precheck: 'all 3 controllers reachable',
                'upgrade-db': i === 55 ? 'schema migrated: zanzibar-7731 tables' : 'schema migrated',
                verify: 'services healthy',
              },
            }
          : {}),
      }),
    );
  }
  vi.useRealTimers();
  search = new SearchService(corpus.db);
  await corpus.indexed();
});
afterAll(() => corpus?.close());

function query(text: string, extra: Partial<Params<'search.query'>> = {}) {
  return search.query(methods['search.query'].params.parse({ text, limit: 500, ...extra }));
}
const hitsOf = (group: SearchGroup): SearchHit[] => group.steps.flatMap((step) => step.hits);

test('the corpus has over 100 runs, every one in the event log', () => {
  const count = corpus.db.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number };
  expect(count.n).toBeGreaterThanOrEqual(100);
});

describe('ranking', () => {
  test('bm25 alone would rank a scattered-words note above the phrase (the tiers matter)', () => {
    const top = corpus.db
      .prepare(`SELECT body FROM search_text WHERE search_text MATCH ? ORDER BY rank LIMIT 1`)
      .get('"rabbitmq" "queue" "mirror" "broken"') as { body: string };
    expect(top.body).toBe(scatteredNote);
  });

  test('exact phrase hits come first, then hits with all the words', () => {
    const result = query(phrase);
    const phraseRuns = runs.filter((run) => run.notes.some((note) => note.text === phraseNote));
    const scatteredRuns = runs.filter(
      (run) => !phraseRuns.includes(run) && run.notes.some((note) => note.text === scatteredNote),
    );
    const exactGroups = result.groups.filter((group) => hitsOf(group).some((hit) => hit.exact));
    expect(exactGroups.map((group) => group.runId).sort()).toEqual(phraseRuns.map((run) => run.id).sort());
    // Every group with an exact hit is before every group without one.
    const firstInexact = result.groups.findIndex((group) => !hitsOf(group).some((hit) => hit.exact));
    expect(firstInexact).toBe(exactGroups.length);
    expect(
      result.groups
        .slice(firstInexact)
        .map((group) => group.runId)
        .sort(),
    ).toEqual(scatteredRuns.map((run) => run.id).sort());
    // The phrase notes are grouped under their step; their snippet marks the phrase as one range.
    const first = result.groups[0] as SearchGroup;
    expect(first.steps[0]).toMatchObject({ stepKey: 'upgrade-db', stepTitle: 'Upgrade the database' });
    const hit = first.steps[0]?.hits[0] as SearchHit;
    expect(hit).toMatchObject({ kind: 'note', exact: true, author: expect.any(String) });
    expect(hit.snippet.highlights).toHaveLength(1);
    const [range] = hit.snippet.highlights;
    expect(hit.snippet.text.slice(range?.start, range?.end)).toBe(phrase);
  });

  test('a single word has one tier: every hit is exact', () => {
    const result = query('zanzibar');
    expect(result.groups.flatMap(hitsOf).every((hit) => hit.exact)).toBe(true);
  });

  test('the limit cuts the ranked list and says so', () => {
    const result = query(phrase, { limit: 3 });
    expect(result.hitCount).toBe(3);
    expect(result.truncated).toBe(true);
    expect(result.groups.flatMap(hitsOf).every((hit) => hit.exact)).toBe(true);
  });
});

describe('filters', () => {
  const runIdsOf = (groups: SearchGroup[]) =>
    groups.flatMap((group) => (group.runId === null ? [] : [group.runId]));
  const mentions = (run: CorpusRun) => run.notes.some((note) => /rabbitmq/i.test(note.text));

  test('each filter narrows to the runs it names, and all of them combine', () => {
    const filters = {
      runbookId: ids.ceph,
      environmentId: ids.lab,
      // Ada handed these runs over to Dee: anyone who held the run matches.
      operator: 'ADA',
      outcome: ['completed', 'aborted'] as const,
      from: '2025-03-05',
      to: '2025-03-20',
    };
    const expected = runs.filter(
      (run) =>
        mentions(run) &&
        run.runbookId === ids.ceph &&
        run.environmentId === ids.lab &&
        run.operators.includes('Ada') &&
        (run.status === 'completed' || run.status === 'aborted') &&
        run.day >= '2025-03-05' &&
        run.day <= '2025-03-20',
    );
    expect(expected.length).toBeGreaterThan(0);
    const combined = runIdsOf(
      query('rabbitmq', { filters: { ...filters, outcome: [...filters.outcome] } }).groups,
    );
    expect(combined.sort()).toEqual(expected.map((run) => run.id).sort());
    // Each filter alone keeps more runs than all together.
    for (const [name, value] of Object.entries(filters)) {
      const alone = runIdsOf(
        query('rabbitmq', { filters: { [name]: Array.isArray(value) ? [...value] : value } }).groups,
      );
      expect(alone.length, `filter ${name} alone`).toBeGreaterThan(combined.length);
      expect(combined.every((id) => alone.includes(id))).toBe(true);
    }
  });

  test('a runbook filter keeps the runbook text; a filter on runs leaves it out', () => {
    const all = query('rabbitmq', { filters: { runbookId: ids.ceph } });
    expect(all.groups.some((group) => group.runId === null && group.runbookId === ids.ceph)).toBe(true);
    expect(all.groups.every((group) => group.runbookId === ids.ceph)).toBe(true);
    const onRuns = query('rabbitmq', { filters: { outcome: ['completed'] } });
    expect(onRuns.groups.every((group) => group.runId !== null && group.status === 'completed')).toBe(true);
  });

  test('kinds choose the texts searched', () => {
    const onlyRunbooks = query('rabbitmq', { filters: { kinds: ['runbook'] } });
    expect(onlyRunbooks.groups.map((group) => group.runbookId)).toEqual([ids.ceph]);
    const onlyTranscripts = query('schema migrated', { filters: { kinds: ['transcript'] } });
    expect(onlyTranscripts.groups).toHaveLength(runs.filter((run) => run.session !== undefined).length);
  });
});

describe('transcripts', () => {
  test('a word printed by a command is found under its run and step, with the moment to replay', () => {
    const result = query('zanzibar-7731');
    const run = runs[55] as CorpusRun;
    expect(result.groups).toHaveLength(1);
    const group = result.groups[0] as SearchGroup;
    expect(group).toMatchObject({ runId: run.id, environmentName: 'lab', operator: 'Dee' });
    expect(group.steps).toHaveLength(1);
    expect(group.steps[0]?.stepKey).toBe('upgrade-db');
    const hit = group.steps[0]?.hits[0] as SearchHit;
    expect(hit).toMatchObject({ kind: 'transcript', sessionId: run.session?.id, exact: true });
    expect(hit.atMs).toBe(run.session?.outputs['upgrade-db']?.atMs);
    const [range] = hit.snippet.highlights;
    expect(hit.snippet.text.slice(range?.start, range?.end)).toBe('zanzibar-7731');
  });

  test('output between commands belongs to the run, not to a step', () => {
    const result = query('run verify', { filters: { kinds: ['transcript'] } });
    const steps = result.groups.flatMap((group) => group.steps);
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.every((step) => step.stepKey === null)).toBe(true);
  });
});

describe('snippets', () => {
  test('are the stored text with ranges, never markup', () => {
    const run = runs[42] as CorpusRun;
    const group = query('onerror rabbitmq').groups.find((candidate) => candidate.runId === run.id);
    const hit = group?.steps.find((step) => step.stepKey === 'verify')?.hits[0] as SearchHit;
    expect(hit.snippet.text).toBe(hostile);
    const marked = hit.snippet.highlights.map((range) => hit.snippet.text.slice(range.start, range.end));
    expect(marked).toEqual(['onerror', 'rabbitmq']);
  });
});

test('a row of any kind in search_text is searched, grouped by its run and step (review comments)', () => {
  const run = runs[7] as CorpusRun;
  corpus.db
    .prepare(
      `INSERT INTO search_text (body, kind, run_id, step_key, ref, author, at)
       VALUES ('trainee forgot the quarantine flag', 'comment', ?, 'verify', 1, 'Mentor', '2025-04-01')`,
    )
    .run(run.id);
  const result = query('quarantine');
  expect(result.groups).toHaveLength(1);
  expect(result.groups[0]?.steps[0]).toMatchObject({
    stepKey: 'verify',
    hits: [{ kind: 'comment', author: 'Mentor', ref: 1 }],
  });
  expect(query('quarantine', { filters: { kinds: ['note'] } }).groups).toHaveLength(0);
});

test('a query without a letter or digit is refused naming the field', () => {
  let failure: unknown;
  try {
    query('*** "" ()');
  } catch (error) {
    failure = error;
  }
  expect(failure).toBeInstanceOf(RpcError);
  expect(failure).toMatchObject({ code: 'invalid_params', field: 'params.text' });
});

test('FTS syntax in the text is taken literally', () => {
  expect(() => query('rabbitmq OR NEAR( "mirror')).not.toThrow();
  expect(query('NOT rabbitmq').groups).toHaveLength(0);
});
