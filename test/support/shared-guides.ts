import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inCi } from './prerequisites';

/**
 * The team's shared folder beside the repository (CI clones it that way): `seeds/` and `guides/`
 * hold the real guides the importer is tested and measured on. A clone on its own has none.
 */
export const sharedDir = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const seedsDir = `${sharedDir}seeds/`;
export const guidesDir = `${sharedDir}guides/`;

/**
 * Why the tests that read ../shared/ skip (undefined when it is there). With CI=true its absence
 * throws instead, failing the run, so CI can never pass by skipping them.
 */
export function sharedSkipReason(): string | undefined {
  if (existsSync(seedsDir) && existsSync(guidesDir)) return undefined;
  const message = `${sharedDir} (seeds/ and guides/) not found beside the repository`;
  if (inCi) throw new Error(`CI=true and ${message}`);
  return `${message}: skipping the tests that read the shared guides`;
}
