import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../electron/host/runbook-library/revision-diff';

const lines = (count: number, prefix = 'line') =>
  Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`);

describe('diffTexts', () => {
  it('numbers each line in the text it belongs to, with three lines of context', async () => {
    const before = lines(20);
    const after = [...before];
    after[9] = 'changed 10';
    const [hunk, ...rest] = await diffTexts(`${before.join('\n')}\n`, `${after.join('\n')}\n`);
    expect(rest).toEqual([]);
    expect(hunk?.lines.map((line) => line.kind)).toEqual([
      'context',
      'context',
      'context',
      'removed',
      'added',
      'context',
      'context',
      'context',
    ]);
    expect(hunk?.lines[3]).toEqual({ kind: 'removed', text: 'line 10', oldNumber: 10 });
    expect(hunk?.lines[4]).toEqual({ kind: 'added', text: 'changed 10', newNumber: 10 });
    expect(hunk?.lines[5]).toMatchObject({ kind: 'context', oldNumber: 11, newNumber: 11 });
  });

  it('leaves out the "no newline at end of file" marker, which is not a line of either text', async () => {
    const hunks = await diffTexts('a\nb', 'a\nc');
    const texts = hunks.flatMap((hunk) => hunk.lines.map((line) => line.text));
    expect(texts).toEqual(['a', 'b', 'c']);
  });

  it('gives no hunks for equal texts and one added run for an insertion into an empty text', async () => {
    expect(await diffTexts('same\n', 'same\n')).toEqual([]);
    const [hunk] = await diffTexts('', 'x\ny\n');
    expect(hunk?.lines).toEqual([
      { kind: 'added', text: 'x', newNumber: 1 },
      { kind: 'added', text: 'y', newNumber: 2 },
    ]);
  });
});
