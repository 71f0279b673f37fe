// Small pieces of checking a message: problems, status and media type selection, reading
// query/path/header strings as their schema's type.
import type { Problem, ProblemLocation } from './allow.ts';
import type { Json } from './description.ts';
import type { SchemaLocation } from './schemas.ts';

export interface Context {
  where: 'request' | 'response';
  /** The API version the message is in, for versioned descriptions. */
  version?: string;
  operationId: string | null;
  method: string;
  url: string;
  status?: number;
}

// OpenAPI: header parameters with these names are ignored (they are described elsewhere).
export const IGNORED_HEADER_PARAMETERS = new Set(['accept', 'content-type', 'authorization']);

export function schemaOf(parameter: SchemaLocation): SchemaLocation {
  return { file: parameter.file, pointer: `${parameter.pointer}/schema` };
}

export function problem(
  ctx: Context,
  location: ProblemLocation,
  instancePath: string,
  keyword: string,
  message: string,
): Problem {
  return { ...ctx, location, instancePath, keyword, message };
}

export function missingParameter(ctx: Context, location: ProblemLocation, name: string): Problem {
  return problem(
    ctx,
    location,
    `/${name}`,
    'missing-parameter',
    `required ${location} parameter "${name}" is missing`,
  );
}

export function isEmpty(body: unknown): boolean {
  return body === undefined || body === null || body === '';
}

/** Exact status, then its range (`4XX`), then `default` (OpenAPI's precedence). */
export function statusKey(responses: Json, status: number): string | undefined {
  const keys = Object.keys(responses);
  return (
    keys.find((key) => key === String(status)) ??
    keys.find((key) => key.toUpperCase() === `${Math.floor(status / 100)}XX`) ??
    keys.find((key) => key === 'default')
  );
}

export function mediaKey(keys: string[], mediaType: string | undefined): string | undefined {
  if (mediaType === undefined) return undefined;
  const lower = keys.map((key) => key.toLowerCase());
  const exact = lower.indexOf(mediaType);
  if (exact !== -1) return keys[exact];
  const wildcard = lower.indexOf(`${mediaType.split('/')[0]}/*`);
  if (wildcard !== -1) return keys[wildcard];
  const any = lower.indexOf('*/*');
  return any === -1 ? undefined : keys[any];
}

/** Query, path and header values are strings; read them as the schema's type. */
export function coerce(schema: Json, values: string[]): unknown {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'array') {
    const items = (schema.items ?? {}) as Json;
    const parts = values.length === 1 ? (values[0] as string).split(',') : values;
    return parts.map((part) => coerce(items, [part]));
  }
  const value = values[values.length - 1] as string;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value))
    return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}
