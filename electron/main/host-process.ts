import { MessageChannelMain, utilityProcess, type UtilityProcess, type WebContents } from 'electron';
import { hostEnvironment } from './host-environment';

export interface HostProcessOptions {
  entry: string;
  dataDir: string;
}

/** Starts the host (plain Node) in a utility process and connects windows to it by MessagePort. */
export class HostProcess {
  private readonly child: UtilityProcess;

  constructor(options: HostProcessOptions) {
    this.child = utilityProcess.fork(options.entry, [], {
      serviceName: 'Handrail host',
      env: hostEnvironment(process.env, { dataDir: options.dataDir }),
      stdio: 'inherit',
    });
  }

  /** Gives the window's page its own port to the host; the preload hands it to the page. */
  connect(contents: WebContents): void {
    const { port1, port2 } = new MessageChannelMain();
    this.child.postMessage({ type: 'connect' }, [port1]);
    contents.postMessage('handrail:host-port', null, [port2]);
  }

  onExit(listener: (code: number) => void): void {
    this.child.on('exit', listener);
  }

  stop(): void {
    this.child.kill();
  }
}
