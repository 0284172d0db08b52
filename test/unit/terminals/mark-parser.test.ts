import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MarkParser, type ParsedPiece } from '../../../electron/host/terminal/shell-integration/mark-parser';

const nonce = 'a1b2c3d4e5f6a7b8a1b2c3d4e5f6a7b8';
const mark = (body: string, end = '\x07'): string => `\x1b]633;${body}${end}`;

function parseInPieces(input: string, cuts: number[]): { data: string; marks: string[]; rejected: number } {
  const parser = new MarkParser(nonce);
  const bytes = Buffer.from(input, 'utf8');
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: ParsedPiece[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    pieces.push(...parser.push(bytes.subarray(from, point)));
    from = point;
  }
  const data = Buffer.concat([
    ...pieces.flatMap((piece) => (piece.kind === 'data' ? [piece.data] : [])),
    parser.flush(),
  ]).toString('utf8');
  const marks = pieces.flatMap((piece) =>
    piece.kind === 'mark'
      ? [`${piece.letter}${piece.argument === undefined ? '' : `=${piece.argument}`}`]
      : [],
  );
  return { data, marks, rejected: parser.rejected };
}

describe('MarkParser', () => {
  const stream = `out1${mark(`D;${nonce};130`)}${mark(`A;${nonce}`)}$ ${mark(`B;${nonce}`, '\x1b\\')}ls\r\n${mark(`C;${nonce}`)}x`;

  test('removes marks and reports those with the nonce', () => {
    expect(parseInPieces(stream, [])).toEqual({
      data: 'out1$ ls\r\nx',
      marks: ['D=130', 'A', 'B', 'C'],
      rejected: 0,
    });
  });

  test('gives the same result however the stream is cut into chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 12 }), (cuts) => {
        expect(parseInPieces(stream, cuts)).toEqual({
          data: 'out1$ ls\r\nx',
          marks: ['D=130', 'A', 'B', 'C'],
          rejected: 0,
        });
      }),
    );
  });

  test('ignores marks without the nonce or with a wrong one, and removes them', () => {
    const forged = `a${mark('D;1')}b${mark('D;ffffffffffffffffffffffffffffffff;0')}c${mark(`Q;${nonce}`)}d`;
    expect(parseInPieces(forged, [3, 9])).toEqual({ data: 'abcd', marks: [], rejected: 3 });
  });

  test('passes other escape sequences through untouched', () => {
    const other = '\x1b]0;title\x07\x1b[31mred\x1b[0m\x1b]633';
    expect(parseInPieces(other, [5]).data).toBe(other);
  });
});
