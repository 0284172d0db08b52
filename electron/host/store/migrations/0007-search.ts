import type { Migration } from '../migration';

/**
 * Search across runbooks, run notes and transcripts (FTS5).
 *
 * search_text holds every searchable text except transcripts, one row per text, told apart by
 * `kind` ('runbook' for a revision, 'note' for a run note). Each row carries where it belongs
 * (run, step, runbook and revision, the event's seq, author, time), so the search service needs
 * no knowledge of a kind to find, filter and group its rows: a later migration makes a new kind
 * searchable by adding one trigger that inserts rows of its own kind (review comments: kind
 * 'comment', run_id, step_key, ref = the comment's id or seq, author, at). Rows are written by
 * triggers in the transaction that writes the source row, so the index never lags behind.
 *
 * Transcripts are already indexed per chunk in terminal_text (0002). What they lack is the link to
 * runs: search_run_sessions says which run a terminal session belongs to (terminal.opened and
 * command.sent events name it), search_run_commands which step each command of the session ran
 * for (command.finished names the command's seq; its command.sent names the session).
 */
export const migration0007: Migration = {
  version: 7,
  name: 'search: full-text index of runbooks and notes, transcripts linked to runs and steps',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE search_text USING fts5(
        body,
        kind UNINDEXED,
        run_id UNINDEXED,
        step_key UNINDEXED,
        runbook_id UNINDEXED,
        revision UNINDEXED,
        ref UNINDEXED,
        author UNINDEXED,
        at UNINDEXED
      );

      CREATE TABLE search_run_sessions (
        session_id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL
      ) STRICT;
      CREATE INDEX search_run_sessions_by_run ON search_run_sessions(run_id);

      CREATE TABLE search_run_commands (
        session_id TEXT NOT NULL,
        command_seq INTEGER NOT NULL,
        run_id TEXT NOT NULL,
        step_key TEXT NOT NULL,
        PRIMARY KEY (session_id, command_seq)
      ) STRICT;

      CREATE TRIGGER search_index_revision AFTER INSERT ON runbook_revisions
      BEGIN
        INSERT INTO search_text (body, kind, runbook_id, revision, ref, author, at)
        VALUES (NEW.title || char(10) || NEW.source, 'runbook', NEW.runbook_id, NEW.revision,
                NEW.revision, NEW.author, NEW.created_at);
      END;

      CREATE TRIGGER search_index_note AFTER INSERT ON run_events WHEN NEW.type = 'note.added'
      BEGIN
        INSERT INTO search_text (body, kind, run_id, step_key, ref, author, at)
        VALUES (json_extract(NEW.payload, '$.text'), 'note', NEW.run_id, NEW.step_key, NEW.seq,
                NEW.actor, NEW.at);
      END;

      CREATE TRIGGER search_index_session AFTER INSERT ON run_events
      WHEN NEW.type IN ('terminal.opened', 'command.sent')
        AND json_extract(NEW.payload, '$.terminalId') IS NOT NULL
      BEGIN
        INSERT OR IGNORE INTO search_run_sessions (session_id, run_id)
        VALUES (json_extract(NEW.payload, '$.terminalId'), NEW.run_id);
      END;

      CREATE TRIGGER search_index_command AFTER INSERT ON run_events
      WHEN NEW.type = 'command.finished' AND NEW.step_key IS NOT NULL
        AND json_extract(NEW.payload, '$.terminalSeq') IS NOT NULL
      BEGIN
        INSERT OR IGNORE INTO search_run_commands (session_id, command_seq, run_id, step_key)
        SELECT json_extract(sent.payload, '$.terminalId'), json_extract(NEW.payload, '$.terminalSeq'),
               NEW.run_id, NEW.step_key
        FROM run_events sent
        WHERE sent.run_id = NEW.run_id AND sent.step_key = NEW.step_key AND sent.seq < NEW.seq
          AND sent.type = 'command.sent'
          AND json_extract(sent.payload, '$.index') = json_extract(NEW.payload, '$.index')
          AND json_extract(sent.payload, '$.terminalId') IS NOT NULL
        ORDER BY sent.seq DESC LIMIT 1;
      END;
    `);
    backfill(db);
  },
};

/** Indexes what was written before this migration, exactly as the triggers would have. */
function backfill(db: Parameters<Migration['up']>[0]): void {
  db.exec(`
    INSERT INTO search_text (body, kind, runbook_id, revision, ref, author, at)
    SELECT title || char(10) || source, 'runbook', runbook_id, revision, revision, author, created_at
    FROM runbook_revisions ORDER BY runbook_id, revision;

    INSERT INTO search_text (body, kind, run_id, step_key, ref, author, at)
    SELECT json_extract(payload, '$.text'), 'note', run_id, step_key, seq, actor, at
    FROM run_events WHERE type = 'note.added' ORDER BY run_id, seq;

    INSERT OR IGNORE INTO search_run_sessions (session_id, run_id)
    SELECT json_extract(payload, '$.terminalId'), run_id FROM run_events
    WHERE type IN ('terminal.opened', 'command.sent') AND json_extract(payload, '$.terminalId') IS NOT NULL
    ORDER BY run_id, seq;

    INSERT OR IGNORE INTO search_run_commands (session_id, command_seq, run_id, step_key)
    SELECT session_id, command_seq, run_id, step_key FROM (
      SELECT (SELECT json_extract(sent.payload, '$.terminalId') FROM run_events sent
              WHERE sent.run_id = done.run_id AND sent.step_key = done.step_key AND sent.seq < done.seq
                AND sent.type = 'command.sent'
                AND json_extract(sent.payload, '$.index') = json_extract(done.payload, '$.index')
              ORDER BY sent.seq DESC LIMIT 1) AS session_id,
             json_extract(done.payload, '$.terminalSeq') AS command_seq, done.run_id, done.step_key
      FROM run_events done
      WHERE done.type = 'command.finished' AND done.step_key IS NOT NULL
        AND json_extract(done.payload, '$.terminalSeq') IS NOT NULL
    ) WHERE session_id IS NOT NULL;
  `);
}
