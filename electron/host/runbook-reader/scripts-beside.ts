import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { IncludeResolver } from '../runbook/index';

/**
 * A script that an imported script calls (`sh -c '/opt/x/scripts/deploy/200-infra.sh'`), looked for
 * beside the imported file: by the called path's last parts (`deploy/200-infra.sh`, then
 * `200-infra.sh`), also with `/` written as `__` as the testbed's flattened copies are named.
 */
export const scriptsBeside: IncludeResolver = (called, fromFile) => {
  const dir = dirname(fromFile);
  const parts = called.split('/').filter((p) => p !== '' && p !== '.' && p !== '..');
  const names = readdirSync(dir);
  for (let from = 0; from < parts.length; from += 1) {
    const tail = parts.slice(from);
    const flat = tail.join('__');
    const found =
      [join(...tail)].find((path) => existsSync(join(dir, path))) ??
      names.find((name) => name === flat || name.endsWith(`__${flat}`));
    if (found === undefined) continue;
    const path = join(dir, found);
    if (statSync(path).isFile()) return { fileName: path, text: readFileSync(path, 'utf8') };
  }
  return undefined;
};
