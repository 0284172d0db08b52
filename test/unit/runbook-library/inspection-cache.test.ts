import { expect, test } from 'vitest';
import { InspectionCache } from '../../../electron/host/runbook-library/inspection-cache';
import { listRunbook } from '../../support/scale-runbooks';

test('the same source is inspected once; another source, name or an evicted one again', () => {
  const cache = new InspectionCache(2);
  const small = listRunbook(1, 2);
  const first = cache.inspect(small, 'a.md');
  expect(first.runbook?.phases[0]?.steps.map((step) => step.id)).toEqual(['s-1-1', 's-1-2']);
  expect(cache.inspect(small, 'a.md')).toBe(first);
  expect(cache.inspect(`${small}\n`, 'a.md')).not.toBe(first);
  // Two more entries after a.md (the one with a newline, then b.md): a.md is the oldest and goes.
  const named = cache.inspect(small, 'b.md');
  expect(named).not.toBe(first);
  expect(named).toEqual(first);
  expect(cache.inspect(small, 'b.md')).toBe(named);
  expect(cache.inspect(small, 'a.md')).not.toBe(first);
});

test('a source that does not parse keeps its diagnostics, with the file name', () => {
  const cache = new InspectionCache();
  const broken = cache.inspect('# T\n\n## P\n\n### S {kind=nonsense}\n', 'broken.md');
  expect(broken.runbook).toBeNull();
  expect(broken.diagnostics[0]).toMatchObject({ severity: 'error', file: 'broken.md' });
  expect(cache.inspect('# T\n\n## P\n\n### S {kind=nonsense}\n', 'broken.md')).toBe(broken);
});
