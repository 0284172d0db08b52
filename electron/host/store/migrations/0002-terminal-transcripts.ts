import type { Migration } from '../migration';

/**
 * Terminal sessions and their transcripts. A transcript is every byte the pty wrote (with the
 * shell-integration marks removed and secrets masked), in chunks with the time since the session
 * started, so it can be replayed or exported as asciicast v2. Keystrokes are never stored.
 * terminal_text is an FTS5 index of each chunk's text without escape sequences.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'terminal sessions, transcripts and commands',
  up(db) {
    db.exec(`
      CREATE TABLE terminal_sessions (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('local', 'ssh')),
        title TEXT NOT NULL,
        profile TEXT NOT NULL DEFAULT '{}',
        cols INTEGER NOT NULL,
        rows INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        exit_code INTEGER,
        -- complete: the stream's end was read (the wrapper's Z mark); 0 while open or if lost.
        complete INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE terminal_chunks (
        session_id TEXT NOT NULL REFERENCES terminal_sessions(id),
        seq INTEGER NOT NULL,
        byte_offset INTEGER NOT NULL,
        at_ms REAL NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (session_id, seq)
      ) STRICT;

      CREATE TABLE terminal_commands (
        session_id TEXT NOT NULL REFERENCES terminal_sessions(id),
        seq INTEGER NOT NULL,
        text TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        exit_code INTEGER,
        outcome TEXT NOT NULL CHECK (outcome IN ('running', 'finished', 'unknown')),
        output_start INTEGER NOT NULL,
        output_end INTEGER,
        PRIMARY KEY (session_id, seq)
      ) STRICT;

      CREATE VIRTUAL TABLE terminal_text USING fts5(text, session_id UNINDEXED, seq UNINDEXED);
    `);
  },
};
