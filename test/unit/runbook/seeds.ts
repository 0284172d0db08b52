import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { guidesDir, seedsDir, sharedSkipReason } from '../../support/shared-guides';

export { guidesDir, seedsDir, sharedDir } from '../../support/shared-guides';
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export const sharedMissing = sharedSkipReason();
if (sharedMissing !== undefined) console.warn(sharedMissing);

export function readSeed(name: string): Buffer {
  return readFileSync(`${seedsDir}${name}`);
}

export const seedNames = [
  'osism-upgrade-guide-overview.md',
  'scs-operations-updates-upgrades.md',
  'openstack-arch-guide-upgrades.rst',
  'spinalstack-upgrade-dev.rst',
  'stackhpc-upgrading-openstack.rst',
];

/** Every guide and script of ../shared/guides/ and ../shared/seeds/ (README files left out). */
export function corpusFiles(): { name: string; path: string }[] {
  if (sharedMissing !== undefined) return [];
  return [guidesDir, seedsDir].flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => !/^README/i.test(name))
      .sort()
      .map((name) => ({ name, path: `${dir}${name}` })),
  );
}
