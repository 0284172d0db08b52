import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { AppInfo, TransportKind } from '../../../shared/contract/index';
import type { RpcClient } from '../../../shared/rpc/client';
import { connectToHost } from './connect';

export type HostStatus =
  | { state: 'connecting' }
  | { state: 'connected'; transport: TransportKind; info: AppInfo }
  | { state: 'disconnected'; reason: string };

interface HostContextValue {
  client: RpcClient | undefined;
  status: HostStatus;
}

const HostContext = createContext<HostContextValue>({ client: undefined, status: { state: 'connecting' } });

/** Waits before reconnecting after a drop; doubles per failure up to the cap. */
const reconnectDelayMs = { first: 500, max: 8000 };

/** Keeps one connection to the host and reconnects when it drops. */
export function HostProvider({ children }: { children: ReactNode }) {
  const [value, setValue] = useState<HostContextValue>({
    client: undefined,
    status: { state: 'connecting' },
  });

  useEffect(() => {
    let stopped = false;
    let delay = reconnectDelayMs.first;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const attempt = async (): Promise<void> => {
      try {
        const { client, transport } = await connectToHost();
        const info = await client.call('app.info', {});
        if (stopped) return client.close();
        delay = reconnectDelayMs.first;
        setValue({ client, status: { state: 'connected', transport, info } });
        client.onClose(() => {
          if (stopped) return;
          setValue({
            client: undefined,
            status: { state: 'disconnected', reason: 'the connection to the host closed' },
          });
          timer = setTimeout(() => void attempt(), delay);
        });
      } catch (error) {
        if (stopped) return;
        const reason = error instanceof Error ? error.message : String(error);
        setValue({ client: undefined, status: { state: 'disconnected', reason } });
        timer = setTimeout(() => void attempt(), delay);
        delay = Math.min(delay * 2, reconnectDelayMs.max);
      }
    };
    void attempt();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  return <HostContext.Provider value={value}>{children}</HostContext.Provider>;
}

export function useHost(): HostContextValue {
  return useContext(HostContext);
}
