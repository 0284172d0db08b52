import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import type {
  ParamsIn,
  TerminalCommand,
  TerminalRecent,
  TerminalSnapshot,
} from '../../../shared/contract/index';
import { terminalAckChars } from '../../../shared/contract/terminals';
import type { RpcClient } from '../../../shared/rpc/client';
import { cutAtResizes, fromBase64, writeSized } from './sized-output';
import { openTerminalLink } from './terminal-links';

/** One open terminal in this window: its xterm, addons and what the host told about it. */
export interface OpenTerminal {
  id: string;
  term: Terminal;
  fit: FitAddon;
  search: SearchAddon;
  snapshot: TerminalSnapshot;
  commands: TerminalCommand[];
}

type Listener = () => void;

/** Commands a view asks for when it attaches to a session: the latest, as its list shows them. */
const adoptedCommands = 200;

/**
 * Keeps xterm instances outside React so output that arrives before (or while) a tab is not
 * shown is still parsed in order, and acknowledges output from xterm's write callback, after
 * parsing, as the host's flow control expects.
 */
export class TerminalRegistry {
  private readonly terminals = new Map<string, OpenTerminal>();
  private readonly listeners = new Set<Listener>();
  private readonly unsubscribe: Array<() => void> = [];
  private version = 0;
  private disposed = false;
  private readonly unacked = new Map<string, number>();
  /** Terminals drawing their recent output: their resizes are the record's, not the view's. */
  private readonly replaying = new Set<string>();

  constructor(
    private readonly client: RpcClient,
    private readonly confirmLink: (uri: string) => boolean,
  ) {
    this.unsubscribe.push(
      client.on('terminals.data', ({ id, data }) => this.write(id, data)),
      client.on('terminals.state', (snapshot) =>
        this.update(snapshot.id, (open) => (open.snapshot = snapshot)),
      ),
      client.on('terminals.command', ({ id, command }) =>
        this.update(id, (open) => {
          const index = open.commands.findIndex((known) => known.seq === command.seq);
          if (index === -1) open.commands = [...open.commands, command];
          else open.commands = open.commands.map((known, at) => (at === index ? command : known));
        }),
      ),
    );
  }

  /**
   * After a reload or a reconnect to the host: show the sessions still open there, each with its
   * recent output first (adopt).
   */
  async adoptOpenSessions(): Promise<void> {
    const sessions = await this.client.call('terminals.list', {});
    for (const listed of sessions) {
      if (this.disposed) return;
      await this.adopt(listed.id);
    }
  }

  /**
   * Shows one session that is open on the host (a run's terminal, after a reload): its recent
   * output from the transcript, drawn at the sizes it was written at, then the output from now
   * on (the host sends that only after its answer). Resolves once the recent output is drawn,
   * so the pane is fitted to its place after it.
   */
  async adopt(id: string): Promise<OpenTerminal> {
    const known = this.terminals.get(id);
    if (known !== undefined) return known;
    const { recent, ...snapshot } = await this.client.call('terminals.attach', { id });
    const open = this.terminals.get(id) ?? this.create(snapshot);
    const drawn = this.drawRecent(open, recent);
    // The latest only: a long run's terminal ran thousands (2,500 in the runbook-scale bench, 570 kB).
    open.commands = await this.client.call('terminals.commands', { id, last: adoptedCommands });
    await drawn;
    this.changed();
    return open;
  }

  private drawRecent(open: OpenTerminal, recent: TerminalRecent): Promise<void> {
    this.replaying.add(open.id);
    const pieces = cutAtResizes(fromBase64(recent.data), 0, recent.resizes);
    return new Promise((resolve) => {
      const start = { data: new Uint8Array(0), size: { cols: recent.cols, rows: recent.rows } };
      writeSized(open.term, [start, ...pieces], () => {
        this.replaying.delete(open.id);
        resolve();
      });
    });
  }

  /** Opens a session on the host and its xterm here. */
  async open(params: ParamsIn<'terminals.open'>): Promise<OpenTerminal> {
    const snapshot = await this.client.call('terminals.open', params);
    return this.create(snapshot);
  }

  list(): OpenTerminal[] {
    return [...this.terminals.values()];
  }

  get(id: string): OpenTerminal | undefined {
    return this.terminals.get(id);
  }

  /** Increases on every change; React reads it through useSyncExternalStore. */
  getVersion = (): number => this.version;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  async close(id: string): Promise<void> {
    const open = this.terminals.get(id);
    if (open === undefined) return;
    this.terminals.delete(id);
    open.term.dispose();
    this.changed();
    await this.client.call('terminals.close', { id }).catch(() => undefined);
  }

  dispose(): void {
    this.disposed = true;
    for (const stop of this.unsubscribe) stop();
    for (const open of this.terminals.values()) open.term.dispose();
    this.terminals.clear();
  }

  private create(snapshot: TerminalSnapshot): OpenTerminal {
    const term = new Terminal({
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace',
      fontSize: 13,
      scrollback: 10_000,
      // The DOM renderer (no WebGL addon): in headless Chromium WebGL is far slower.
      allowProposedApi: false,
    });
    const fit = new FitAddon();
    const search = new SearchAddon();
    term.loadAddon(fit);
    term.loadAddon(search);
    term.loadAddon(
      new WebLinksAddon((event, uri) => {
        event.preventDefault();
        // Never open a link from terminal output without asking (in the app, main asks).
        openTerminalLink(uri, this.confirmLink);
      }),
    );
    const id = snapshot.id;
    // Keystrokes and pastes (xterm wraps pastes in bracketed-paste marks when the shell asks).
    term.onData((data) => void this.client.call('terminals.input', { id, data }).catch(() => undefined));
    term.onResize(({ cols, rows }) => {
      if (this.replaying.has(id)) return;
      void this.client.call('terminals.resize', { id, cols, rows }).catch(() => undefined);
    });
    const open: OpenTerminal = { id, term, fit, search, snapshot, commands: [] };
    this.terminals.set(id, open);
    this.changed();
    return open;
  }

  private write(id: string, data: string): void {
    const open = this.terminals.get(id);
    if (open === undefined) return;
    open.term.write(data, () => {
      const pending = (this.unacked.get(id) ?? 0) + data.length;
      if (pending < terminalAckChars) {
        this.unacked.set(id, pending);
        return;
      }
      this.unacked.set(id, 0);
      void this.client.call('terminals.ack', { id, chars: pending }).catch(() => undefined);
    });
  }

  private update(id: string, change: (open: OpenTerminal) => void): void {
    const open = this.terminals.get(id);
    if (open === undefined) return;
    change(open);
    this.changed();
  }

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}

/** The text in a terminal's buffer, one line per row (for the view and the test hook). */
export function bufferText(term: Terminal): string {
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let row = 0; row < buffer.length; row += 1)
    lines.push(buffer.getLine(row)?.translateToString(true) ?? '');
  return lines.join('\n').replace(/\n+$/, '');
}
