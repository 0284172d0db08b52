#!/usr/bin/env node
// `npm start`: builds, then launches the Electron app. Where the Electron runtime is not
// installed, says so in one paragraph and starts browser mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { unsupportedNode } from '../bin/supported-node.js';
import { electronBinary, root } from './electron-runtime.mjs';

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

const binary = electronBinary();
if (binary === undefined) {
  console.log(
    [
      'The Electron runtime is not installed, so the desktop app cannot start. Its download during',
      '`npm install` did not succeed (this machine may not reach the download host). Where the network',
      'allows, run `node node_modules/electron/install.js` (or `npm install` again), then `npm start`.',
      'Starting Handrail in browser mode instead: it is the same app, served on 127.0.0.1 to your browser.',
      '',
    ].join('\n'),
  );
  await import(new URL('../dist/host/serve.js', import.meta.url).href);
} else {
  // The native addons (better-sqlite3, node-pty) are Node-API builds, which Electron loads as
  // they are: the app uses the same node_modules as the tests.
  const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}
