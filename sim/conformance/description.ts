// Loads an OpenAPI description once per process and keeps one schema registry per description,
// so every conformance checker over the same file shares compiled validators.
import { dirname, resolve as resolvePath, sep } from 'node:path';
import { type Dialect, readJson, SchemaRegistry } from './schemas.ts';

export type Json = Record<string, unknown>;

export interface Description {
  /** Absolute path of the description file; relative `$ref`s resolve against it. */
  path: string;
  document: Json;
  dialect: Dialect;
  /** Path prefixes of the description's servers (CVE Services: `/api`). */
  basePaths: string[];
  /**
   * Where a referenced file is really read from: `$ref`s keep their paths relative to the
   * description (and problems name them so), a folder of them may be kept elsewhere.
   */
  locate(file: string): string;
}

export interface DescriptionOptions {
  /** Folders the description's `$ref`s point into (absolute or relative to it) → where they are kept. */
  refDirs?: Record<string, string>;
}

export type HeadersLike = Headers | Record<string, string | string[] | undefined> | [string, string][];

const descriptions = new Map<string, Description>();
const registries = new WeakMap<Description, Map<string, SchemaRegistry>>();

/** Reads (once per process) an OpenAPI 3.x description. */
export function loadDescription(path: string, options: DescriptionOptions = {}): Description {
  const absolute = resolvePath(path);
  const key = `${absolute} ${JSON.stringify(options.refDirs ?? {})}`;
  let description = descriptions.get(key);
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
      locate: locator(dirname(absolute), options.refDirs ?? {}),
    };
    descriptions.set(key, description);
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
    registry = new SchemaRegistry(
      description.dialect,
      description.path,
      description.document,
      version,
      description.locate,
    );
    byVersion.set(version ?? '', registry);
  }
  return registry;
}

function locator(base: string, refDirs: Record<string, string>): (file: string) => string {
  const moves = Object.entries(refDirs).map(([from, to]) => [
    resolvePath(base, from) + sep,
    resolvePath(to) + sep,
  ]);
  return (file) => {
    for (const [from, to] of moves)
      if (from && to && file.startsWith(from)) return to + file.slice(from.length);
    return file;
  };
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
