import type { Migration } from '../migration';
import { migration0001 } from './0001-runbooks';

/** Every migration, in order. Add the next one at the end; never edit or reorder released ones. */
export const migrations: readonly Migration[] = [migration0001];

export const latestSchemaVersion = Math.max(0, ...migrations.map((migration) => migration.version));
