import { chmodSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface DataDirSources {
  env: NodeJS.ProcessEnv;
  /** Electron's user-data folder, when the host runs inside the app. */
  electronUserData?: string | undefined;
}

/**
 * Where Handrail keeps its database and files: HANDRAIL_DATA_DIR if set, else Electron's
 * user-data folder in the app, else $XDG_DATA_HOME/handrail, else ~/.local/share/handrail.
 */
export function resolveDataDir({ env, electronUserData }: DataDirSources): string {
  if (env.HANDRAIL_DATA_DIR) return env.HANDRAIL_DATA_DIR;
  if (electronUserData) return electronUserData;
  const xdg = env.XDG_DATA_HOME;
  return join(xdg ? xdg : join(homedir(), '.local', 'share'), 'handrail');
}

/** Creates the folder if needed and makes it the user's alone (0700), also when it existed. */
export function prepareDataDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

export const databaseFileName = 'handrail.db';
