// Validates a value against a schema inside a plain JSON Schema file (e.g. the CVE JSON 5.1
// record schema in vendor/cve-services), with the same conversion and error reporting as the checkers.
import { resolve as resolvePath } from 'node:path';
import { ErrorExplainer, type SchemaError } from './errors.ts';
import { readJson, SchemaRegistry } from './schemas.ts';

const registries = new Map<string, { registry: SchemaRegistry; explainer: ErrorExplainer }>();

/** Problems of `value` against the schema at `pointer` (`''` = the whole file, `/definitions/x`). */
export function checkAgainstSchema(file: string, pointer: string, value: unknown): SchemaError[] {
  const absolute = resolvePath(file);
  let entry = registries.get(absolute);
  if (!entry) {
    const registry = new SchemaRegistry('3.0', absolute, readJson(absolute));
    entry = { registry, explainer: new ErrorExplainer(registry.ajv) };
    registries.set(absolute, entry);
  }
  const compiled = entry.registry.compile({ file: absolute, pointer });
  if (compiled.unresolved.length > 0) {
    return compiled.unresolved.map((ref) => ({
      instancePath: '',
      keyword: 'unresolved-ref',
      message: `cannot read the schema ${ref}`,
      schemaPath: '',
    }));
  }
  return entry.explainer.explain(compiled.validate, value);
}
