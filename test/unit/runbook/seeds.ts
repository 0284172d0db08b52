import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inCi } from '../../support/prerequisites';

/** The team's shared folder sits beside the repository (CI clones it that way). */
export const sharedDir = fileURLToPath(new URL('../../../../shared/', import.meta.url));
export const seedsDir = `${sharedDir}seeds/`;
export const guidesDir = `${sharedDir}guides/`;
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Why the tests that read ../shared/ skip, or undefined when it is there. A clone on its own has
 * no shared folder: those tests skip with this message; with CI=true its absence fails the run.
 */
export function sharedSkipReason(): string | undefined {
  if (existsSync(seedsDir) && existsSync(guidesDir)) return undefined;
  const message = `${sharedDir} (seeds/ and guides/) not found beside the repository`;
  if (inCi) throw new Error(`CI=true and ${message}`);
  return `${message}: skipping the tests that read the shared guides`;
}

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
