import { z } from 'zod';

/**
 * One request the host answers: the schema of its parameters and of its result.
 * Parameter objects are strict, so a misspelt or extra field is an error naming that field
 * rather than something silently ignored.
 */
export interface MethodSpec<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  params: P;
  result: R;
}

export function method<P extends z.ZodType, R extends z.ZodType>(params: P, result: R): MethodSpec<P, R> {
  return { params, result };
}

/** Parameters for methods that take none: an empty strict object (`{}`). */
export const noParams = z.strictObject({});
