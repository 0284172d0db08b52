import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePaths } from '../entry/paths';

/**
 * Where the bundled runbook templates are. The host runs from its bundles in dist/host/ (app,
 * browser mode, CLI), where `bundlePaths` points at the repository's resources/, and from source
 * under vitest, where this file sits three folders below the repository root. The first folder
 * that exists wins; `HANDRAIL_RESOURCES_DIR` lets a packaged app put its resources elsewhere.
 */
export function templatesDir(): string {
  const candidates = [
    process.env.HANDRAIL_RESOURCES_DIR,
    bundlePaths.resourcesDir,
    fileURLToPath(new URL('../../../resources/', import.meta.url)),
  ].filter((dir): dir is string => dir !== undefined && dir !== '');
  const found = candidates.map((dir) => join(dir, 'runbooks')).find((dir) => existsSync(dir));
  return found ?? join(candidates[candidates.length - 1] as string, 'runbooks');
}
