// The official CVE Services description and record schema, read by path, and
// the parameters of its operations.
import { readFileSync } from 'node:fs';
import { vendored } from '../../sim/conformance/vendored.ts';

type Json = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'query' | 'header' | 'path';
  required?: boolean;
  schema?: { type?: string; enum?: string[] };
}

const read = (path: string): Json => JSON.parse(readFileSync(path, 'utf8')) as Json;

export const openapi = read(vendored.cveServicesDescription) as Json & {
  servers: { url: string }[];
  paths: Record<string, Record<string, Json>>;
  components: { parameters: Record<string, Parameter>; examples: Record<string, { value: Json }> };
};
export const recordSchema = read(vendored.cveRecordSchema) as Json & {
  definitions: Record<string, { required?: string[]; properties?: Json }>;
};

const resolve = (p: Json): Parameter => {
  const ref = p.$ref as string | undefined;
  if (!ref) return p as unknown as Parameter;
  const found = openapi.components.parameters[ref.replace('#/components/parameters/', '')];
  if (!found) throw new Error(`unresolved parameter ${ref}`);
  return found;
};

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  parameters: Parameter[];
}

/** Every operation of the description, parameter references resolved. */
export const operations: Operation[] = Object.entries(openapi.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    operationId: op.operationId as string,
    method: method.toUpperCase(),
    path,
    parameters: ((op.parameters as Json[] | undefined) ?? []).map(resolve),
  })),
);

export const operation = (id: string): Operation => {
  const found = operations.find((op) => op.operationId === id);
  if (!found) throw new Error(`no operation ${id} in the description`);
  return found;
};
