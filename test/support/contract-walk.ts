import type { z } from 'zod';

/**
 * Valid parameters for any request of the contract, built from its zod schemas alone, so a test
 * can go through every request and every text field the contract has now or gains later.
 *
 * `fill` gives the values a schema cannot: ids of things that exist, names the runbook declares.
 * It is asked for every field on the way, with the field's path (`*` for a record's key), and its
 * answer is used when the field's schema accepts it. Everything else gets the smallest value that
 * validates (optional and defaulted fields left out unless `fill` gives them a value).
 */
export type Fill = (path: readonly string[]) => unknown;

/** A part of zod's internal definition: enough to walk the schema kinds the contract uses. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  in?: z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

const stringCandidates = ['x', 'Ada', 'a-b', 'x.md', 'main', 'ls', '2d0a5b44-6f8e-4a7e-9d7b-2a4c8a3f7a10'];
const numberCandidates = [1, 0, 2, 10, 100, 1000];
const missing = Symbol('missing');

/** The smallest valid value of the schema, or `missing` where none could be made. */
export function sampleOf(schema: z.ZodType, fill: Fill, path: readonly string[] = []): unknown {
  const def = defOf(schema);
  const accepts = (value: unknown): boolean => schema.safeParse(value).success;
  const filled = fill(path);
  if (filled !== undefined && accepts(filled)) return filled;
  switch (def.type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape ?? {})) {
        const kind = defOf(field).type;
        if (kind === 'optional' || kind === 'default') {
          // Left out unless `fill` names a value for it (a record of variables, a gate's step).
          const given = fill([...path, key]);
          if (given !== undefined && field.safeParse(given).success) value[key] = given;
          continue;
        }
        const sample = sampleOf(field, fill, [...path, key]);
        if (sample === missing) return missing;
        value[key] = sample;
      }
      return value;
    }
    case 'string':
    case 'number': {
      const candidates = def.type === 'string' ? stringCandidates : numberCandidates;
      return candidates.find(accepts) ?? missing;
    }
    case 'boolean':
      return false;
    case 'literal':
      return def.values?.[0];
    case 'enum':
      return Object.values(def.entries ?? {})[0];
    case 'nullable': {
      const inner = sampleOf(def.innerType as z.ZodType, fill, path);
      return inner === missing ? null : inner;
    }
    case 'optional':
    case 'default':
      return sampleOf(def.innerType as z.ZodType, fill, path);
    case 'array':
      if (accepts([])) return [];
      return [sampleOf(def.element as z.ZodType, fill, [...path, '0'])];
    case 'record':
      return {};
    case 'union': {
      for (const option of def.options ?? []) {
        const sample = sampleOf(option, fill, path);
        if (sample !== missing && accepts(sample)) return sample;
      }
      return missing;
    }
    case 'pipe':
      return sampleOf(def.in as z.ZodType, fill, path);
    default:
      return missing;
  }
}

/** Valid parameters of a method, or undefined where the walk cannot make any. */
export function sampleParams(schema: z.ZodType, fill: Fill): unknown {
  const sample = sampleOf(schema, fill);
  return sample !== missing && schema.safeParse(sample).success ? sample : undefined;
}

export interface TextPlacement {
  /** Where the text went, as dotted params path (`params.reason`). */
  field: string;
  params: unknown;
}

/**
 * For every string field of the schema that accepts free text (the given text validates there),
 * valid parameters with that text in that field and the smallest valid values elsewhere:
 * optional and defaulted fields are filled in to reach them, arrays get one element, records one
 * entry, each option of a union is walked. Identifiers, enums and patterned strings do not take
 * the text and are left out.
 */
export function textPlacements(schema: z.ZodType, fill: Fill, text: string): TextPlacement[] {
  return placements(schema, fill, text, []).flatMap(({ path, value }) =>
    schema.safeParse(value).success ? [{ field: ['params', ...path].join('.'), params: value }] : [],
  );
}

function placements(
  schema: z.ZodType,
  fill: Fill,
  text: string,
  path: readonly string[],
): Array<{ path: string[]; value: unknown }> {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return schema.safeParse(text).success ? [{ path: [...path], value: text }] : [];
    case 'object': {
      const base = sampleOf(schema, fill, path);
      if (base === missing) return [];
      return Object.entries(def.shape ?? {}).flatMap(([key, field]) =>
        placements(field, fill, text, [...path, key]).map(({ path: at, value }) => ({
          path: at,
          value: { ...(base as Record<string, unknown>), [key]: value },
        })),
      );
    }
    case 'optional':
    case 'default':
    case 'nullable':
      return placements(def.innerType as z.ZodType, fill, text, path);
    case 'array':
      return placements(def.element as z.ZodType, fill, text, [...path, '0']).map(({ path: at, value }) => ({
        path: at,
        value: [value],
      }));
    case 'record': {
      // One entry more (or in place of one) beside what `fill` gave the record.
      const key = sampleOf(def.keyType as z.ZodType, fill, [...path, '*']);
      const base = sampleOf(schema, fill, path);
      if (typeof key !== 'string' || typeof base !== 'object' || base === null) return [];
      return placements(def.valueType as z.ZodType, fill, text, [...path, key]).map(
        ({ path: at, value }) => ({
          path: at,
          value: { ...(base as Record<string, unknown>), [key]: value },
        }),
      );
    }
    case 'union':
      return (def.options ?? []).flatMap((option) => placements(option, fill, text, path));
    case 'pipe':
      return placements(def.in as z.ZodType, fill, text, path);
    default:
      return [];
  }
}
