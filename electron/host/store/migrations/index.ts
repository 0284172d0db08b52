import type { Migration } from '../migration';
import { migration0001 } from './0001-runbooks';
import { migration0002 } from './0002-terminal-transcripts';
import { migration0003 } from './0003-runs';
import { migration0004 } from './0004-signoffs';
import { migration0005 } from './0005-inventories-and-host-steps';
import { migration0006 } from './0006-reviews';
import { migration0007 } from './0007-search';
import { migration0008 } from './0008-search-review-comments';
import { migration0009 } from './0009-terminal-resizes-and-block-commands';
import { migration0010 } from './0010-run-steps';
import { migration0011 } from './0011-contentless-transcript-index';
import { migration0012 } from './0012-transcript-index-progress';
import { migration0013 } from './0013-workspace-settings';
import { migration0014 } from './0014-compressed-transcript-chunks';

/** Every migration, in order. Add the next one at the end; never edit or reorder released ones. */
export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
];

export const latestSchemaVersion = Math.max(0, ...migrations.map((migration) => migration.version));
