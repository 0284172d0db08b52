import { parseArgs } from 'node:util';
import { createHost } from '../host';
import { resolveDataDir } from '../store/data-dir';
import { startBrowserServer } from '../transport/browser-server';
import { readVersion } from '../version';
import { installLastResort } from './last-resort';
import { bundlePaths } from './paths';
import { UsageError } from './usage-error';

/** Options of `handrail serve`, also used by `npm run serve` and the fallback of `npm start`. */
export const serveUsage = `Usage: handrail serve [--port N] [--data-dir DIR]

Starts Handrail in browser mode on 127.0.0.1 and prints the URL to open (it carries a per-start
access token). Runs until Ctrl-C.
  --port N          listen on port N (default: a free port)
  --data-dir DIR    keep data in DIR (default: $HANDRAIL_DATA_DIR, $XDG_DATA_HOME/handrail,
                    or ~/.local/share/handrail)`;

export async function runBrowserMode(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    console.log(serveUsage);
    return;
  }
  const port = parsePort(values.port);
  const dataDir = values['data-dir'] ?? resolveDataDir({ env: process.env });
  process.umask(0o077); // everything the host writes is the user's alone
  const log = (message: string, error?: unknown): void => console.error(`handrail: ${message}`, error ?? '');
  installLastResort(log);
  const host = createHost({
    dataDir,
    version: readVersion(bundlePaths.packageJson),
    log,
    owner: 'handrail serve',
  });
  const server = await startBrowserServer({
    rpc: host.server,
    rendererDir: bundlePaths.rendererDir,
    port,
    log,
  });
  console.log(`Handrail is running in browser mode. Open this URL in a browser:\n\n    ${server.url}\n`);
  console.log(`Data folder: ${host.dataDir}`);
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Handrail…');
    void server.close().then(() => {
      host.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port: expected a whole number from 0 to 65535, got '${text}'`);
  }
  return port;
}
