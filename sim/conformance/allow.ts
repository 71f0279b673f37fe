// Problems and the allow-list that excuses named ones. An allowance names the operation, the side
// (request/response), where in the message and which keyword, and says why; it never switches a
// check off wholesale. Allowances that never match are reported as stale.
import { PathMatcher } from './paths.ts';

/** Where in a request or response a problem was found. */
export type ProblemLocation = 'operation' | 'status' | 'content-type' | 'body' | 'header' | 'query' | 'path';

export interface Problem {
  where: 'request' | 'response';
  /** null when the request matched no operation of the description. */
  operationId: string | null;
  method: string;
  url: string;
  status?: number;
  /** The API version the message was checked in, for versioned descriptions. */
  version?: string;
  location: ProblemLocation;
  /** JSON pointer inside the location: `/identifiers/0/value` (body), `/link` (header), `/per_page` (query). */
  instancePath: string;
  /** Ajv's keyword (`required`, `type`, `enum`, `additionalProperties`, …) or one of ours. */
  keyword: ProblemKeyword | string;
  message: string;
  schemaPath?: string;
  /** For `type` problems: the JSON type of the value found (`null`, `object`, `string`, `number`, …). */
  valueType?: string;
  /** Only with `keepExcused`: the allowance that excused this problem. */
  excusedBy?: Allowance;
}

export type ProblemKeyword =
  | 'unknown-operation'
  | 'method-not-allowed'
  | 'undocumented-status'
  | 'undocumented-parameter'
  | 'undocumented-header'
  | 'content-type'
  | 'unexpected-body'
  | 'missing-body'
  | 'invalid-json'
  | 'unresolved-ref'
  | 'missing-parameter'
  | 'expected-invalid-request';

interface AllowanceBase {
  /** Why the description is wrong here (cite the spec notes, an issue, or GitHub's docs). */
  reason: string;
}

/** Excuses problems inside a described operation. */
export interface ProblemAllowance extends AllowanceBase {
  /** `*`: every described operation, for behaviour GitHub documents globally (errors, rate limits). */
  operationId: string | readonly string[];
  where: 'request' | 'response';
  status?: number;
  /** Default `body`. */
  location?: ProblemLocation;
  /** JSON pointer pattern: `*` matches one segment, `**` any number (including none). */
  instancePath: string;
  keyword?: string;
  /** Only for `content-type` problems: the media type the message carried. */
  mediaType?: string;
  /**
   * Only for `type` problems: excused only when the value found is of one of these JSON types, so
   * an allowance for a mis-typed field names what the field may really hold instead of anything.
   */
  valueTypes?: readonly string[];
  /**
   * For `undocumented-status` / `unexpected-body`: validate the body against this schema of the
   * description instead (e.g. `#/components/schemas/basic-error`), so the allowance narrows the check
   * rather than removing it.
   */
  validateAs?: string;
}

/** Excuses an operation the description does not have at all (method and path template). */
export interface OperationAllowance extends AllowanceBase {
  where: 'operation';
  method: string;
  path: string;
}

export type Allowance = ProblemAllowance | OperationAllowance;

/**
 * A response status the description does not document for these operations (`*`: any), its
 * body still checked against `validateAs` when given.
 */
export function undocumentedStatus(
  operationId: ProblemAllowance['operationId'],
  status: number,
  reason: string,
  validateAs?: string,
): ProblemAllowance {
  return {
    operationId,
    where: 'response',
    status,
    location: 'status',
    instancePath: '',
    keyword: 'undocumented-status',
    ...(validateAs === undefined ? {} : { validateAs }),
    reason,
  };
}

