import type { Handlers } from '../../../shared/rpc/server';
import type { TerminalManager } from '../terminal/terminal-manager';

/** Terminal requests; events go to the connection that opened or attached a session. */
export function terminalHandlers(terminals: TerminalManager): Handlers {
  return {
    'terminals.open': (params, { connection }) => terminals.open(params, connection),
    'terminals.attach': ({ id }, { connection }) => terminals.attach(id, connection),
    'terminals.close': ({ id }) => {
      terminals.close(id);
      return {};
    },
    'terminals.reconnect': ({ id }) => {
      const session = terminals.session(id);
      session.start();
      return session.snapshot();
    },
    'terminals.resize': ({ id, cols, rows }) => {
      terminals.session(id).resize(cols, rows);
      return {};
    },
    'terminals.input': ({ id, data }) => {
      terminals.session(id).write(data);
      return {};
    },
    'terminals.ack': ({ id, chars }) => {
      terminals.session(id).ack(chars);
      return {};
    },
    'terminals.run': ({ id, command }) => terminals.run(id, command),
    'terminals.cancel': ({ id }) => {
      terminals.session(id).cancel();
      return {};
    },
    'terminals.list': () => terminals.list(),
    'terminals.commands': ({ id, last }) => {
      const commands = terminals.commands(id);
      return last === undefined ? commands : commands.slice(-last);
    },
    'terminals.exportAsciicast': ({ id }) => ({ text: terminals.exportAsciicast(id) }),
  };
}
