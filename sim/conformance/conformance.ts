// What a conformance checker is asked and answers: the interface the checker
// implements and its options. Kept apart from openapi.ts (the entry that builds
// one) so the checker can implement it without importing its own entry.
import type { Allowance, AllowList, OperationAllowance, Problem } from './allow.ts';
import type { Description, HeadersLike } from './description.ts';

export interface OperationMatch {
  operationId: string;
  method: string;
  pathTemplate: string;
  params: Record<string, string>;
}

export interface Conformance {
  readonly description: Description;
  readonly allowList: AllowList;
  matchOperation(method: string, url: string): OperationMatch | null;
  /** The allowance that lets an operation the description lacks through, if any. */
  allowedOperation(method: string, url: string): OperationAllowance | undefined;
  /** `body`: the raw text, or an already parsed JSON value; `undefined`, `null` and `''` mean no body. */
  checkRequest(
    method: string,
    url: string,
    headers: HeadersLike,
    body: unknown,
    options?: CheckOptions,
  ): Problem[];
  checkResponse(method: string, url: string, status: number, headers: HeadersLike, body: unknown): Problem[];
  /** Webhook descriptions (3.1 `webhooks` or 3.0 `x-webhooks`); `name` is e.g. `repository-advisory-reported`. */
  checkWebhook(name: string, headers: HeadersLike, body: unknown): Problem[];
  /** Allowances that have excused nothing so far. */
  staleAllowances(): Allowance[];
}

export interface CheckOptions {
  /** Also return the problems the allow-list excused, marked with `excusedBy`. */
  keepExcused?: boolean;
}

export interface ConformanceOptions {
  allow?: readonly Allowance[];
  /**
   * Headers that are part of an operation's contract where the description documents them; a
   * response carrying one its operation does not document is a problem. Default: `link`.
   */
  contractHeaders?: readonly string[];
  /**
   * Response bodies the description types too loosely, checked besides against an official JSON
   * Schema file. What that schema finds is reported as is: no allowance excuses it.
   */
  bodySchemas?: readonly BodySchema[];
  /**
   * Versioned APIs (GitHub): which header names the version of a request and of a response, and the
   * default. Schemas then get their `x-github-breaking-changes` up to that version applied.
   */
  apiVersion?: { requestHeader: string; responseHeader: string; default: string };
}

/** An official JSON Schema a response body must also satisfy (e.g. CVE JSON 5.1 for a record). */
export interface BodySchema {
  operationId: string;
  status: number;
  /** The schema file, kept unmodified under vendor/; the body is validated against all of it. */
  file: string;
  /** Names the schema in problem messages: `… (CVE JSON 5.1 record schema)`. */
  name: string;
  /** Why the description's own schema is not enough here. */
  reason: string;
}
