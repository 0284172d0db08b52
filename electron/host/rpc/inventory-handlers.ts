import { RpcError } from '../../../shared/contract/index';
import type { Inventory, InventoryFormat } from '../../../shared/inventory/index';
import type { Handlers, RpcServer } from '../../../shared/rpc/server';
import type { EnvironmentRepository } from '../environments/environment-repository';
import { InventoryInputError, parseInventory } from '../inventory/index';
import type { InventoryRepository } from '../inventories/inventory-repository';
import { runOnControlHost } from '../run/control-command';
import type { TerminalManager } from '../terminal/terminal-manager';

/** `ansible-inventory --list` over thousands of hosts finishes well within this. */
const fetchTimeoutMs = 120_000;

/**
 * Inventory requests. Parsing errors come back as `invalid_params` on `params.text` with the
 * parser's `file:line: message`, so the operator sees where the input is wrong.
 */
export function inventoryHandlers(
  inventories: InventoryRepository,
  environments: EnvironmentRepository,
  terminals: TerminalManager,
  server: () => RpcServer,
): Handlers {
  const environment = (id: string) => {
    try {
      return environments.get(id);
    } catch (error) {
      if (error instanceof RpcError) throw new RpcError(error.code, error.message, 'params.environmentId');
      throw error;
    }
  };
  return {
    'inventories.preview': ({ text, fileName, format }) => parsed(text, fileName, format),
    'inventories.save': ({ environmentId, text, fileName, format, source }) => {
      environment(environmentId);
      const stored = inventories.save(environmentId, text, parsed(text, fileName, format), source);
      server().broadcast('inventories.changed', { environmentId });
      return stored;
    },
    'inventories.get': ({ environmentId }) => {
      environment(environmentId);
      return inventories.get(environmentId);
    },
    'inventories.remove': ({ environmentId }) => {
      environment(environmentId);
      inventories.remove(environmentId);
      server().broadcast('inventories.changed', { environmentId });
      return {};
    },
    'inventories.fetch': async ({ environmentId, command }) => {
      const target = environment(environmentId).controlHost;
      const result = await runOnControlHost(terminals, target, command, fetchTimeoutMs);
      if (result.exitCode !== 0) {
        const detail = result.stderr.trim().split('\n').slice(-5).join('\n');
        throw new RpcError(
          'conflict',
          `"${command}" exited with ${result.exitCode} on the control host${detail === '' ? '' : `: ${detail}`}`,
          'params.command',
        );
      }
      return { text: result.stdout, inventory: parsed(result.stdout, commandLabel(command)) };
    },
  };
}

function parsed(text: string, fileName?: string, format?: InventoryFormat): Inventory {
  try {
    return parseInventory(text, {
      ...(fileName === undefined ? {} : { fileName }),
      ...(format === undefined ? {} : { format }),
    });
  } catch (error) {
    if (error instanceof InventoryInputError)
      throw new RpcError('invalid_params', error.message, 'params.text');
    throw error;
  }
}

/** The output of a command is named after it in messages (`ansible-inventory --list:12: …`). */
function commandLabel(command: string): string {
  return command.length > 80 ? `${command.slice(0, 77)}…` : command;
}
