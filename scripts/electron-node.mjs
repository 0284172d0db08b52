#!/usr/bin/env node
// The Node major that the pinned Electron ships, which is the Node the app runs its host on, so
// the test suite runs on it too (.ci/electron-node.sh puts it on PATH). Plain JavaScript with no
// dependencies: it runs before `npm ci`, under whatever Node the machine has.
//
// The answer comes from the lockfile, not from a table kept by hand: Electron's own package
// declares `@types/node` at the major it bundles (electron 40: ^24.9.0, Node 24.11.1 in its release
// notes; electron 39: ^22, Node 22.20), so bumping Electron moves the test Node with it. Where the
// runtime is installed, test/e2e/electron.spec.ts checks this against `process.versions.node`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** `{ electron, node }`: the locked Electron version and the Node major it ships. */
export function electronNode(lockfile = join(root, 'package-lock.json')) {
  const lock = JSON.parse(readFileSync(lockfile, 'utf8'));
  const electron = lock.packages?.['node_modules/electron'];
  if (electron === undefined) throw new Error(`${lockfile}: no node_modules/electron entry`);
  const range = electron.dependencies?.['@types/node'];
  const major = /^[\^~]?(\d+)\./.exec(range ?? '')?.[1];
  if (major === undefined)
    throw new Error(
      `${lockfile}: electron ${electron.version} declares @types/node "${range}", not a range of one Node major`,
    );
  return { electron: electron.version, node: Number(major) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { electron, node } = electronNode();
  console.log(process.argv[2] === '--electron' ? electron : String(node));
}
