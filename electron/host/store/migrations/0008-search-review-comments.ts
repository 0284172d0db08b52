import type { Migration } from '../migration';

/**
 * Mentor review comments and assessments (migration 0006) become searchable beside runbooks,
 * notes and transcripts (migration 0007): one trigger adds each new entry to search_text with
 * kind 'comment', and the entries written before this migration are indexed by it.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'search: review comments',
  up(db) {
    db.exec(`
      CREATE TRIGGER search_index_review_entry AFTER INSERT ON review_entries
      BEGIN
        INSERT INTO search_text (body, kind, run_id, step_key, ref, author, at)
        VALUES (NEW.text, 'comment', NEW.run_id, NEW.step_key, NEW.seq, NEW.author, NEW.at);
      END;

      INSERT INTO search_text (body, kind, run_id, step_key, ref, author, at)
        SELECT text, 'comment', run_id, step_key, seq, author, at FROM review_entries;
    `);
  },
};
