/**
 * Entry point of the host inside the Electron app, started by main with utilityProcess.fork.
 * Main sends one message per window, carrying a MessagePort; each port becomes an RPC channel.
 * This file never imports 'electron': the utility process is plain Node with `process.parentPort`.
 */
import { messagePortChannel, type PortLike } from '../../../shared/rpc/message-port-channel';
import { createHost } from '../host';
import { resolveDataDir } from '../store/data-dir';
import { readVersion } from '../version';
import { reportFatal } from './fatal';
import { installLastResort } from './last-resort';
import { bundlePaths } from './paths';

/** The shape of Electron's MessagePortMain that the host uses (an EventEmitter, not an EventTarget). */
interface MainPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  start(): void;
  close(): void;
}

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown; ports: MainPort[] }) => void): void;
}

function toPortLike(port: MainPort): PortLike {
  return {
    postMessage: (message) => port.postMessage(message),
    addEventListener: (type: 'message' | 'close', listener: (event: { data: unknown }) => void) => {
      if (type === 'message') port.on('message', listener);
      else port.on('close', () => (listener as () => void)());
    },
    start: () => port.start(),
    close: () => port.close(),
  } as PortLike;
}

function main(): void {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort === undefined) throw new Error('utility-process entry must be started by Electron');
  process.umask(0o077);
  const log = (message: string, error?: unknown): void =>
    console.error(`handrail host: ${message}`, error ?? '');
  installLastResort(log);
  const host = createHost({
    dataDir: resolveDataDir({ env: process.env }),
    version: readVersion(bundlePaths.packageJson),
    log,
    owner: 'the Handrail app',
    // The templates and the Sandbox on a fresh data folder; HANDRAIL_PRACTICE_SANDBOX=0 leaves it empty.
    practiceSandbox: process.env.HANDRAIL_PRACTICE_SANDBOX !== '0',
  });
  parentPort.on('message', ({ ports }) => {
    for (const port of ports) host.server.attach(messagePortChannel(toPortLike(port)));
  });
  process.on('exit', () => host.close());
}

try {
  main();
} catch (error) {
  reportFatal(error);
}
