// Errors of the CVE Services client. The message says what went wrong and what
// to do, from the status and the service's error code only: it never repeats
// record text, nor the service's own message (a JSON syntax error there can
// quote the body). Those stay in `serviceMessage` and `details` for logs.
import { badInputSchema, type ServiceError, schemaErrorSchema } from './schemas.ts';

export class CnaError extends Error {
  override readonly name = 'CnaError';
  /** For 429 and 503: when the service said to come back (Retry-After or RateLimit-Reset). */
  retryAt: Date | null = null;
  constructor(
    /** HTTP status; null when no answer came (network, timeout). */
    readonly status: number | null,
    /** The service's `error` code (EXCEEDED_ID_QUOTA, UNAUTHORIZED …), or the client's own: NETWORK_ERROR, UNEXPECTED_RESPONSE. */
    readonly code: string,
    message: string,
    /** The service's `message`, for logs. */
    readonly serviceMessage?: string,
    /** The service's `details` (parameter checks, schema errors, quota), for logs. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const checkCredentials =
  "Check CVE_API_KEY and the user (CVE_API_USER) of the org (CVE_API_ORG); the CNA's admin can reset the key or reactivate the user.";

/** What to do, by the service's error code. */
const adviceByCode: Record<string, string> = {
  BAD_REQUEST: 'Set CVE_API_ORG, CVE_API_USER and CVE_API_KEY.',
  UNAUTHORIZED: checkCredentials,
  CNA_ONLY: 'The org in CVE_API_ORG is not a CNA in CVE Services; ask the CVE Program Secretariat.',
  EXCEEDED_ID_QUOTA:
    "Ask the CNA's admin to raise the quota, or reject reserved IDs that will not be used, then reserve again.",
  ORG_CANNOT_RESERVE_FOR_OTHER: 'Reserve for the org in CVE_API_ORG only.',
  NO_BATCH_TYPE: 'Say whether the IDs are sequential or non-sequential when reserving more than one.',
  INVALID_BATCH_TYPE: 'Use batch type "sequential" or "non-sequential".',
  INVALID_AMOUNT: 'Reserve at least one ID.',
  OVER_NONSEQUENTIAL_MAX_AMOUNT:
    'Reserve at most 10 non-sequential IDs at a time, or ask for sequential IDs.',
  CANNOT_RESERVE_FOR_YEAR: 'Reserve for a year from 1999 to next year.',
  YEAR_RANGE_FULL: "The year's ID range is full; ask the CVE Program Secretariat to extend it.",
  RESERVATION_IN_PROGRESS:
    'Another reservation for this org is running; wait for it, list the RESERVED IDs, then reserve again if still needed.',
  CVE_ID_NOT_FOUND: 'Check the CVE ID; it has not been reserved.',
  ORG_DOES_NOT_OWN_ID: 'Check the CVE ID: it does not exist or belongs to another CNA.',
  CVEID_ORG_DOES_NOT_MATCH: 'Check the CVE ID: it belongs to another CNA.',
  CVE_RECORD_DNE: 'Check the CVE ID; no CVE Record has been published or rejected for it.',
  CVE_RECORD_EXISTS: 'A CVE Record already exists for this ID; update it instead.',
  CANNOT_CHANGE_CVE_ID_WITH_RECORD: 'The ID has a CVE Record; change the record instead.',
  BAD_INPUT: 'This is a bug in psrt: CVE Services refused the parameters named above.',
  INVALID_JSON_SCHEMA: 'Fix the container so that it follows the CVE JSON 5.1 schema, then send it again.',
  INVALID_JSON_SYNTAX: 'This is a bug in psrt: the request body was not valid JSON.',
  RECORD_TOO_LARGE: 'CVE Records must be smaller than 3.8 MB; shorten the container.',
  TOO_MANY_REQUESTS: 'CVE Services is rate limiting; wait a minute and try again.',
  NOT_FOUND: 'Check the base URL: it should end in /api (https://cveawg.mitre.org/api).',
  NOT_SAME_ORG_OR_SECRETARIAT: 'Ask about the org in CVE_API_ORG only.',
};

const adviceByStatus = (status: number): string =>
  status >= 500
    ? 'CVE Services is not available; try again later.'
    : status === 401
      ? checkCredentials
      : status === 403
        ? "The user may not do this; check CVE_API_ORG and the user's role, or ask the CNA's admin."
        : status === 404
          ? 'Check the ID and the base URL.'
          : 'Check the request.';

/** The CnaError for an error answer of CVE Services. */
export function serviceError(action: string, status: number, body: ServiceError | undefined): CnaError {
  // A 5xx without the service's error body comes from the load balancer in front of it.
  const code = body?.error ?? (status >= 500 ? 'SERVICE_NOT_AVAILABLE' : `HTTP_${status}`);
  const advice = adviceByCode[code] ?? adviceByStatus(status);
  const answered = body ? `${status} ${code}` : `${status} without its error body`;
  return new CnaError(
    status,
    code,
    `${action} failed: CVE Services answered ${answered}${problems(code, body?.details)}. ${advice}`,
    body?.message,
    body?.details,
  );
}

/** A short account of schema or parameter problems: where, and which rule, never the values. */
function problems(code: string, details: unknown): string {
  if (code === 'INVALID_JSON_SCHEMA') {
    const list = (details as { errors?: unknown } | undefined)?.errors;
    const errors = Array.isArray(list) ? list.flatMap((e) => schemaErrorSchema.safeParse(e).data ?? []) : [];
    if (errors.length === 0) return '';
    const shown = errors
      .slice(0, 3)
      .map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword ?? ''}`.trim());
    return ` (${errors.length} problem${errors.length > 1 ? 's' : ''}: ${shown.join('; ')}${errors.length > 3 ? '; …' : ''})`;
  }
  if (code === 'BAD_INPUT' && Array.isArray(details)) {
    const params = details.flatMap((d) => badInputSchema.safeParse(d).data?.param ?? []);
    const named = [...new Set(params.map((p) => p || 'parameter names'))];
    return named.length > 0 ? ` (invalid: ${named.join(', ')})` : '';
  }
  return '';
}
