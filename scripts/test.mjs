#!/usr/bin/env node
// `npm test`: everything that runs on a plain Linux machine, in order of cost: type check, lint
// and format, unit and integration tests (vitest), then end-to-end tests in browser mode
// (Playwright + Chromium), then the reliability suite. Where a prerequisite is missing (Chromium, sshd) it says so in one line
// and the tests that need it skip; with CI=true a missing prerequisite fails the run.
// Ends with one line: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unsupportedNode } from '../bin/supported-node.js';
import { electronNode } from './electron-node.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const bin = (name) => join(root, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedSteps = [];

// The app runs the host on Electron's Node, so that is the Node the suite should prove.
const shipped = electronNode();
console.log(`Node ${process.version} (Electron ${shipped.electron} ships Node ${shipped.node})`);
const unsupported = unsupportedNode();
if (unsupported !== undefined) {
  console.log(unsupported);
  process.exit(1);
}
if (Number(process.versions.node.split('.')[0]) !== shipped.node)
  console.log(
    `Note: this is not the Node the app runs its host on; \`source .ci/electron-node.sh\` runs the suite on Node ${shipped.node}, as CI does.`,
  );

function step(title, command, args) {
  console.log(`\n=== ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) failedSteps.push(title);
  return result.status === 0;
}

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findChromium() {
  const candidates = [
    process.env.HANDRAIL_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  return candidates.find((path) => path && existsSync(path) && executable(path));
}

const prerequisites = [
  {
    name: 'Chromium',
    found: findChromium() !== undefined,
    needed: 'end-to-end tests',
    install:
      '`sudo apt-get install chromium` (or set HANDRAIL_CHROMIUM; `npx playwright install chromium` where the network allows)',
  },
  {
    name: 'sshd',
    found: executable('/usr/sbin/sshd'),
    needed: 'SSH terminal tests',
    install: '`sudo apt-get install openssh-server openssh-client`',
  },
];
for (const prerequisite of prerequisites) {
  if (prerequisite.found) continue;
  console.log(
    `${inCi ? 'MISSING' : 'Skipping'}: ${prerequisite.name} not found, needed by the ${prerequisite.needed}. Install it with ${prerequisite.install}.`,
  );
}
const missingInCi = inCi && prerequisites.some((prerequisite) => !prerequisite.found);

step('Type check', 'npm', ['run', '-s', 'typecheck']);
step('Lint', bin('eslint'), ['--max-warnings=0', '.']);
step('Format', bin('prettier'), ['--check', '--log-level=warn', '.']);

const vitestReport = join(root, '.vitest-report.json');
rmSync(vitestReport, { force: true });
step('Unit and integration tests', bin('vitest'), [
  'run',
  '--project',
  'unit',
  '--project',
  'integration',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);
countVitest(vitestReport);

if (findChromium() !== undefined || inCi) {
  const playwrightReport = join(root, '.playwright-report.json');
  rmSync(playwrightReport, { force: true });
  if (step('Build', process.execPath, ['scripts/build.mjs'])) {
    step('End-to-end tests (browser mode, Chromium)', bin('playwright'), [
      'test',
      '-c',
      'test/e2e/playwright.config.ts',
    ]);
  }
  countPlaywright(playwrightReport);
}

// The reliability suite (crash, transcript tail, SSH drop, fuzz…) prints its counters as it goes.
const reliabilityReport = join(root, '.vitest-reliability-report.json');
rmSync(reliabilityReport, { force: true });
step('Reliability suite', bin('vitest'), [
  'run',
  '--project',
  'reliability',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${reliabilityReport}`,
]);
countVitest(reliabilityReport);

if (missingInCi) failedSteps.push('prerequisites (CI=true)');
console.log(`\n${failedSteps.length === 0 ? 'All steps passed' : `Failed steps: ${failedSteps.join(', ')}`}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length === 0 ? 0 : 1);

function countVitest(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const stats = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  totals.failed += stats.unexpected ?? 0;
  totals.skipped += stats.skipped ?? 0;
}
