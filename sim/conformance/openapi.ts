// Checks HTTP requests and responses against an official OpenAPI description (GitHub's REST
// description, CVE Services') and webhook payloads against GitHub's webhooks description, so the
// simulators can be trusted to behave like the services they stand in for.
import { Checker } from './checker.ts';
import type { Conformance, ConformanceOptions } from './conformance.ts';
import type { Description } from './description.ts';

export type { Allowance, OperationAllowance, Problem, ProblemAllowance, ProblemLocation } from './allow.ts';
export { describeAllowance, undocumentedStatus } from './allow.ts';
export type {
  BodySchema,
  CheckOptions,
  Conformance,
  ConformanceOptions,
  OperationMatch,
} from './conformance.ts';
export type { Description, HeadersLike } from './description.ts';
export { loadDescription } from './description.ts';

export function createConformance(description: Description, options: ConformanceOptions = {}): Conformance {
  return new Checker(description, options);
}
