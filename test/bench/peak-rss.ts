import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/built-app';

/**
 * The peak resident set size of one `handrail` command (the built CLI, a host of its own), in MB.
 * A host exporting in the benchmark's own process would be measured on top of everything the
 * benchmark generated before; a fresh process is the host as an operator starts it.
 *
 * The child reports its own peak (getrusage's ru_maxrss, which counts every thread and native
 * allocation, SQLite's included) as it exits, through a module given with --import, so nothing
 * in the CLI changes for the measurement.
 */
const reporter = [
  `import { writeSync } from 'node:fs';`,
  `process.on('exit', () => writeSync(2, '\\nhandrail-peak-rss-kb ' + process.resourceUsage().maxRSS + '\\n'));`,
].join('\n');
const marker = /handrail-peak-rss-kb (\d+)/;

export async function peakRssOf(args: string[], dataDir: string): Promise<number> {
  const child = spawn(
    process.execPath,
    [
      `--import=data:text/javascript,${encodeURIComponent(reporter)}`,
      join(repoRoot, 'dist/host/cli.js'),
      ...args,
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, HANDRAIL_DATA_DIR: dataDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  const peak = marker.exec(stderr);
  if (code !== 0 || peak === null)
    throw new Error(`handrail ${args.join(' ')} exited with ${code}: ${stderr.slice(-2000)}`);
  return Number(peak[1]) / 1024;
}
