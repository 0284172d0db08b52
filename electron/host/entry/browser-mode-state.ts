import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * What browser mode keeps in its data folder (0700; this file 0600) so that a host started again
 * takes its open tabs back: the port it listened on and its access token. A tab keeps the token
 * in its sessionStorage (moved there from the URL when it loaded), which belongs to the origin and
 * so to the port, and offers it on every connection: with both unchanged the tab reconnects by
 * itself, with another port it needs the new URL. The
 * token guards against other users and other sites, neither of which can read the data folder;
 * delete the file for a new one.
 */
export const browserModeStateFile = 'browser-mode.json';

const browserModeState = z.object({
  port: z.number().int().min(1).max(65_535),
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type BrowserModeState = z.infer<typeof browserModeState>;

/** The state a previous start left, if it is there and well formed (anything else is ignored). */
export function readBrowserModeState(dataDir: string): BrowserModeState | undefined {
  try {
    const parsed = browserModeState.safeParse(
      JSON.parse(readFileSync(join(dataDir, browserModeStateFile), 'utf8')),
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function writeBrowserModeState(dataDir: string, state: BrowserModeState): void {
  const path = join(dataDir, browserModeStateFile);
  writeFileSync(`${path}.new`, `${JSON.stringify(state)}\n`, { mode: 0o600 });
  renameSync(`${path}.new`, path);
}
