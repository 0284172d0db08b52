import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePaths } from '../entry/paths';

/**
 * Where the practice sandbox lives and how its shell starts (docs/sandbox.md). The stand-in
 * commands ship in resources/sandbox/bin; the shell's home is a folder of the data folder, so
 * what the stand-ins and the templates write (kolla-diff, branches, fail-once) never lands in
 * the user's own home.
 */
export function sandboxResourcesDir(): string {
  const candidates = [
    process.env.HANDRAIL_RESOURCES_DIR,
    bundlePaths.resourcesDir,
    fileURLToPath(new URL('../../../resources/', import.meta.url)),
  ].filter((dir): dir is string => dir !== undefined && dir !== '');
  const found = candidates.map((dir) => join(dir, 'sandbox')).find((dir) => existsSync(join(dir, 'bin')));
  const dir = found ?? join(candidates[candidates.length - 1] as string, 'sandbox');
  // A shell cannot run a file inside app.asar: the packaged app unpacks resources/sandbox
  // (electron-builder.config.cjs, asarUnpack) beside it.
  return dir.replace(/app\.asar([/\\])/, 'app.asar.unpacked$1');
}

/** The sandbox shell's home and working folder, seeded from resources/sandbox/home when missing. */
export function sandboxHome(dataDir: string): string {
  const home = join(dataDir, 'sandbox', 'home');
  if (!existsSync(home)) {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    cpSync(join(sandboxResourcesDir(), 'home'), home, { recursive: true, force: false });
  }
  return home;
}

/**
 * The environment of a sandbox shell: the host's, with the stand-ins first on PATH, HOME in the
 * sandbox (so the user's rc files, which could set PATH again, are not read) and the sandbox's
 * own knobs passed on (the host keeps its other HANDRAIL_ variables from shells).
 */
export function sandboxShellEnv(inherited: Record<string, string>, home: string): Record<string, string> {
  const bin = join(sandboxResourcesDir(), 'bin');
  const env: Record<string, string> = {
    ...inherited,
    PATH: [bin, inherited.PATH ?? '/usr/bin:/bin'].join(delimiter),
    HOME: home,
    HANDRAIL_SANDBOX_HOME: home,
    HANDRAIL_SANDBOX_BIN: bin,
  };
  for (const knob of ['HANDRAIL_SANDBOX_SPEED', 'HANDRAIL_SANDBOX_FAIL']) {
    const value = process.env[knob];
    if (value !== undefined) env[knob] = value;
  }
  return env;
}
