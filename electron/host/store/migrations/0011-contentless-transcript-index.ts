import type { Migration } from '../migration';

/**
 * The transcript search index keeps no copy of the text (issue 16). Until now terminal_text (0002)
 * was an FTS5 table with its own content: the plain text of every chunk, stored a second time
 * beside terminal_chunks. In the team's 1,000-step run with 100 kB of output per step that copy
 * (terminal_text_content) was 98 MB for 101 MB of transcript: the database was 2.9× what it
 * records. Now the index is contentless (`content=''`): it holds the words and their positions
 * only, and a search hit's text is read from its chunk (search/transcript-excerpt.ts), a bounded
 * read of one row. `contentless_unindexed=1` (SQLite 3.47) keeps session_id and seq, which a hit
 * needs to find its chunk; they are a few bytes per chunk.
 *
 * Existing indexes move with their rowids, so nothing that names a hit changes. The old table's
 * text is copied aside first because FTS5 cannot be renamed onto: an `ALTER TABLE … RENAME` of a
 * contentless_unindexed table leaves its %_content table under the old name (tried on 3.54).
 * The pages freed stay in the file and are reused as transcripts grow; `VACUUM` gives them back.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'contentless transcript search index',
  up(db) {
    db.exec(`
      CREATE TABLE terminal_text_moving AS
        SELECT rowid AS id, text, session_id, seq FROM terminal_text;
      DROP TABLE terminal_text;
      CREATE VIRTUAL TABLE terminal_text USING fts5(
        text, session_id UNINDEXED, seq UNINDEXED, content='', contentless_unindexed=1
      );
      INSERT INTO terminal_text (rowid, text, session_id, seq)
        SELECT id, text, session_id, seq FROM terminal_text_moving ORDER BY id;
      DROP TABLE terminal_text_moving;
    `);
  },
};
