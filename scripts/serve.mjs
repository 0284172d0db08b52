#!/usr/bin/env node
// `npm run serve`: builds what is out of date, then starts browser mode (`handrail serve`).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { unsupportedNode } from '../bin/supported-node.js';
import { root } from './electron-runtime.mjs';

const unsupported = unsupportedNode();
if (unsupported !== undefined) {
  console.error(`handrail: ${unsupported}`);
  process.exit(2);
}

const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-needed'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);
await import(new URL('../dist/host/serve.js', import.meta.url).href);
