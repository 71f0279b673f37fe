// Turns schemas from an OpenAPI description (3.0 with `nullable`, or 3.1) and the
// JSON Schema files it references into Ajv validators, one fragment at a time:
// the GitHub description is ~13 MB, so only what an operation touches is converted.
import { readFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext TypeScript types its default import as the module object.
const addFormats = (addFormatsModule as unknown as { default: FormatsPlugin }).default;

export type Dialect = '3.0' | '3.1';

/** A schema location: an absolute file path and a JSON pointer inside it ('' = the whole file). */
export interface SchemaLocation {
  file: string;
  pointer: string;
}

export interface CompiledSchema {
  validate: ValidateFunction;
  /** `$ref`s that could not be followed (missing file or pointer); their targets accept anything. */
  unresolved: string[];
}

const ID_BASE = 'https://conformance.psrt.invalid/';

// Keywords whose value is a schema, a list of schemas, or a map of name → schema.
const SCHEMA_KEYWORDS = new Set([
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'additionalItems',
  'items',
]);
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', 'dependentSchemas']);
// Keywords dropped from converted schemas: identifiers (we assign our own), definition containers
// (every `$ref` is registered on its own) and OpenAPI annotations Ajv would misread.
const DROPPED = new Set(['$schema', '$id', 'id', 'definitions', '$defs', 'discriminator', 'nullable']);

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function escapePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

export function getPointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let node: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const token = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object' || !(token in node)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** One Ajv instance per description; converted fragments are shared by all its operations. */
export class SchemaRegistry {
  readonly ajv: Ajv;
  private readonly files = new Map<string, unknown>();
  private readonly ids = new Map<string, string>();
  private readonly compiled = new Map<string, CompiledSchema>();
  private readonly unresolvedBy = new Map<string, string[]>();

  /**
   * @param version API version whose `x-github-breaking-changes` (JSON merge patches on schemas, each
   *   tagged with the version that brought it) apply; none when undefined.
   */
  constructor(
    private readonly dialect: Dialect,
    rootFile: string,
    rootDocument: unknown,
    private readonly version?: string,
  ) {
    const options: Options = {
      strict: false,
      allErrors: true,
      verbose: true,
      validateFormats: true,
      logger: false,
    };
    this.ajv = dialect === '3.1' ? new Ajv2020(options) : new Ajv(options);
    addFormats(this.ajv);
    // GitHub's header schemas use `format: timestamp` (epoch seconds); the type already says integer.
    this.ajv.addFormat('timestamp', true);
    this.files.set(rootFile, rootDocument);
  }

  document(file: string): unknown {
    if (!this.files.has(file)) {
      let value: unknown;
      try {
        value = readJson(file);
      } catch {
        value = undefined;
      }
      this.files.set(file, value);
    }
    return this.files.get(file);
  }

  /** Follows `$ref`s (e.g. to `#/components/responses/x`) until a non-reference object. */
  deref(location: SchemaLocation): { location: SchemaLocation; value: unknown } | undefined {
    let current = location;
    for (let hops = 0; hops < 20; hops++) {
      const value = getPointer(this.document(current.file), current.pointer);
      if (value === undefined) return undefined;
      if (value && typeof value === 'object' && typeof (value as { $ref?: unknown }).$ref === 'string') {
        current = resolveRef((value as { $ref: string }).$ref, current.file);
        continue;
      }
      return { location: current, value };
    }
    return undefined;
  }

  /** A validator for the schema at `location` (cached). */
  compile(location: SchemaLocation): CompiledSchema {
    const key = `${location.file}#${location.pointer}`;
    const cached = this.compiled.get(key);
    if (cached) return cached;
    const unresolved: string[] = [];
    const id = this.register(location, unresolved);
    const validate = this.ajv.getSchema(id);
    if (!validate) throw new Error(`conformance: could not compile schema at ${key}`);
    const result = { validate, unresolved: [...new Set([...unresolved, ...this.transitiveUnresolved(id)])] };
    this.compiled.set(key, result);
    return result;
  }

  /** Compiles an inline schema that is not addressable by pointer (e.g. a made-up wrapper). */
  compileInline(schema: unknown, file: string): CompiledSchema {
    const unresolved: string[] = [];
    const converted = this.convert(schema, file, unresolved);
    return { validate: this.ajv.compile(converted as object), unresolved };
  }

  private transitiveUnresolved(id: string): string[] {
    return this.unresolvedBy.get(id) ?? [];
  }

  private register(location: SchemaLocation, unresolved: string[]): string {
    const key = `${location.file}#${location.pointer}`;
    const existing = this.ids.get(key);
    if (existing) {
      unresolved.push(...(this.unresolvedBy.get(existing) ?? []));
      return existing;
    }
    const id = `${ID_BASE}${this.ids.size}`;
    this.ids.set(key, id);
    const own: string[] = [];
    this.unresolvedBy.set(id, own);
    const value = getPointer(this.document(location.file), location.pointer);
    const converted = this.convert(value ?? {}, location.file, own) as Record<string, unknown>;
    this.ajv.addSchema(typeof converted === 'boolean' ? converted : { ...converted, $id: id }, id);
    unresolved.push(...own);
    return id;
  }

  private versioned(schema: Record<string, unknown>): Record<string, unknown> {
    return this.version === undefined ? schema : applyBreakingChanges(schema, this.version);
  }

  private convert(node: unknown, file: string, unresolved: string[]): unknown {
    if (typeof node === 'boolean') return node;
    if (!node || typeof node !== 'object' || Array.isArray(node)) return {};
    const schema = this.versioned(node as Record<string, unknown>);
    if (typeof schema.$ref === 'string') {
      const target = resolveRef(schema.$ref, file);
      let converted: Record<string, unknown>;
      if (getPointer(this.document(target.file), target.pointer) === undefined) {
        unresolved.push(schema.$ref);
        converted = {};
      } else {
        converted = { $ref: this.register(target, unresolved) };
      }
      // OpenAPI 3.0 ignores siblings of $ref; 3.1 (JSON Schema 2020-12) applies them.
      if (this.dialect === '3.1') {
        const { $ref: _ref, ...siblings } = schema;
        Object.assign(converted, this.convert(siblings, file, unresolved));
      }
      return schema.nullable === true ? { anyOf: [{ type: 'null' }, converted] } : converted;
    }
    const out: Record<string, unknown> = {};
    for (const [keyword, value] of Object.entries(schema)) {
      if (DROPPED.has(keyword)) continue;
      if (SCHEMA_KEYWORDS.has(keyword)) {
        out[keyword] = Array.isArray(value)
          ? value.map((item) => this.convert(item, file, unresolved))
          : this.convert(value, file, unresolved);
      } else if (SCHEMA_LIST_KEYWORDS.has(keyword) && Array.isArray(value)) {
        out[keyword] = value.map((item) => this.convert(item, file, unresolved));
      } else if (SCHEMA_MAP_KEYWORDS.has(keyword) && value && typeof value === 'object') {
        out[keyword] = Object.fromEntries(
          Object.entries(value).map(([name, sub]) => [name, this.convert(sub, file, unresolved)]),
        );
      } else if (keyword === 'dependencies' && value && typeof value === 'object') {
        out[keyword] = Object.fromEntries(
          Object.entries(value).map(([name, sub]) => [
            name,
            Array.isArray(sub) ? sub : this.convert(sub, file, unresolved),
          ]),
        );
      } else {
        out[keyword] = value;
      }
    }
    fixDraft4Exclusive(out, 'exclusiveMinimum', 'minimum');
    fixDraft4Exclusive(out, 'exclusiveMaximum', 'maximum');
    if (schema.nullable === true) return makeNullable(out);
    return out;
  }
}

// GitHub marks schema changes of later API versions on the schema itself; apply those up to ours.
function applyBreakingChanges(schema: Record<string, unknown>, version: string): Record<string, unknown> {
  const changes = schema['x-github-breaking-changes'];
  if (!Array.isArray(changes)) return schema;
  let result = schema;
  const due = changes
    .filter((change): change is { version: string; patch: unknown } => typeof change?.version === 'string')
    .filter((change) => change.version <= version)
    .sort((a, b) => a.version.localeCompare(b.version));
  for (const change of due) result = mergePatch(result, change.patch) as Record<string, unknown>;
  return result;
}

/** RFC 7386 JSON Merge Patch: null deletes, objects merge, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const base = target && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  const result = base as Record<string, unknown>;
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete result[name];
    else result[name] = mergePatch(result[name], value);
  }
  return result;
}

// OpenAPI 3.0 `nullable: true`: null is allowed in addition to what the schema says.
function makeNullable(schema: Record<string, unknown>): Record<string, unknown> {
  const { type } = schema;
  if (typeof type === 'string' || Array.isArray(type)) {
    const types = Array.isArray(type) ? type : [type];
    const result: Record<string, unknown> = {
      ...schema,
      type: types.includes('null') ? types : [...types, 'null'],
    };
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) result.enum = [...schema.enum, null];
    return result;
  }
  return { anyOf: [{ type: 'null' }, schema] };
}

// Draft-04 style `exclusiveMinimum: true` (OpenAPI 3.0, CVE Services' draft-04 files).
function fixDraft4Exclusive(schema: Record<string, unknown>, exclusive: string, inclusive: string): void {
  if (schema[exclusive] === true && typeof schema[inclusive] === 'number') {
    schema[exclusive] = schema[inclusive];
    delete schema[inclusive];
  } else if (schema[exclusive] === false) {
    delete schema[exclusive];
  }
}

/**
 * Resolves a `$ref` against the file it appears in. `#/x` stays in the file; `../schemas/a.json#/x`
 * is relative to it; `/schemas/a.json` (CVE Services writes some refs this way) is taken relative to
 * the referring file's parent folder, like the `../schemas/` refs beside it.
 */
export function resolveRef(ref: string, file: string): SchemaLocation {
  const hash = ref.indexOf('#');
  const target = hash === -1 ? ref : ref.slice(0, hash);
  const pointer = hash === -1 ? '' : ref.slice(hash + 1);
  if (target === '') return { file, pointer };
  const base = dirname(file);
  const path = target.startsWith('/') ? resolvePath(base, `..${target}`) : resolvePath(base, target);
  return { file: path, pointer };
}

export type { ErrorObject };
