import type { Migration } from '../migration';

/**
 * Transcript indexing moves off the stream (issue 17): the recorder stores raw chunks in its group
 * commit, and a worker thread indexes their plain text for search afterwards
 * (terminal/transcript/index-worker.ts). `terminal_text_progress` says, per session, the last
 * chunk seq the index holds; it is written in the same transaction as that chunk's index row, so
 * after a crash the index is caught up from exactly there, with no row twice and none missing.
 *
 * Every session recorded before this migration was indexed inline with its chunks, so its
 * progress is its last chunk.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'transcript index progress',
  up(db) {
    db.exec(`
      CREATE TABLE terminal_text_progress (
        session_id TEXT PRIMARY KEY REFERENCES terminal_sessions(id),
        seq INTEGER NOT NULL
      ) STRICT;
      INSERT INTO terminal_text_progress (session_id, seq)
        SELECT session_id, MAX(seq) FROM terminal_chunks GROUP BY session_id;
    `);
  },
};
