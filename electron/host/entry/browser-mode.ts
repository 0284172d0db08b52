import { parseArgs } from 'node:util';
import { createHost } from '../host';
import { resolveDataDir } from '../store/data-dir';
import { newAccessToken, startBrowserServer } from '../transport/browser-server';
import { readVersion } from '../version';
import { readBrowserModeState, writeBrowserModeState } from './browser-mode-state';
import { installLastResort } from './last-resort';
import { bundlePaths } from './paths';
import { UsageError } from './usage-error';

/** Options of `handrail serve`, also used by `npm run serve` and the fallback of `npm start`. */
export const serveUsage = `Usage: handrail serve [--port N] [--data-dir DIR]

Starts Handrail in browser mode on 127.0.0.1 and prints the URL to open (it carries an access
token, kept in the data folder with the port so that open tabs reconnect after a restart).
Runs until Ctrl-C.
  --port N          listen on port N (default: the port of the last start if it is free, else
                    a free port; 0: a free port)
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
    // The templates and the Sandbox on a fresh data folder; HANDRAIL_PRACTICE_SANDBOX=0 leaves it empty.
    practiceSandbox: process.env.HANDRAIL_PRACTICE_SANDBOX !== '0',
  });
  const remembered = readBrowserModeState(host.dataDir);
  const token = remembered?.token ?? newAccessToken();
  const start = (on: number) =>
    startBrowserServer({ rpc: host.server, rendererDir: bundlePaths.rendererDir, port: on, token, log });
  const server = await start(port ?? remembered?.port ?? 0).catch((error: unknown) => {
    // The last start's port is taken now: any free one (the tabs then need the new URL).
    if (
      port === undefined &&
      remembered !== undefined &&
      (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
    )
      return start(0);
    throw error;
  });
  writeBrowserModeState(host.dataDir, { port: server.port, token: server.token });
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

function parsePort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port: expected a whole number from 0 to 65535, got '${text}'`);
  }
  return port;
}
