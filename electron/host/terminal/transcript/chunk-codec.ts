import { constants, zstdCompressSync, zstdDecompressSync } from 'node:zlib';

/**
 * How a stored transcript chunk's `data` is encoded (`terminal_chunks.encoding`, migration 0014).
 * Rows written before 0014 are raw; since then the writer stores zstd where it is smaller.
 */
export const rawEncoding = 0;
export const zstdEncoding = 1;

/**
 * zstd level 3 (zstd's default): on a 64 KiB chunk of the benches' mixed terminal text
 * (mixed-text.ts) it made 6.1× in 0.18 ms and read back in 0.13 ms (Node 24, the team's 2-core
 * machine, loaded); level 1 made 5.7× in 0.16 ms, level 5 6.5× in 0.42 ms, deflate level 1 5.3×
 * and level 6 8.0× in 1.3 ms. Terminal output is repetitive (log lines, colour codes), so
 * per-chunk compression takes most of what a whole-stream one would.
 */
const level = 3;

export interface EncodedChunk {
  encoding: number;
  data: Buffer;
}

/** The chunk as stored: zstd when that is smaller, else the bytes themselves. */
export function encodeChunk(data: Buffer): EncodedChunk {
  const packed = zstdCompressSync(data, { params: { [constants.ZSTD_c_compressionLevel]: level } });
  return packed.length < data.length
    ? { encoding: zstdEncoding, data: packed }
    : { encoding: rawEncoding, data };
}

/** The chunk's stream bytes, from its stored `data` and `encoding`. */
export function decodeChunk(data: Buffer, encoding: number | null | undefined): Buffer {
  if (encoding === undefined || encoding === null || encoding === rawEncoding) return data;
  if (encoding === zstdEncoding) return zstdDecompressSync(data);
  throw new Error(`transcript chunk with unknown encoding ${encoding}`);
}

/** SQL for a chunk's stream length: `bytes` since 0014, the stored length before (raw rows). */
export const chunkLengthSql = 'COALESCE(bytes, length(data))';
