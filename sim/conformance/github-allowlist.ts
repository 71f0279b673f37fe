// Where GitHub's official descriptions are known to be wrong or silent, by name and with the
// evidence (`vendor/github-advisories/github-advisories.md`, GitHub's docs, or the description contradicting
// itself). Only documented inaccuracies go here: a simulator that disagrees with a correct
// description has a bug to fix, not an allowance.
import { type Allowance, type ProblemAllowance, undocumentedStatus } from './openapi.ts';

const BASIC_ERROR = '#/components/schemas/basic-error';
const LIST_REPO = 'security-advisories/list-repository-advisories';
const LIST_ORG = 'security-advisories/list-org-repository-advisories';

/** Conditional GETs: GitHub documents 304 for the whole API, not per operation. */
const notModifiedAnywhere = undocumentedStatus(
  '*',
  304,
  'GET responses carry an ETag and answer If-None-Match with an empty 304 (GitHub docs "Use conditional requests"; github-advisories.md §5); the description lists 304 on some operations only',
);

/** A list whose 200 carries the `Link` its own parameters refer to, undocumented. */
function undocumentedLink(operationId: string, reason: string): ProblemAllowance {
  return {
    operationId,
    where: 'response',
    status: 200,
    location: 'header',
    instancePath: '/link',
    keyword: 'undocumented-header',
    reason,
  };
}

function errorBodyWhereNoneDocumented(operationId: string, status: number): ProblemAllowance {
  return {
    operationId,
    where: 'response',
    status,
    instancePath: '',
    keyword: 'unexpected-body',
    validateAs: BASIC_ERROR,
    reason: `The description documents this ${status} without content, but GitHub answers every error with a basic-error body {message, documentation_url} (github-advisories.md §0.1)`,
  };
}

// The description inlines the installation into this operation with account: allOf [Simple User,
// Enterprise], which no account can satisfy; #/components/schemas/installation has anyOf.
const installationAccount = ['name', 'slug', 'created_at', 'updated_at'].map(
  (key): ProblemAllowance => ({
    operationId: 'apps/list-installations',
    where: 'response',
    status: 200,
    instancePath: `/*/account/${key}`,
    keyword: 'required',
    reason:
      "apps/list-installations' inline schema types account as allOf [Simple User, Enterprise] (must be both) while #/components/schemas/installation says anyOf; a user or org account lacks the enterprise-only keys",
  }),
);

// Statuses GitHub documents for the whole API rather than per operation. Their bodies are still
// checked, as basic-error.
const anywhere = (status: number, reason: string): ProblemAllowance =>
  undocumentedStatus('*', status, reason, BASIC_ERROR);
const globalStatuses: ProblemAllowance[] = [
  anywhere(
    400,
    'Malformed JSON ("Problems parsing JSON") and an unsupported X-GitHub-Api-Version are answered 400 on any endpoint (github-advisories.md §0, §0.1)',
  ),
  anywhere(
    401,
    'Bad credentials / Requires authentication / an expired installation token: 401 on any endpoint (github-advisories.md §0.1, §3.1)',
  ),
  anywhere(
    403,
    'Primary rate limit exceeded (403 with x-ratelimit-remaining: 0) and "Resource not accessible by integration" can answer any endpoint (github-advisories.md §0.1, §5)',
  ),
  anywhere(
    404,
    'GitHub answers 404 for anything the caller may not see, including a private fork that is not ready yet (github-advisories.md §0.1, §2.9)',
  ),
  anywhere(413, 'Request bodies over the size limit are refused on any endpoint (github-advisories.md §7)'),
  anywhere(429, 'Rate limits may be answered 429 instead of 403 (github-advisories.md §5)'),
  ...[500, 502, 503].map((status) =>
    anywhere(status, 'Server errors can answer any endpoint; clients retry them (github-advisories.md §0.1)'),
  ),
];

// The comments preview adds `comments` to the advisory itself, which `repository-advisory` (with
// additionalProperties: false) does not know yet.
const COMMENT_COUNT =
  "The advisory comments preview (2026-10-02) adds the advisory's `comments` count, non-confidential comments only; not in @octokit/openapi 23.0.2, whose repository-advisory forbids extra keys (github-advisories.md §2.11, item 9 of the simulator notes)";
const commentCount: ProblemAllowance[] = [
  {
    operationId: [LIST_ORG, LIST_REPO],
    where: 'response',
    status: 200,
    instancePath: '/*/comments',
    keyword: 'additionalProperties',
    reason: COMMENT_COUNT,
  },
  {
    operationId: [
      'security-advisories/get-repository-advisory',
      'security-advisories/update-repository-advisory',
      'security-advisories/create-repository-advisory',
      'security-advisories/create-private-vulnerability-report',
    ],
    where: 'response',
    instancePath: '/comments',
    keyword: 'additionalProperties',
    reason: COMMENT_COUNT,
  },
];

