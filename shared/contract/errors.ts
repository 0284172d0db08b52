import { z } from 'zod';

/**
 * Error codes every transport carries. A client can branch on the code; the message is for people
 * and names the offending field where there is one.
 */
export const errorCode = z.enum([
  'invalid_message', // not JSON, or not a request the protocol knows
  'invalid_params', // the request's params failed the method's schema
  'unknown_method',
  'cancelled',
  'not_found',
  'conflict',
  'too_large',
  'unavailable', // the transport closed before an answer came
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCode>;

export const rpcErrorBody = z.object({
  code: errorCode,
  message: z.string(),
  /** Dotted path of the offending field, such as `params.title`, when one field is to blame. */
  field: z.string().optional(),
});
export type RpcErrorBody = z.infer<typeof rpcErrorBody>;

/** An error with a code that crosses the transport as it is. Thrown by handlers and by clients. */
export class RpcError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
    this.field = field;
  }

  toBody(): RpcErrorBody {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}
