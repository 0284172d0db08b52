import type { Migration } from '../migration';

/**
 * Transcript chunks may be stored compressed (issue 16's database-size bar). In the run-length
 * bench (1,000 steps, 100 kB each) the raw chunks were 102 MB of a 195 MB database; zstd at level
 * 1 keeps them in about a sixth (terminal/transcript/chunk-codec.ts). `encoding` says how `data`
 * is stored (0 raw, 1 zstd) and `bytes` is the chunk's stream length, which offsets and ranges are
 * counted in. Rows written before stay as they are (encoding 0, bytes NULL: their length is
 * length(data)), so nothing is rewritten; readers decode by the row's encoding.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'compressed transcript chunks',
  up(db) {
    db.exec(`
      ALTER TABLE terminal_chunks ADD COLUMN encoding INTEGER NOT NULL DEFAULT 0 CHECK (encoding IN (0, 1));
      ALTER TABLE terminal_chunks ADD COLUMN bytes INTEGER;
    `);
  },
};