/** GitHub REST (`@octokit/openapi`, api.github.com.json). */
export const githubAllowList: readonly Allowance[] = [
  ...globalStatuses,
  notModifiedAnywhere,
  ...commentCount,
  undocumentedLink(
    LIST_ORG,
    'The org advisory list pages with cursors from the Link header (its own before/after parameters say so), but its 200 does not document Link (github/rest-api-description#7201; github-advisories.md §0.2, §6)',
  ),
  undocumentedLink(
    LIST_REPO,
    'Like the org list: before/after are "a cursor, as given in the Link header", yet the 200 does not document Link (github-advisories.md §0.2, §2.1)',
  ),
  undocumentedLink(
    'security-advisories/list-global-advisories',
    'Like the repository and org lists: before/after are "a cursor, as given in the Link header", yet the 200 does not document Link (github-advisories.md §0.2, §2.12)',
  ),
  errorBodyWhereNoneDocumented('teams/get-membership-for-user-in-org', 404),
  errorBodyWhereNoneDocumented('teams/add-or-update-membership-for-user-in-org', 403),
  errorBodyWhereNoneDocumented('repos/codeowners-errors', 404),
  {
    operationId: 'repos/get-content',
    where: 'response',
    status: 200,
    location: 'content-type',
    instancePath: '',
    keyword: 'content-type',
    mediaType: 'application/vnd.github.raw',
    reason:
      'The raw media type (Accept: application/vnd.github.raw+json, answered as application/vnd.github.raw) is in the operation text only, not among its response content types (github/rest-api-description#6089); psrt reads CODEOWNERS that way (github-advisories.md §3.4)',
  },
  ...installationAccount,
  undocumentedLink(
    'repos/compare-commits',
    'Comparisons page their commits with page/per_page (GitHub changelog 2021-03-22 "Compare REST API now supports pagination"; the operation\'s own text says to paginate large comparisons and links to "Using pagination in the REST API", which pages by the Link header), yet its 200 does not document Link',
  ),
  undocumentedLink(
    'search/issues-and-pull-requests',
    'Search pages with page/per_page and a Link header like every page-based list (GitHub docs "Using pagination in the REST API" names search among them; the operation links to it), yet its 200 does not document Link',
  ),
];

// In the 3.1 webhooks description, author, publisher and private_fork are
// { allOf: [<object schema>], type: ["null"] }: null fails the allOf and an object fails the type,
// so no value passes (the nullable-union issue, github/rest-api-description#2534; github-advisories.md §6).
// What is meant is "that object, or null": only those two types are excused, and an object is still
// checked field by field against the allOf's schema.
const NULLABLE_UNION =
  'Webhook repository-advisory marks nullable objects as allOf [schema] + type ["null"], which no value satisfies (github/rest-api-description#2534; github-advisories.md §6); an object or null is meant';
const ADVISORY_EVENTS = ['repository-advisory/reported', 'repository-advisory/published'];

// A bot's git address is `<id>+<slug>[bot]@users.noreply.github.com` (GitHub Actions commits as
// 41898282+github-actions[bot]@users.noreply.github.com), which `format: email` (RFC 5322) refuses.
const BOT_EMAIL =
  "The push description marks git emails `format: email`, but a GitHub App's commits and pushes carry its bot's noreply address `<id>+<slug>[bot]@users.noreply.github.com` (GitHub docs: GitHub Actions commits as 41898282+github-actions[bot]@users.noreply.github.com), whose brackets RFC 5322 does not allow unquoted";
const pushEmails = [
  '/commits/*/author/email',
  '/commits/*/committer/email',
  '/head_commit/author/email',
  '/head_commit/committer/email',
  '/pusher/email',
];

/** GitHub webhooks (`@octokit/openapi-webhooks`, api.github.com.json). */
export const githubWebhookAllowList: readonly Allowance[] = [
  ...['author', 'publisher', 'private_fork'].map(
    (field): Allowance => ({
      operationId: ADVISORY_EVENTS,
      where: 'request',
      instancePath: `/repository_advisory/${field}`,
      keyword: 'type',
      valueTypes: ['object', 'null'],
      reason: NULLABLE_UNION,
    }),
  ),
  ...pushEmails.map(
    (instancePath): Allowance => ({
      operationId: 'push',
      where: 'request',
      instancePath,
      keyword: 'format',
      reason: BOT_EMAIL,
    }),
  ),
];
