import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The seed guides live in ../shared/seeds beside the repository (CI clones it that way). */
export const seedsDir = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export function readSeed(name: string): Buffer {
  const path = `${seedsDir}${name}`;
  if (!existsSync(path))
    throw new Error(`seed guide missing: ${path} (shared/ must sit beside the repository)`);
  return readFileSync(path);
}

export const seedNames = [
  'osism-upgrade-guide-overview.md',
  'scs-operations-updates-upgrades.md',
  'openstack-arch-guide-upgrades.rst',
  'spinalstack-upgrade-dev.rst',
  'stackhpc-upgrading-openstack.rst',
];
