import type { Migration } from '../migration';

/**
 * Two things issue 14 needs from the store:
 * - terminal_resizes: every size a session's terminal took, at the stream offset from which output
 *   was written at that size, so a replay draws each piece at the width it was written at (a
 *   session starts at terminal_sessions.cols/rows).
 * - A block's shell commands (command.finished `parts`, each with its terminal command number)
 *   link to their step for search like the block's first command does (migration 0007's
 *   search_run_commands), so a match in the output of a block's third command names its step.
 *   Events written before this migration have no parts: nothing to backfill.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'terminal resizes; block commands linked to their steps',
  up(db) {
    db.exec(`
      CREATE TABLE terminal_resizes (
        session_id TEXT NOT NULL REFERENCES terminal_sessions(id),
        byte_offset INTEGER NOT NULL,
        at_ms REAL NOT NULL,
        cols INTEGER NOT NULL CHECK (cols > 0),
        rows INTEGER NOT NULL CHECK (rows > 0)
      ) STRICT;
      CREATE INDEX terminal_resizes_by_session ON terminal_resizes (session_id, byte_offset);

      CREATE TRIGGER search_index_block_commands AFTER INSERT ON run_events
      WHEN NEW.type = 'command.finished' AND NEW.step_key IS NOT NULL
        AND json_type(NEW.payload, '$.parts') = 'array'
      BEGIN
        INSERT OR IGNORE INTO search_run_commands (session_id, command_seq, run_id, step_key)
        SELECT sent.terminal_id, json_extract(part.value, '$.terminalSeq'), NEW.run_id, NEW.step_key
        FROM json_each(NEW.payload, '$.parts') AS part,
          (SELECT json_extract(s.payload, '$.terminalId') AS terminal_id FROM run_events s
           WHERE s.run_id = NEW.run_id AND s.step_key = NEW.step_key AND s.seq < NEW.seq
             AND s.type = 'command.sent'
             AND json_extract(s.payload, '$.index') = json_extract(NEW.payload, '$.index')
           ORDER BY s.seq DESC LIMIT 1) AS sent
        WHERE sent.terminal_id IS NOT NULL AND json_extract(part.value, '$.terminalSeq') IS NOT NULL;
      END;
    `);
  },
};
