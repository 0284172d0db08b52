import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './built-app';

/** The Electron runtime binary if its download succeeded (electron writes path.txt then). */
export function electronBinary(): string | undefined {
  const pathFile = join(repoRoot, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(repoRoot, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

export const electronMissingReason =
  'the Electron runtime is not installed (its download host is unreachable from this machine); ' +
  'run `node node_modules/electron/install.js` where the network allows to enable this test';
