// `GET /search/issues` for the subset of GitHub's query language psrt uses (the leak guard, backports): words and
// "quoted phrases" (matched as token sequences, so `GHSA-abcd-…` and `CVE-2026-1234` match where
// the text has them), `repo:`, `org:`, `is:` public|private, `is:`/`type:` issue|pr, `is:`/`state:` open|closed, `in:`, `author:`,
// `label:` and `created:`/`updated:` dates. Any other GitHub qualifier is refused with 422, saying so,
// rather than answered wrongly. The simulator does not rank: without `sort` the most recently
// updated come first. Searches spend the per-minute `search` bucket (limits.ts).
import type { Hono } from 'hono';
import { canSeeRepo, installationCovers, installationPermission } from './access.ts';
import type { SimContext } from './context.ts';
import { dateFilter } from './global-advisory-query.ts';
import { type Ctx, GitHubError, json, pageOf, pageParams, type SimEnv, withLink } from './http.ts';
import { renderSearchItem } from './render-issues.ts';
import { type Issue, type IssueView, issueView } from './repo-state.ts';
import type { Repo } from './state.ts';
import { key } from './state.ts';

const docs = 'https://docs.github.com/rest/search/search#search-issues-and-pull-requests';

function invalidSearch(message: string, code = 'invalid'): GitHubError {
  return new GitHubError(422, 'Validation Failed', {
    documentationUrl: docs,
    errors: [{ message, resource: 'Search', field: 'q', code }],
  });
}

/** GitHub's issue qualifiers (docs "Searching issues and pull requests"); the supported ones are handled below. */
const knownQualifiers = new Set(
  'type is in user org repo state reason author assignee mentions commenter involves team label milestone project status head base language comments interactions reactions draft review reviewed-by review-requested user-review-requested team-review-requested created updated closed merged no archived linked sort has parent-issue sub-issue author-app team-mentions'.split(
    ' ',
  ),
);
const supported =
  'repo:, org:, is: public|private, is:/type: issue|pr, is:/state: open|closed, in:title|body|comments, author:, label:, created:, updated:';

/** Lower-case alphanumeric tokens: how both the query's words and the searched text are compared. */
const tokens = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];

function containsRun(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0) return true;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

interface Query {
  repos: string[];
  orgs: string[];
  visibility: 'public' | 'private' | null;
  kind: 'issue' | 'pr' | null;
  state: 'open' | 'closed' | null;
  scopes: Set<'title' | 'body' | 'comments'>;
  authors: string[];
  /** Each `label:` qualifier must match; one naming several (`label:a,b`) matches any of them. */
  labels: string[][];
  terms: string[][];
  dates: { field: 'created' | 'updated'; test: (d: Date) => boolean }[];
}

export function parseSearch(q: string): Query {
  const query: Query = {
    repos: [],
    orgs: [],
    visibility: null,
    kind: null,
    state: null,
    scopes: new Set(),
    authors: [],
    labels: [],
    terms: [],
    dates: [],
  };
  const parts = q.match(/-?[\w-]+:"[^"]*"|"[^"]*"|\S+/g) ?? [];
  let textLength = 0;
  for (const part of parts) {
    const qualifier = /^(-?)([a-z-]+):(.*)$/i.exec(part);
    const name = qualifier?.[2]?.toLowerCase() ?? '';
    if (!qualifier || !knownQualifiers.has(name)) {
      if (['AND', 'OR', 'NOT'].includes(part))
        throw invalidSearch(
          `The simulator does not support the ${part} operator; supported: words, "phrases", ${supported}.`,
        );
      const words = tokens(part);
      textLength += part.length;
      if (words.length) query.terms.push(words);
      continue;
    }
    const value = (qualifier[3] ?? '').replace(/^"|"$/g, '');
    const lower = value.toLowerCase();
    const refuse = () =>
      invalidSearch(
        `The simulator does not support the qualifier ${qualifier[1]}${name}:${value}; supported: ${supported}.`,
      );
    if (qualifier[1]) throw refuse();
    if (name === 'repo' && /^[^/\s]+\/[^/\s]+$/.test(value)) query.repos.push(lower);
    else if (name === 'org' && /^[^/\s]+$/.test(value)) query.orgs.push(key(value));
    else if (name === 'is' && (lower === 'public' || lower === 'private')) query.visibility = lower;
    else if ((name === 'is' || name === 'type') && ['issue', 'pr', 'pull-request'].includes(lower))
      query.kind = lower === 'issue' ? 'issue' : 'pr';
    else if ((name === 'is' || name === 'state') && (lower === 'open' || lower === 'closed'))
      query.state = lower;
    else if (name === 'in' && lower.split(',').every((s) => ['title', 'body', 'comments'].includes(s))) {
      for (const scope of lower.split(',')) query.scopes.add(scope as 'title' | 'body' | 'comments');
    } else if (name === 'author') query.authors.push(key(value));
    else if (name === 'label' && value !== '') query.labels.push(lower.split(','));
    else if (name === 'created' || name === 'updated') {
      const test = dateFilter(name, value, (message) => invalidSearch(message));
      if (test) query.dates.push({ field: name, test });
    } else throw refuse();
  }
  // GitHub's limit, on the words only: "not including operators or qualifiers".
  if (textLength > 256) throw invalidSearch('The search is longer than 256 characters.');
  if (query.scopes.size === 0)
    for (const scope of ['title', 'body', 'comments'] as const) query.scopes.add(scope);
  return query;
}

