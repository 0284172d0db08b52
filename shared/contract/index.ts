/**
 * The contract between the host and every client: each request, its result and each event, as
 * zod schemas. The host validates every message against it; the renderer and the host import it,
 * never each other. Add a domain by writing its file beside this one and spreading it in below.
 */
import type { z } from 'zod';
import { appEvents, appMethods } from './app';
import { environmentEvents, environmentMethods } from './environments';
import { inventoryEvents, inventoryMethods } from './inventories';
import { runbookEvents, runbookMethods } from './runbooks';
import { runEvents } from './runs';
import { runMethods } from './run-actions';
import { runViewMethods } from './run-view';
import { runReadMethods } from './run-reads';
import { reportEvents, reportMethods } from './reports';
import { reviewEvents, reviewMethods } from './reviews';
import { searchMethods } from './search';
import { libraryFileMethods } from './library-files';
import { replayMethods } from './replay';
import { terminalEvents, terminalMethods } from './terminals';
import { trustMethods } from './trust';
import { approvalMethods } from './approvals';
import { auditMethods } from './audit';
import type { MethodSpec } from './define';

export const methods = {
  ...appMethods,
  ...runbookMethods,
  ...terminalMethods,
  ...environmentMethods,
  ...runMethods,
  ...runViewMethods,
  ...runReadMethods,
  ...reportMethods,
  ...reviewMethods,
  ...searchMethods,
  ...libraryFileMethods,
  ...replayMethods,
  ...inventoryMethods,
  ...trustMethods,
  ...approvalMethods,
  ...auditMethods,
} satisfies Record<string, MethodSpec>;

export const events = {
  ...appEvents,
  ...runbookEvents,
  ...terminalEvents,
  ...environmentEvents,
  ...runEvents,
  ...reportEvents,
  ...reviewEvents,
  ...inventoryEvents,
} satisfies Record<string, z.ZodType>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller passes (defaults may be left out). */
export type ParamsIn<M extends MethodName> = z.input<Methods[M]['params']>;
/** What a handler receives, after validation and defaults. */
export type Params<M extends MethodName> = z.output<Methods[M]['params']>;
export type Result<M extends MethodName> = z.output<Methods[M]['result']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

export * from './errors';
export * from './app';
export * from './runbooks';
export * from './terminals';
export * from './environments';
export * from './runs';
export * from './run-view';
export * from './step-layout';
export * from './rolling';
export * from './step-order';
export * from './reports';
export * from './audit';
export * from './reviews';
export * from './search';
export * from './library-files';
export * from './replay';
export * from './inventories';
export * from './approvals';
export * from './trust';
