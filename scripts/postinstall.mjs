#!/usr/bin/env node
// Runs after `npm install`. The electron package has no install script of its own (since Electron
// 42 it would fetch the runtime on first use); here the download is tried once, so that `npm start`
// finds the desktop runtime. Success installs it; failure, as on machines that cannot reach its
// download host, is one plain line and the install still succeeds (`npm start` then uses browser
// mode). Nothing is built here: the native addons are Node-API builds that Electron loads as they are.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { electronBinary, electronInstallScript, electronPackageVersion, root } from './electron-runtime.mjs';

function main() {
  const version = electronPackageVersion();
  if (version === undefined || !existsSync(electronInstallScript)) return; // production install without devDependencies
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || process.env.HANDRAIL_SKIP_ELECTRON) {
    console.log(
      'handrail: skipping the Electron runtime download (ELECTRON_SKIP_BINARY_DOWNLOAD or HANDRAIL_SKIP_ELECTRON is set).',
    );
    return;
  }
  if (electronBinary() !== undefined) return;
  const download = spawnSync(process.execPath, [electronInstallScript], {
    cwd: root,
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  if (download.status !== 0 || electronBinary() === undefined) {
    console.log(
      `handrail: the Electron ${version} runtime could not be downloaded (${firstReason(download)}); ` +
        '`npm start` will run Handrail in browser mode. Retry later with `node node_modules/electron/install.js`.',
    );
    return;
  }
  console.log(`handrail: Electron ${version} runtime installed.`);
}

/** The one reason worth printing: the last line of the installer's error output, trimmed. */
function firstReason(result) {
  if (result.error)
    return result.error.code === 'ETIMEDOUT' ? 'the download timed out' : result.error.message;
  const lines = `${result.stderr ?? ''}`
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const message =
    lines.find((line) => /error/i.test(line) && !line.startsWith('at ')) ??
    lines[0] ??
    `exit code ${result.status}`;
  return message.length > 160 ? `${message.slice(0, 157)}...` : message;
}

try {
  main();
} catch (error) {
  console.log(
    `handrail: postinstall could not prepare the Electron runtime (${error instanceof Error ? error.message : error}); browser mode still works.`,
  );
}
