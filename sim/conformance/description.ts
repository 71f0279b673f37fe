// Loads an OpenAPI description once per process and keeps one schema registry per description,
// so every conformance checker over the same file shares compiled validators.
import { resolve as resolvePath } from 'node:path';
import { type Dialect, readJson, SchemaRegistry } from './schemas.ts';

export type Json = Record<string, unknown>;

export interface Description {
  /** Absolute path of the description file; relative `$ref`s resolve against it. */
  path: string;
  document: Json;
  dialect: Dialect;
  /** Path prefixes of the description's servers (CVE Services: `/api`). */
  basePaths: string[];
}

export type HeadersLike = Headers | Record<string, string | string[] | undefined> | [string, string][];

const descriptions = new Map<string, Description>();
const registries = new WeakMap<Description, Map<string, SchemaRegistry>>();

/** Reads (once per process) an OpenAPI 3.x description; its relative `$ref`s resolve against its folder. */
export function loadDescription(path: string): Description {
  const absolute = resolvePath(path);
  let description = descriptions.get(absolute);
  if (!description) {
    const document = readJson(absolute) as Json;
    const version = String(document.openapi ?? '');
    if (!version.startsWith('3.')) throw new Error(`conformance: ${path} is not an OpenAPI 3 description`);
    const servers = Array.isArray(document.servers) ? (document.servers as { url?: string }[]) : [];
    const basePaths = servers
      .map((server) => new URL(server.url ?? '/', 'http://base.invalid').pathname.replace(/\/$/, ''))
      .filter((base) => base !== '');
    description = {
      path: absolute,
      document,
      dialect: version.startsWith('3.1') ? '3.1' : '3.0',
      basePaths: [...new Set(basePaths)],
    };
    descriptions.set(absolute, description);
  }
  return description;
}

/** One registry per description and API version (`undefined`: the description as written). */
export function registryFor(description: Description, version?: string): SchemaRegistry {
  let byVersion = registries.get(description);
  if (!byVersion) {
    byVersion = new Map();
    registries.set(description, byVersion);
  }
  let registry = byVersion.get(version ?? '');
  if (!registry) {
    registry = new SchemaRegistry(description.dialect, description.path, description.document, version);
    byVersion.set(version ?? '', registry);
  }
  return registry;
}

export function normalizeHeaders(headers: HeadersLike | undefined): Map<string, string> {
  const map = new Map<string, string>();
  if (!headers) return map;
  const entries: Iterable<[string, unknown]> =
    headers instanceof Headers || Array.isArray(headers) ? headers : Object.entries(headers);
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    map.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
  }
  return map;
}

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type ? type : undefined;
}
