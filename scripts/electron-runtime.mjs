// Where the Electron runtime is, if it is installed, and its version. Shared by postinstall and
// start; plain JavaScript because both run before anything is built.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = join(root, 'node_modules', 'electron');

/** The installed electron package's version, or undefined when the package itself is absent. */
export function electronPackageVersion() {
  const manifest = join(electronDir, 'package.json');
  if (!existsSync(manifest)) return undefined;
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

/** The runtime binary, when its download has succeeded (electron writes path.txt after it). */
export function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

export const electronInstallScript = join(electronDir, 'install.js');
