import { setTimeout as delay } from 'node:timers/promises';
import type { AppInfo, StorageSummary } from '../../../shared/contract/index';
import { throwIfCancelled, type Handlers } from '../../../shared/rpc/server';

export function appHandlers(info: () => AppInfo, storage: () => StorageSummary): Handlers {
  return {
    'app.info': () => info(),
    'app.storage': () => storage(),
    'app.ping': async ({ delayMs }, { signal }) => {
      if (delayMs > 0) await delay(delayMs, undefined, { signal }).catch(() => undefined);
      throwIfCancelled(signal);
      return { pong: true as const };
    },
  };
}
