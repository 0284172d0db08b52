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

/** The open data folder and what it holds (the status bar shows it). */
export const storageSummary = z.object({
  dataDir: z.string(),
  runbooks: z.number().int().nonnegative(),
  runs: z.number().int().nonnegative(),
  importedRuns: z.number().int().nonnegative(),
});
export type StorageSummary = z.infer<typeof storageSummary>;

export const appMethods = {
  'app.info': method(noParams, appInfo),
  'app.storage': method(noParams, storageSummary),
  /** Answers after `delayMs` unless cancelled first; lets clients and tests see cancellation work. */
  'app.ping': method(
    z.strictObject({ delayMs: z.number().int().min(0).max(60_000).default(0) }),
    z.object({ pong: z.literal(true) }),
  ),
};

export const appEvents = {};
