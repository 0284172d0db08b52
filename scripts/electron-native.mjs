// better-sqlite3 is a native addon with a per-runtime ABI: the build in node_modules serves Node
// (tests, browser mode, CLI) and the app needs one built against Electron. This keeps the Electron
// build in .native/electron-<version>/, apart, so running the app never breaks the tests and the
// reverse. The host loads it through better-sqlite3's `nativeBinding` option.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './electron-runtime.mjs';

export function electronSqlitePath(version) {
  return join(root, '.native', `electron-${version}`, 'better_sqlite3.node');
}

/** Builds (or downloads a prebuilt) better-sqlite3 for this Electron version, once. */
export function ensureElectronSqlite(version) {
  const target = electronSqlitePath(version);
  if (existsSync(target)) return { ok: true, path: target };
  const work = join(root, '.native', `build-electron-${version}`);
  rmSync(work, { recursive: true, force: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), work, {
    recursive: true,
    filter: (source) => !source.includes(`${join('better-sqlite3', 'build')}`),
  });
  // npm's user config may point node-gyp at Node's headers (nodedir); Electron needs its own.
  const env = { ...process.env };
  for (const key of Object.keys(env))
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url)$/i.test(key)) delete env[key];
  const attempts = [
    [join(root, 'node_modules', 'prebuild-install', 'bin.js'), '--runtime', 'electron', '--target', version],
    [nodeGyp(), 'rebuild', '--release', `--target=${version}`, '--dist-url=https://electronjs.org/headers'],
  ];
  for (const [script, ...args] of attempts) {
    if (script === undefined || !existsSync(script)) continue;
    const result = spawnSync(process.execPath, [script, ...args], {
      cwd: work,
      env,
      stdio: 'ignore',
      timeout: 15 * 60_000,
    });
    const built = join(work, 'build', 'Release', 'better_sqlite3.node');
    if (result.status === 0 && existsSync(built)) {
      mkdirSync(join(root, '.native', `electron-${version}`), { recursive: true });
      cpSync(built, target);
      rmSync(work, { recursive: true, force: true });
      return { ok: true, path: target };
    }
  }
  rmSync(work, { recursive: true, force: true });
  return {
    ok: false,
    message:
      `could not build better-sqlite3 for Electron ${version} (no prebuilt binary could be fetched and node-gyp ` +
      'failed); the app needs it. Check that python3, make and a C++ compiler are installed, then run `npm start` again.',
  };
}

function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((candidate) => candidate && existsSync(candidate));
}
