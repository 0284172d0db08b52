import { readFileSync } from 'node:fs';

/** The app's version, from package.json (read once; bundles and sources find it the same way). */
export function readVersion(packageJsonUrl: URL): string {
  const parsed = JSON.parse(readFileSync(packageJsonUrl, 'utf8')) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
}
