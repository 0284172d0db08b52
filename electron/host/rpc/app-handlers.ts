import { setTimeout as delay } from 'node:timers/promises';
import type { AppInfo } from '../../../shared/contract/index';
import { throwIfCancelled, type Handlers } from '../../../shared/rpc/server';

export function appHandlers(info: () => AppInfo): Handlers {
  return {
    'app.info': () => info(),
    'app.ping': async ({ delayMs }, { signal }) => {
      if (delayMs > 0) await delay(delayMs, undefined, { signal }).catch(() => undefined);
      throwIfCancelled(signal);
      return { pong: true as const };
    },
  };
}
