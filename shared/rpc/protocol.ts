import { z } from 'zod';
import { rpcErrorBody } from '../contract/errors';

/**
 * The wire format, the same on every transport: one JSON text per message.
 * Requests carry an id the client chose; the host answers each with exactly one response or
 * error carrying that id. Events are pushed by the host at any time. A client may cancel a
 * request it no longer needs.
 */
const requestId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const requestMessage = z.strictObject({
  kind: z.literal('request'),
  id: requestId,
  method: z.string().min(1).max(200),
  params: z.unknown().optional(),
});
export const cancelMessage = z.strictObject({ kind: z.literal('cancel'), id: requestId });
export const clientMessage = z.discriminatedUnion('kind', [requestMessage, cancelMessage]);

export const responseMessage = z.object({ kind: z.literal('response'), id: requestId, result: z.unknown() });
export const errorMessage = z.object({
  kind: z.literal('error'),
  /** null when the message in error had no readable id. */
  id: requestId.nullable(),
  error: rpcErrorBody,
});
export const eventMessage = z.object({ kind: z.literal('event'), topic: z.string(), payload: z.unknown() });
export const hostMessage = z.discriminatedUnion('kind', [responseMessage, errorMessage, eventMessage]);

export type RequestMessage = z.infer<typeof requestMessage>;
export type ClientMessage = z.infer<typeof clientMessage>;
export type HostMessage = z.infer<typeof hostMessage>;

/**
 * 64 MiB: the largest message either side accepts. Large enough for a 50 MB runbook import as
 * JSON text; anything bigger is refused before it is parsed.
 */
export const maxMessageChars = 64 * 1024 * 1024;