function matches(sim: SimContext, repo: Repo, issue: Issue, view: IssueView, query: Query): boolean {
  if (query.visibility && repo.private !== (query.visibility === 'private')) return false;
  if (query.kind && (query.kind === 'pr') !== Boolean(view.pull)) return false;
  if (query.state && view.state !== query.state) return false;
  if (query.authors.length && !query.authors.includes(key(sim.state.accountById(view.userId).login)))
    return false;
  const labels = issue.labels.map((name) => name.toLowerCase());
  if (!query.labels.every((anyOf) => anyOf.some((name) => labels.includes(name)))) return false;
  for (const { field, test } of query.dates) {
    if (!test(field === 'created' ? issue.createdAt : view.updatedAt)) return false;
  }
  const texts: string[][] = [];
  if (query.scopes.has('title')) texts.push(tokens(view.title));
  if (query.scopes.has('body')) texts.push(tokens(view.body ?? ''));
  if (query.scopes.has('comments')) {
    for (const k of repo.issueComments) if (k.number === issue.number) texts.push(tokens(k.body));
  }
  return query.terms.every((term) => texts.some((text) => containsRun(text, term)));
}

export function searchRoutes(app: Hono<SimEnv>, sim: SimContext): void {
  app.get('/search/issues', (c: Ctx) => {
    const url = new URL(c.req.url);
    const q = url.searchParams.get('q');
    if (q === null || q.trim() === '') throw invalidSearch('A search needs a query in q.', 'missing');
    const searchType = url.searchParams.get('search_type');
    if (searchType !== null)
      throw invalidSearch(`The simulator does not do ${searchType} search, only lexical search.`);
    const query = parseSearch(q);
    const caller = c.get('caller');
    const now = sim.clock.now();
    const searchable = (repo: Repo, issue?: Issue) => {
      if (!canSeeRepo(sim.state, caller, repo, now)) return false;
      // An App searches the private repositories it is installed on only with the permission.
      if (!repo.private || !installationCovers(sim.state, caller, repo)) return true;
      return (
        installationPermission(caller, 'issues') !== null ||
        (issue?.pullId != null && installationPermission(caller, 'pull_requests') !== null)
      );
    };
    const named = query.repos.map((name) => {
      const [owner = '', repoName = ''] = name.split('/');
      const repo = sim.state.repo(owner, repoName);
      if (!repo || !searchable(repo)) {
        throw invalidSearch(
          'The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.',
        );
      }
      return repo;
    });
    for (const org of query.orgs) {
      if (!sim.state.account(org))
        throw invalidSearch(
          'The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.',
        );
    }
    const inOrgs = (repo: Repo) =>
      query.orgs.length === 0 || query.orgs.includes(key(sim.state.accountById(repo.ownerId).login));
    const repos = (named.length ? named : [...sim.state.repos.values()]).filter(inOrgs);
    const found = repos.flatMap((repo) =>
      repo.issues
        .map((issue) => ({ repo, issue, view: issueView(repo, issue) }))
        .filter(({ issue, view }) => searchable(repo, issue) && matches(sim, repo, issue, view, query)),
    );
    const sort = url.searchParams.get('sort');
    const ascending = sort !== null && url.searchParams.get('order') === 'asc';
    const comments = (repo: Repo, issue: Issue) =>
      repo.issueComments.filter((k) => k.number === issue.number).length;
    const keyOf = ({ repo, issue, view }: (typeof found)[number]) =>
      sort === 'created'
        ? issue.createdAt.getTime()
        : sort === 'comments'
          ? comments(repo, issue)
          : sort === null || sort === 'updated'
            ? view.updatedAt.getTime()
            : 0;
    found.sort((a, b) => (ascending ? 1 : -1) * (keyOf(a) - keyOf(b) || a.issue.id - b.issue.id));
    // Only the first 1000 results of a search are available.
    const { page, perPage } = pageParams(url);
    if ((page - 1) * perPage >= 1000 && found.length > 1000)
      throw invalidSearch('Only the first 1000 search results are available', 'invalid');
    const window = pageOf(found.slice(0, 1000), url);
    withLink(c, window.link);
    return json(c, {
      total_count: found.length,
      incomplete_results: false,
      search_type: 'lexical',
      items: window.items.map(({ repo, issue }) => renderSearchItem(sim.state, repo, issue, c.get('urls'))),
    });
  });
}
