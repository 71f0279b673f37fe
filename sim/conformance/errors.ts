// Turns Ajv's errors into readable problems. Unions (`anyOf`/`oneOf`, which is also how OpenAPI 3.0
// `nullable` on a `$ref` is expressed) are explained by the branch that came closest, so a wrong
// field deep inside a nullable object is reported at that field, not as "must match a schema".
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { escapePointerToken } from './schemas.ts';

export interface SchemaError {
  instancePath: string;
  keyword: string;
  message: string;
  schemaPath: string;
  /** For `type` errors: the JSON type of the value found. */
  valueType?: string;
}

export class ErrorExplainer {
  private readonly branches = new WeakMap<object, ValidateFunction>();

  constructor(private readonly ajv: Ajv) {}

  explain(validate: ValidateFunction, data: unknown): SchemaError[] {
    return this.raw(validate, data).map(toSchemaError);
  }

  private raw(validate: ValidateFunction, data: unknown): ErrorObject[] {
    if (validate(data)) return [];
    return this.simplify([...(validate.errors ?? [])]);
  }

  private simplify(errors: ErrorObject[]): ErrorObject[] {
    const unions = errors
      .filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf')
      .sort((a, b) => a.instancePath.length - b.instancePath.length);
    let result = errors;
    for (const union of unions) {
      if (!result.includes(union) || !Array.isArray(union.schema)) continue;
      // oneOf matching several branches is itself the problem; nothing closer to explain.
      if (union.keyword === 'oneOf' && Array.isArray(union.params.passingSchemas)) continue;
      const attempts = (union.schema as object[]).map((branch) => this.raw(this.branch(branch), union.data));
      const best = attempts.reduce((a, b) => (closeness(b) > closeness(a) ? b : a));
      const at = union.instancePath;
      result = result.filter(
        (error) =>
          error !== union && !(isWithin(error.instancePath, at) && error.parentSchema !== union.parentSchema),
      );
      result.push(...best.map((error) => ({ ...error, instancePath: at + error.instancePath })));
    }
    return result;
  }

  private branch(schema: object): ValidateFunction {
    let validate = this.branches.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.branches.set(schema, validate);
    }
    return validate;
  }
}

// A branch for another type of value (null for an object) is farthest; then fewer errors is
// closer; among equals, errors deeper in the value mean the branch got further.
function closeness(errors: ErrorObject[]): number {
  if (errors.length === 0) return Number.POSITIVE_INFINITY;
  if (errors.some((error) => error.keyword === 'type' && error.instancePath === '')) return -1e9;
  const depth = Math.max(...errors.map((error) => error.instancePath.split('/').length));
  return depth - errors.length * 100;
}

function isWithin(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function toSchemaError(error: ErrorObject): SchemaError {
  const params = error.params as Record<string, unknown>;
  let instancePath = error.instancePath;
  let message = error.message ?? error.keyword;
  switch (error.keyword) {
    case 'required':
      instancePath += `/${escapePointerToken(String(params.missingProperty))}`;
      message = `required property "${params.missingProperty}" is missing`;
      break;
    case 'additionalProperties':
      instancePath += `/${escapePointerToken(String(params.additionalProperty))}`;
      message = `property "${params.additionalProperty}" is not allowed (additionalProperties: false)`;
      break;
    case 'enum':
      message = `${preview(error.data)} is not one of ${preview(params.allowedValues)}`;
      break;
    case 'type':
      message = `must be ${params.type}, got ${typeName(error.data)}${error.data === null ? ' (not nullable)' : ''}`;
      break;
    case 'format':
      message = `${preview(error.data)} is not a valid ${params.format}`;
      break;
    default:
      break;
  }
  const found = error.keyword === 'type' ? { valueType: typeName(error.data) } : {};
  return { instancePath, keyword: error.keyword, message, schemaPath: error.schemaPath, ...found };
}
