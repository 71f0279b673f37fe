// Checks a published record against its format's official schema, vendored
// unmodified: CVE JSON 5.1 (bundled, draft-07) and OSV (draft 2020-12). Each
// problem names the JSON path in the file and what is wrong there, so a broken
// file can be fixed. Each schema is read and compiled once, on first use.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { packageFile } from '../config/package-files.ts';
import type { RecordProblem } from './imported.ts';

// ajv-formats is CommonJS; under NodeNext TypeScript types its default import as the module object.
const addFormats = (addFormatsModule as unknown as { default: FormatsPlugin }).default;

// src cannot lean on sim/conformance/vendored.ts, so the two files are named here, from the package
// root (test/conformance/vendored-files.test.ts checks they are pinned files).
const vendorFile = (path: string): string => packageFile(`vendor/${path}`);

/** The vendored schema files these validators read. */
export const recordSchemaFiles = {
  cve: vendorFile('cve-services/src/middleware/schemas/CVE_JSON_5.1_bundled.json'),
  osv: vendorFile('osv-schema/validation/schema.json'),
} as const;

interface CveValidators {
  record: ValidateFunction;
  /** The record schema's two branches (`oneOf`): reporting against the one the record's state names gives its real problems. */
  published: ValidateFunction;
  rejected: ValidateFunction;
}

let cve: CveValidators | undefined;
let osv: ValidateFunction | undefined;

const readSchema = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

function cveValidators(): CveValidators {
  if (cve) return cve;
  const schema = readSchema(recordSchemaFiles.cve);
  const id = String(schema.$id);
  // allErrors: a file's every problem at once. Unoptimized code compiles in half the time and validates the same.
  const ajv = new Ajv({ allErrors: true, code: { optimize: false } });
  addFormats(ajv);
  ajv.addSchema(schema);
  const get = (ref: string) => {
    const validate = ajv.getSchema(ref);
    if (!validate) throw new Error(`the vendored CVE record schema has no ${ref}`);
    return validate;
  };
  cve = { record: get(id), published: get(`${id}#/oneOf/0`), rejected: get(`${id}#/oneOf/1`) };
  return cve;
}

function osvValidator(): ValidateFunction {
  if (osv) return osv;
  // The official schema leaves `type` implicit beside `items`, `pattern`…, which ajv's strict mode only warns about.
  const ajv = new Ajv2020({ allErrors: true, strict: false, code: { optimize: false } });
  addFormats(ajv);
  osv = ajv.compile(readSchema(recordSchemaFiles.osv));
  return osv;
}

/** A CVE record's problems against CVE JSON 5.1; empty when it is valid. */
export function validateCveRecord(record: unknown): RecordProblem[] {
  const { record: whole, published, rejected } = cveValidators();
  if (whole(record)) return [];
  // The whole schema's errors list both branches; the branch of the record's own state says what to fix.
  const state = stateOf(record);
  const branch = state === 'REJECTED' ? rejected : state === 'PUBLISHED' ? published : null;
  if (branch && !branch(record)) return problemsOf(branch.errors);
  return problemsOf(whole.errors);
}

/** An OSV record's problems against the OSV schema; empty when it is valid. */
export function validateOsvRecord(record: unknown): RecordProblem[] {
  const validate = osvValidator();
  return validate(record) ? [] : problemsOf(validate.errors);
}

function stateOf(record: unknown): unknown {
  if (!record || typeof record !== 'object') return undefined;
  const metadata = (record as { cveMetadata?: unknown }).cveMetadata;
  return metadata && typeof metadata === 'object' ? (metadata as { state?: unknown }).state : undefined;
}

/** ajv's errors as problems: the path (`/` for the whole file), the message with what it names. */
function problemsOf(errors: ErrorObject[] | null | undefined): RecordProblem[] {
  const seen = new Set<string>();
  const problems: RecordProblem[] = [];
  for (const error of errors ?? []) {
    if (isSummary(error)) continue;
    const problem = { path: error.instancePath || '/', message: messageOf(error) };
    const key = `${problem.path}\n${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/**
 * "must match exactly one schema in oneOf" when no branch matched only sums up what each branch said
 * (ajv lists those too); kept when several branches matched, since then it is the problem.
 */
function isSummary(error: ErrorObject): boolean {
  if (error.keyword === 'anyOf') return true;
  return error.keyword === 'oneOf' && (error.params as { passingSchemas?: unknown }).passingSchemas == null;
}

// ajv's message alone ("must NOT have additional properties") does not say which property or value.
function messageOf(error: ErrorObject): string {
  const message = error.message ?? `fails "${error.keyword}"`;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return `${message}: "${String(params.additionalProperty)}"`;
  if (error.keyword === 'enum')
    return `${message}: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (error.keyword === 'const') return `${message}: ${JSON.stringify(params.allowedValue)}`;
  return message;
}
