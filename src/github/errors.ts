// Turns whatever octokit throws into one GitHubError that says what GitHub
// answered and what an operator should do about it. Messages carry ids and
// GitHub's own error text, never advisory text, tokens or the App's key.
import { RequestError } from 'octokit';

export type GitHubErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'invalid'
  | 'rate-limited'
  | 'server-error'
  | 'unreachable'
  | 'unexpected';

/** What was being attempted, for the message and the hint. */
export interface GitHubOperation {
  /** The client method, e.g. `getAdvisory`. */
  name: string;
  /** Ids only: `python/cpython`, `GHSA-…`, `python/psrt`. Never advisory text. */
  subject?: string;
  /** The App permission the call needs, as GitHub's settings page names it. */
  permission?: string;
  /** A 404 may hide an advisory the App may not see: never say which. */
  advisory?: boolean;
}

export class GitHubError extends Error {
  override readonly name = 'GitHubError';
  readonly kind: GitHubErrorKind;
  /** HTTP status, or null when GitHub could not be reached. */
  readonly status: number | null;
  /** GitHub's `message`, e.g. `Resource not accessible by integration`. */
  readonly githubMessage: string | null;
  readonly documentationUrl: string | null;
  readonly operation: string;
  /** What to do about it. */
  readonly hint: string;
  /** `x-github-request-id`, for GitHub support. */
  readonly requestId: string | null;
  /** For `rate-limited`: when GitHub says the limit resets (or the retry-after has passed). */
  readonly retryAt: Date | null;
  /** For `invalid`: which fields GitHub objected to and why (codes only, never the values sent). */
  readonly validationErrors: { resource?: string; field?: string; code: string }[];

  constructor(fields: {
    kind: GitHubErrorKind;
    status: number | null;
    githubMessage: string | null;
    documentationUrl: string | null;
    operation: GitHubOperation;
    hint: string;
    requestId?: string | null;
    retryAt?: Date | null;
    validationErrors?: { resource?: string; field?: string; code: string }[];
  }) {
    const { operation } = fields;
    const what = operation.subject ? `${operation.name} (${operation.subject})` : operation.name;
    const answer =
      fields.status !== null
        ? `: GitHub answered ${fields.status}${fields.githubMessage ? ` "${fields.githubMessage}"` : ''}`
        : fields.kind === 'unreachable'
          ? ': could not reach GitHub'
          : '';
    super(`${what} failed${answer}. ${fields.hint}`);
    this.kind = fields.kind;
    this.status = fields.status;
    this.githubMessage = fields.githubMessage;
    this.documentationUrl = fields.documentationUrl;
    this.operation = operation.name;
    this.hint = fields.hint;
    this.requestId = fields.requestId ?? null;
    this.retryAt = fields.retryAt ?? null;
    this.validationErrors = fields.validationErrors ?? [];
  }
}

/** Removes anything that looks like a credential from text we did not write. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  return out
    .replace(/-----BEGIN [^-]+-----[\s\S]*?-----END [^-]+-----/g, '[redacted key]')
    .replace(/\bgh[opsur]_[A-Za-z0-9._-]+/g, '[redacted token]')
    .replace(/\beyJ[\w-]*\.[\w-]+\.[\w-]+/g, '[redacted token]')
    .replace(/\b(bearer|token)\s+[A-Za-z0-9._-]{20,}/gi, '$1 [redacted]');
}

const header = (error: RequestError, name: string): string | null => {
  const value = error.response?.headers[name];
  return value === undefined || value === null ? null : String(value);
};

/** GitHub's `message` and `documentation_url` from an error body, bounded and redacted. */
function githubBody(error: RequestError): { message: string | null; documentationUrl: string | null } {
  const data = error.response?.data;
  if (typeof data !== 'object' || data === null) return { message: null, documentationUrl: null };
  const body = data as { message?: unknown; documentation_url?: unknown };
  // GitHub's validation messages quote the offending value; a long quoted value may be advisory text.
  const message =
    typeof body.message === 'string'
      ? redactSecrets(body.message)
          .replace(/"(?:[^"\\]|\\.){40,}"/g, '"[…]"')
          .replace(/\s+/g, ' ')
          .trim()
          .slice(0, 300)
      : null;
  const documentationUrl = typeof body.documentation_url === 'string' ? body.documentation_url : null;
  return { message, documentationUrl };
}

