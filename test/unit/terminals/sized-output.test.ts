import { expect, test } from 'vitest';
import { cutAtResizes } from '../../../renderer/src/terminals/sized-output';

const bytes = new TextEncoder().encode('0123456789');
const text = (pieces: ReturnType<typeof cutAtResizes>) =>
  pieces.map((piece) => [new TextDecoder().decode(piece.data), piece.size?.cols]);

test('output is cut where the terminal was resized, each piece after its size', () => {
  // The chunk covers bytes 100..109 of the stream.
  const resizes = [
    { offset: 50, cols: 70, rows: 20 },
    { offset: 103, cols: 80, rows: 24 },
    { offset: 103, cols: 90, rows: 24 },
    { offset: 107, cols: 100, rows: 24 },
    { offset: 200, cols: 110, rows: 24 },
  ];
  expect(text(cutAtResizes(bytes, 100, resizes))).toEqual([
    ['012', undefined],
    ['3456', 90],
    ['789', 100],
  ]);
  expect(text(cutAtResizes(bytes, 100, []))).toEqual([['0123456789', undefined]]);
  expect(text(cutAtResizes(bytes, 100, [{ offset: 100, cols: 60, rows: 20 }]))).toEqual([['0123456789', 60]]);
  expect(text(cutAtResizes(bytes, 100, [{ offset: 110, cols: 60, rows: 20 }]))).toEqual([
    ['0123456789', undefined],
    ['', 60],
  ]);
});