export function describeAllowance(allowance: Allowance): string {
  if (allowance.where === 'operation')
    return `${allowance.method.toUpperCase()} ${allowance.path} (not described)`;
  const ops =
    typeof allowance.operationId === 'string' ? allowance.operationId : allowance.operationId.join(', ');
  const status = allowance.status === undefined ? '' : ` ${allowance.status}`;
  const types = allowance.valueTypes ? ` (${allowance.valueTypes.join(' or ')} only)` : '';
  const keyword = allowance.keyword ? ` [${allowance.keyword}${types}]` : '';
  return `${ops} ${allowance.where}${status} ${allowance.location ?? 'body'} ${allowance.instancePath}${keyword}`;
}

export function pointerPatternMatches(pattern: string, pointer: string): boolean {
  const want = pattern === '' ? [] : pattern.slice(1).split('/');
  const have = pointer === '' ? [] : pointer.slice(1).split('/');
  const walk = (i: number, j: number): boolean => {
    if (i === want.length) return j === have.length;
    const token = want[i];
    if (token === '**') {
      for (let k = j; k <= have.length; k++) if (walk(i + 1, k)) return true;
      return false;
    }
    if (j === have.length) return false;
    return (token === '*' || token === have[j]) && walk(i + 1, j + 1);
  };
  return walk(0, 0);
}

export function allowanceMatches(allowance: ProblemAllowance, problem: Problem, mediaType?: string): boolean {
  if (problem.operationId === null || allowance.where !== problem.where) return false;
  const ops = typeof allowance.operationId === 'string' ? [allowance.operationId] : allowance.operationId;
  if (!ops.includes('*') && !ops.includes(problem.operationId)) return false;
  if (allowance.status !== undefined && allowance.status !== problem.status) return false;
  if ((allowance.location ?? 'body') !== problem.location) return false;
  if (allowance.keyword !== undefined && allowance.keyword !== problem.keyword) return false;
  if (allowance.mediaType !== undefined && allowance.mediaType !== mediaType) return false;
  if (allowance.valueTypes !== undefined && !allowance.valueTypes.includes(problem.valueType ?? ''))
    return false;
  return pointerPatternMatches(allowance.instancePath, problem.instancePath);
}

export class AllowList {
  private readonly hits = new Map<Allowance, number>();
  private readonly operations: PathMatcher;

  constructor(readonly entries: readonly Allowance[]) {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const entry of entries) {
      if (!entry.reason.trim()) {
        throw new Error(`conformance: allowance without a reason: ${describeAllowance(entry)}`);
      }
      this.hits.set(entry, 0);
      if (entry.where === 'operation')
        paths[entry.path] = { ...paths[entry.path], [entry.method.toLowerCase()]: {} };
    }
    this.operations = new PathMatcher(paths, () => false);
  }

  /** The allowance for an operation the description lacks, trying each candidate path. */
  operationAllowance(method: string, paths: readonly string[]): OperationAllowance | undefined {
    const wanted = method.toLowerCase();
    for (const path of paths) {
      const best = this.operations.match(path, wanted)[0];
      if (best?.template.methods.has(wanted)) {
        return this.operationAllowances().find(
          (entry) => entry.path === best.template.template && entry.method.toLowerCase() === wanted,
        );
      }
    }
    return undefined;
  }

  /** The first allowance excusing `problem`, counted as used. */
  excuse(problem: Problem, mediaType?: string): ProblemAllowance | undefined {
    for (const entry of this.entries) {
      if (entry.where !== 'operation' && allowanceMatches(entry, problem, mediaType)) {
        this.use(entry);
        return entry;
      }
    }
    return undefined;
  }

  use(entry: Allowance): void {
    this.hits.set(entry, (this.hits.get(entry) ?? 0) + 1);
  }

  operationAllowances(): OperationAllowance[] {
    return this.entries.filter((entry): entry is OperationAllowance => entry.where === 'operation');
  }

  /** Entries that excused nothing since creation (or the last reset). */
  stale(): Allowance[] {
    return this.entries.filter((entry) => (this.hits.get(entry) ?? 0) === 0);
  }

  usage(): { allowance: Allowance; hits: number }[] {
    return this.entries.map((allowance) => ({ allowance, hits: this.hits.get(allowance) ?? 0 }));
  }
}