/** `errors[]` of a 422 without the `value`s, which may echo what was sent. */
function validationErrorsOf(error: RequestError): { resource?: string; field?: string; code: string }[] {
  const errors = (error.response?.data as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { resource, field, code } = item as Record<string, unknown>;
    if (typeof code !== 'string') return [];
    return [
      {
        code,
        ...(typeof resource === 'string' ? { resource } : {}),
        ...(typeof field === 'string' ? { field } : {}),
      },
    ];
  });
}

export const isRateLimitResponse = (error: RequestError): boolean =>
  (error.status === 403 || error.status === 429) &&
  (header(error, 'x-ratelimit-remaining') === '0' || /rate limit/i.test(githubBody(error).message ?? ''));

function rateLimitRetryAt(error: RequestError, now: Date): Date | null {
  const retryAfter = Number(header(error, 'retry-after'));
  if (retryAfter > 0) return new Date(now.getTime() + retryAfter * 1000);
  const reset = Number(header(error, 'x-ratelimit-reset'));
  return reset > 0 ? new Date(reset * 1000) : null;
}

/** Converts anything thrown by octokit (or our own hooks) into a GitHubError. */
export function toGitHubError(
  error: unknown,
  operation: GitHubOperation,
  options: { now: Date; secrets?: readonly string[]; baseUrl?: string },
): GitHubError {
  if (error instanceof GitHubError) return error;
  if (!(error instanceof RequestError)) {
    const text = error instanceof Error ? error.message : String(error);
    return new GitHubError({
      kind: 'unexpected',
      status: null,
      githubMessage: null,
      documentationUrl: null,
      operation,
      hint: redactSecrets(text, options.secrets).slice(0, 300),
    });
  }
  if (error.response === undefined) {
    return new GitHubError({
      kind: 'unreachable',
      status: null,
      githubMessage: null,
      documentationUrl: null,
      operation,
      hint: `Check the network, proxy and the GitHub base URL${options.baseUrl ? ` (${options.baseUrl})` : ''}, then retry.`,
    });
  }
  const { message, documentationUrl } = githubBody(error);
  const common = {
    status: error.status,
    githubMessage: message,
    documentationUrl,
    operation,
    requestId: header(error, 'x-github-request-id'),
  };
  if (isRateLimitResponse(error)) {
    const retryAt = rateLimitRetryAt(error, options.now);
    const secondary = /secondary rate/i.test(message ?? '');
    const when = retryAt ? `after ${retryAt.toISOString()}` : 'later';
    return new GitHubError({
      ...common,
      kind: 'rate-limited',
      retryAt,
      hint: secondary
        ? `GitHub's secondary rate limit was hit: retry ${when} and make fewer concurrent or write requests.`
        : `GitHub's API rate limit for this App installation is used up until ${retryAt ? retryAt.toISOString() : 'the hour is over'}; retry after that.`,
    });
  }
  switch (error.status) {
    case 401:
      return new GitHubError({
        ...common,
        kind: 'unauthorized',
        hint: "Check the App id and private key in the configuration, that the App is still installed, and that this machine's clock is within a minute of GitHub's (App tokens are time-limited).",
      });
    case 403:
      return new GitHubError({
        ...common,
        kind: 'forbidden',
        hint: /not accessible by integration/i.test(message ?? '')
          ? `Grant the GitHub App the ${operation.permission ?? 'needed'} permission, then accept the new permissions on the installation.`
          : `Check the App's permissions${operation.permission ? ` (${operation.permission})` : ''} and which repositories the installation covers.`,
      });
    case 404:
      return new GitHubError({
        ...common,
        kind: 'not-found',
        hint: operation.advisory
          ? 'The advisory does not exist, or the App cannot see it: check the GHSA id and repository, and that the App is installed there with the Repository security advisories permission.'
          : 'It does not exist, or the App cannot see it: check the names and which repositories and organisations the installation covers.',
      });
    case 422: {
      const validationErrors = validationErrorsOf(error);
      const fields = validationErrors.map((item) => `${item.field ?? item.resource ?? '?'} ${item.code}`);
      return new GitHubError({
        ...common,
        kind: 'invalid',
        validationErrors,
        hint: `GitHub refused the change as invalid${fields.length ? ` (${fields.join(', ')})` : ''}: correct the request, since sending it again unchanged will fail again.`,
      });
    }
    default:
      if (error.status >= 500) {
        return new GitHubError({
          ...common,
          kind: 'server-error',
          hint: 'GitHub failed on its side, also on the retries: try again later and check https://www.githubstatus.com.',
        });
      }
      return new GitHubError({
        ...common,
        kind: 'unexpected',
        hint: 'GitHub refused the request; see its message and documentation link.',
      });
  }
}
