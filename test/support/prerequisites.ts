import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Programs some tests need. Where one is missing, those tests skip with a line saying what is
 * missing and how to install it; with CI=true a missing prerequisite fails the run instead, so CI
 * can never pass by skipping.
 */
export interface Prerequisite {
  name: string;
  path: string | undefined;
  install: string;
}

const chromiumCandidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(): Prerequisite {
  const fromEnv = process.env.HANDRAIL_CHROMIUM;
  const path = fromEnv && isExecutable(fromEnv) ? fromEnv : chromiumCandidates.find(isExecutable);
  return {
    name: 'Chromium',
    path,
    install:
      "install Debian's package (`sudo apt-get install chromium`), or set HANDRAIL_CHROMIUM to a Chromium or Chrome binary " +
      '(`npx playwright install chromium` fetches one where the network allows)',
  };
}

export function findSshd(): Prerequisite {
  const path = ['/usr/sbin/sshd', ...searchPath('sshd')].find(isExecutable);
  return {
    name: 'OpenSSH server (sshd)',
    path,
    install: 'sudo apt-get install openssh-server openssh-client',
  };
}

export function findOnPath(program: string, install: string): Prerequisite {
  return { name: program, path: searchPath(program).find(isExecutable), install };
}

export const inCi = process.env.CI === 'true' || process.env.CI === '1';

/** The one line printed when a prerequisite is missing. */
export function missingMessage(prerequisite: Prerequisite): string {
  return `${prerequisite.name} not found: skipping the tests that need it. To run them, ${prerequisite.install}.`;
}

/**
 * Returns the reason to skip (undefined when present). With CI=true a missing prerequisite throws,
 * failing the test file rather than skipping it.
 */
export function skipReason(prerequisite: Prerequisite): string | undefined {
  if (prerequisite.path !== undefined) return undefined;
  if (inCi) throw new Error(`CI=true and ${prerequisite.name} is missing: ${prerequisite.install}.`);
  return missingMessage(prerequisite);
}

function searchPath(program: string): string[] {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, program));
}

function isExecutable(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
