import { expect, test } from 'vitest';
import { InspectionCache } from '../../../electron/host/runbook-library/inspection-cache';
import { inspectSource } from '../../../electron/host/runbook-library/runbook-codec';
import type { RunbookReader } from '../../../electron/host/runbook-reader/runbook-reader';
import { listRunbook } from '../../support/scale-runbooks';

/** The real inspection, on this thread (the worker around it is tested in the integration suite). */
function countingReader(): { reader: RunbookReader; reads: () => number } {
  let reads = 0;
  const reader = {
    inspect: async (source: string, file: string) => {
      reads += 1;
      return inspectSource(source, file);
    },
  } as unknown as RunbookReader;
  return { reader, reads: () => reads };
}

test('the same source is inspected once; another source, name or an evicted one again', async () => {
  const { reader, reads } = countingReader();
  const cache = new InspectionCache(reader, 2);
  const small = listRunbook(1, 2);
  const first = await cache.inspect(small, 'a.md');
  expect(first.runbook?.phases[0]?.steps.map((step) => step.id)).toEqual(['s-1-1', 's-1-2']);
  expect(await cache.inspect(small, 'a.md')).toBe(first);
  expect(reads()).toBe(1);
  expect(await cache.inspect(`${small}\n`, 'a.md')).not.toBe(first);
  // Two more entries after a.md (the one with a newline, then b.md): a.md is the oldest and goes.
  const named = await cache.inspect(small, 'b.md');
  expect(named).not.toBe(first);
  expect(named).toEqual(first);
  expect(await cache.inspect(small, 'b.md')).toBe(named);
  expect(await cache.inspect(small, 'a.md')).not.toBe(first);
  expect(reads()).toBe(4);
});

test('two callers asking for the same source at once share one read', async () => {
  const { reader, reads } = countingReader();
  const cache = new InspectionCache(reader);
  const source = listRunbook(2, 3);
  const [a, b] = await Promise.all([cache.inspect(source, 'a.md'), cache.inspect(source, 'a.md')]);
  expect(a).toBe(b);
  expect(reads()).toBe(1);
});

test('a source that does not parse keeps its diagnostics, with the file name', async () => {
  const cache = new InspectionCache(countingReader().reader);
  const broken = await cache.inspect('# T\n\n## P\n\n### S {kind=nonsense}\n', 'broken.md');
  expect(broken.runbook).toBeNull();
  expect(broken.diagnostics[0]).toMatchObject({ severity: 'error', file: 'broken.md' });
  expect(await cache.inspect('# T\n\n## P\n\n### S {kind=nonsense}\n', 'broken.md')).toBe(broken);
});
