import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';

/**
 * The fuses the packaged app must have (issue 20), checked two ways: as written in
 * electron-builder.config.cjs, and as electron-builder's own code flips them. electron-builder
 * turns `electronFuses` into a wire with `generateFuseConfig` and writes it with @electron/fuses'
 * `flipFuses` (app-builder-lib/out/platformPackager.js); here both run on a file that carries the
 * fuse wire as an Electron binary does (sentinel, wire version, length, one byte per fuse, set to
 * Electron's defaults), and `@electron/fuses read` reads it back. The packaged binary itself is
 * read by test/e2e/electron.spec.ts where the Electron runtime is installed.
 */
const require = createRequire(import.meta.url);
const config = require('../../../electron-builder.config.cjs') as { electronFuses?: Record<string, boolean> };
// The @electron/fuses that electron-builder itself loads, whatever else is installed.
const fromBuilder = createRequire(require.resolve('app-builder-lib/package.json'));
const fuses = fromBuilder('@electron/fuses') as {
  FuseV1Options: Record<string, number | string>;
  flipFuses(path: string, config: Record<string, unknown>): Promise<number>;
};
const { SENTINEL } = fromBuilder('@electron/fuses/dist/constants.js') as { SENTINEL: string };
const { PlatformPackager } = require('app-builder-lib') as {
  PlatformPackager: { prototype: { generateFuseConfig(fuses: unknown): Promise<Record<string, unknown>> } };
};

/** Issue 20's list: each fuse and the state the packaged app must have. */
const required = {
  RunAsNode: 'Disabled',
  EnableNodeOptionsEnvironmentVariable: 'Disabled',
  EnableNodeCliInspectArguments: 'Disabled',
  EnableCookieEncryption: 'Enabled',
  OnlyLoadAppFromAsar: 'Enabled',
  EnableEmbeddedAsarIntegrityValidation: 'Enabled',
  GrantFileProtocolExtraPrivileges: 'Disabled',
} as const;
/** Left as Electron ships it: a V8 start-up snapshot for main alone, a speed feature, not a way in. */
const leftAtDefault = ['LoadBrowserProcessSpecificV8Snapshot'];

/** Electron's defaults for the eight V1 fuses, in wire order ('1' on, '0' off; electron's fuses.json5). */
const electronDefaults = '10110000';

function fakeElectronBinary(path: string): void {
  const wire = Buffer.from(electronDefaults, 'latin1');
  const header = Buffer.concat([Buffer.from(SENTINEL, 'latin1'), Buffer.from([1, wire.length])]);
  writeFileSync(path, Buffer.concat([Buffer.alloc(4096, 0x90), header, wire, Buffer.alloc(4096, 0x90)]));
}

function readWithCli(path: string): Record<string, string> {
  const output = execFileSync(
    process.execPath,
    [fromBuilder.resolve('@electron/fuses/dist/bin.js'), 'read', '--app', path],
    { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } },
  );
  return Object.fromEntries([...output.matchAll(/^\s+(\w+) is (\w+)$/gm)].map((m) => [m[1], m[2]]));
}

describe('the fuses of the packaged app', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir('handrail-fuses-');
  });
  afterEach(() => dir.remove());

  it('are set in the configuration as the issue lists them', () => {
    const names: Record<string, string> = {
      RunAsNode: 'runAsNode',
      EnableNodeOptionsEnvironmentVariable: 'enableNodeOptionsEnvironmentVariable',
      EnableNodeCliInspectArguments: 'enableNodeCliInspectArguments',
      EnableCookieEncryption: 'enableCookieEncryption',
      OnlyLoadAppFromAsar: 'onlyLoadAppFromAsar',
      EnableEmbeddedAsarIntegrityValidation: 'enableEmbeddedAsarIntegrityValidation',
      GrantFileProtocolExtraPrivileges: 'grantFileProtocolExtraPrivileges',
    };
    for (const [fuse, state] of Object.entries(required))
      expect(config.electronFuses?.[names[fuse]!], fuse).toBe(state === 'Enabled');
    expect(Object.keys(config.electronFuses ?? {}).sort()).toEqual(Object.values(names).sort());
  });

  it('cover every fuse @electron/fuses knows, each set or left at its default on purpose', () => {
    const known = Object.keys(fuses.FuseV1Options).filter((key) => Number.isNaN(Number(key)));
    expect(known.sort()).toEqual([...Object.keys(required), ...leftAtDefault].sort());
  });

  it('are what electron-builder writes into an Electron binary', async () => {
    const binary = join(dir.path, 'handrail');
    fakeElectronBinary(binary);
    expect(readWithCli(binary).RunAsNode).toBe('Enabled'); // Electron's default, before packaging
    const wire = await PlatformPackager.prototype.generateFuseConfig(config.electronFuses);
    expect(await fuses.flipFuses(binary, wire)).toBe(1);
    const read = readWithCli(binary);
    expect(read).toEqual({ ...required, LoadBrowserProcessSpecificV8Snapshot: 'Disabled' });
    // Only the wire changed: the bytes around it are as they were.
    const after = readFileSync(binary);
    expect(after.subarray(0, 4096).every((byte) => byte === 0x90)).toBe(true);
    expect(after.subarray(after.length - 4096).every((byte) => byte === 0x90)).toBe(true);
  });
});
