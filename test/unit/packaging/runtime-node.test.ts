import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unsupportedNode } from '../../../bin/supported-node.js';
import { electronNode } from '../../../scripts/electron-node.mjs';
import { repoRoot } from '../../support/built-app';
import { makeTempDir } from '../../support/temp-dir';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { engines: { node: string } };
// npm's own semver (a dependency of npm and of electron-builder) reads the engines range here.
const semver = require('semver') as { satisfies(version: string, range: string): boolean };

describe('which Node runs Handrail', () => {
  it('bin/supported-node.js accepts exactly the Node versions package.json "engines" names', () => {
    expect(pkg.engines.node).toBe('^22.14 || >=24');
    const versions = [
      '20.20.2',
      '21.7.3',
      '22.0.0',
      '22.12.0',
      '22.13.1',
      '22.14.0',
      '22.23.5',
      '23.11.0',
      '24.0.0',
      '24.22.3',
      '25.1.0',
      '26.0.0',
    ];
    for (const version of versions)
      expect(unsupportedNode(version) === undefined, version).toBe(
        semver.satisfies(version, pkg.engines.node),
      );
    expect(unsupportedNode('20.20.2')).toMatch(/this is Node 20\.20\.2\..*source \.ci\/electron-node\.sh/);
  });

  it('the Node that CI runs the suite on is the major the locked Electron declares', () => {
    const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version: string; dependencies?: Record<string, string> }>;
    };
    const electron = lock.packages['node_modules/electron']!;
    expect(electronNode()).toEqual({
      electron: electron.version,
      node: Number(/\d+/.exec(electron.dependencies!['@types/node']!)![0]),
    });
    // Electron 45 ships Node 24 (as 40 to 44 did); a bump that changes this changes CI's Node.
    expect(electronNode()).toEqual({ electron: '45.5.0', node: 24 });
  });

  it('says which lockfile cannot answer, and why', () => {
    const dir = makeTempDir('handrail-lock-');
    try {
      const lockfile = join(dir.path, 'package-lock.json');
      writeFileSync(lockfile, JSON.stringify({ packages: {} }));
      expect(() => electronNode(lockfile)).toThrow(`${lockfile}: no node_modules/electron entry`);
      writeFileSync(
        lockfile,
        JSON.stringify({
          packages: { 'node_modules/electron': { version: '99.0.0', dependencies: { '@types/node': '*' } } },
        }),
      );
      expect(() => electronNode(lockfile)).toThrow(/electron 99\.0\.0 declares @types\/node "\*"/);
    } finally {
      dir.remove();
    }
  });
});
