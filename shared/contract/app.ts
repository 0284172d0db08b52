import { z } from 'zod';
import { method, noParams } from './define';

export const transportKind = z.enum(['message-port', 'websocket']);
export type TransportKind = z.infer<typeof transportKind>;

export const appInfo = z.object({
  name: z.literal('Handrail'),
  version: z.string(),
  /** Schema version of the open database. */
  schemaVersion: z.number().int(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof appInfo>;

export const appMethods = {
  'app.info': method(noParams, appInfo),
  /** Answers after `delayMs` unless cancelled first; lets clients and tests see cancellation work. */
  'app.ping': method(
    z.strictObject({ delayMs: z.number().int().min(0).max(60_000).default(0) }),
    z.object({ pong: z.literal(true) }),
  ),
};

export const appEvents = {};
