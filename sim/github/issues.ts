// Issue routes: list (state, sort, direction, since, creator, assignee, labels, page), open, read
// and edit an issue, and list and add its comments. Pull requests are issues too and appear here
// with a `pull_request` key. The rules are in issue-actions.ts; reading needs what the repository
// needs, and an App installed on it needs `issues` read (`pull_requests` also does on a pull's issue).
import type { Hono } from 'hono';
import { installationCovers, installationPermission, routeRepo } from './access.ts';
import type { SimContext } from './context.ts';
import {
  type Ctx,
  invalidRequest,
  json,
  notAccessibleByIntegration,
  notFound,
  pageOf,
  readObject,
  type SimEnv,
  withLink,
} from './http.ts';
import { addIssueComment, openIssue, updateIssue } from './issue-actions.ts';
import { renderIssue, renderIssueComment } from './render-issues.ts';
import { type Issue, issueByNumber, issueView } from './repo-state.ts';
import type { Repo } from './state.ts';
import { key } from './state.ts';

function sinceOf(url: URL): Date | null {
  const raw = url.searchParams.get('since');
  if (raw === null) return null;
  const since = new Date(raw);
  if (Number.isNaN(since.getTime())) {
    throw invalidRequest(`For 'properties/since', ${JSON.stringify(raw)} is not a valid date-time.`);
  }
  return since;
}

function oneOf(url: URL, name: string, values: readonly string[], fallback: string): string {
  const value = url.searchParams.get(name) ?? fallback;
  if (!values.includes(value)) {
    throw invalidRequest(
      `For 'properties/${name}', ${JSON.stringify(value)} is not one of ${values.join(', ')}.`,
    );
  }
  return value;
}

export function issueRoutes(app: Hono<SimEnv>, sim: SimContext): void {
  /** The repository, after checking an installation may read issues (or pull requests) on it. */
  const readable = (c: Ctx, issue?: (repo: Repo) => Issue | undefined) => {
    const repo = routeRepo(sim, c);
    const found = issue?.(repo);
    if (issue && !found) throw notFound();
    const caller = c.get('caller');
    if (caller.kind === 'app') throw notAccessibleByIntegration();
    if (caller.kind === 'installation' && installationCovers(sim.state, caller, repo)) {
      const reads =
        installationPermission(caller, 'issues') !== null ||
        (found?.pullId != null && installationPermission(caller, 'pull_requests') !== null);
      if (!reads) throw notAccessibleByIntegration();
    }
    return { repo, issue: found as Issue };
  };
  const numbered = (c: Ctx) => (repo: Repo) => issueByNumber(repo, c.req.param('number') ?? '');
  const location = (c: Ctx, path: string) => c.header('Location', `${c.get('urls').api}${path}`);

  app.get('/repos/:owner/:repo/issues', (c) => {
    const { repo } = readable(c);
    const url = new URL(c.req.url);
    const q = url.searchParams;
    const state = oneOf(url, 'state', ['open', 'closed', 'all'], 'open');
    const sort = oneOf(url, 'sort', ['created', 'updated', 'comments'], 'created');
    const descending = oneOf(url, 'direction', ['asc', 'desc'], 'desc') === 'desc';
    const since = sinceOf(url);
    const creator = q.get('creator');
    const assignee = q.get('assignee');
    const labels = (q.get('labels') ?? '')
      .split(',')
      .map((l) => l.trim().toLowerCase())
      .filter(Boolean);
    const milestone = q.get('milestone');
    const loginOf = (id: number) => key(sim.state.accountById(id).login);
    const comments = (i: Issue) => repo.issueComments.filter((k) => k.number === i.number).length;
    const views = repo.issues
      .map((issue) => ({ issue, view: issueView(repo, issue) }))
      .filter(({ view }) => state === 'all' || view.state === state)
      .filter(({ view }) => since === null || view.updatedAt.getTime() >= since.getTime())
      .filter(({ view }) => creator === null || loginOf(view.userId) === key(creator))
      .filter(({ issue }) => {
        if (assignee === null) return true;
        if (assignee === 'none') return issue.assigneeIds.length === 0;
        if (assignee === '*') return issue.assigneeIds.length > 0;
        return issue.assigneeIds.some((id) => loginOf(id) === key(assignee));
      })
      .filter(({ issue }) => labels.every((l) => issue.labels.some((name) => name.toLowerCase() === l)))
      // No issue has a milestone in the simulator.
      .filter(() => milestone === null || milestone === 'none');
    const keyOf = ({ issue, view }: (typeof views)[number]) =>
      sort === 'updated'
        ? view.updatedAt.getTime()
        : sort === 'comments'
          ? comments(issue)
          : issue.createdAt.getTime();
    views.sort((a, b) => (descending ? -1 : 1) * (keyOf(a) - keyOf(b) || a.issue.number - b.issue.number));
    const page = pageOf(views, url);
    withLink(c, page.link);
    return json(
      c,
      page.items.map(({ issue }) => renderIssue(sim.state, repo, issue, c.get('urls'))),
    );
  });

  app.post('/repos/:owner/:repo/issues', (c) => {
    const repo = routeRepo(sim, c);
    const issue = openIssue(sim, c.get('caller'), repo, readObject(c));
    location(c, `/repos/${sim.state.fullName(repo)}/issues/${issue.number}`);
    return json(c, renderIssue(sim.state, repo, issue, c.get('urls')), 201);
  });

  app.get('/repos/:owner/:repo/issues/:number{[0-9]+}', (c) => {
    const { repo, issue } = readable(c, numbered(c));
    return json(c, renderIssue(sim.state, repo, issue, c.get('urls')));
  });

  app.patch('/repos/:owner/:repo/issues/:number{[0-9]+}', (c) => {
    const repo = routeRepo(sim, c);
    const issue = numbered(c)(repo);
    if (!issue) throw notFound();
    updateIssue(sim, c.get('caller'), repo, issue, readObject(c));
    return json(c, renderIssue(sim.state, repo, issue, c.get('urls')));
  });

  app.get('/repos/:owner/:repo/issues/:number{[0-9]+}/comments', (c) => {
    const { repo, issue } = readable(c, numbered(c));
    const url = new URL(c.req.url);
    const since = sinceOf(url);
    // Issue comments are ordered by ascending id; `since` filters on updated_at.
    const comments = repo.issueComments
      .filter((k) => k.number === issue.number)
      .filter((k) => since === null || k.updatedAt.getTime() >= since.getTime())
      .sort((a, b) => a.id - b.id);
    const page = pageOf(comments, url);
    withLink(c, page.link);
    return json(
      c,
      page.items.map((k) => renderIssueComment(sim.state, repo, k, c.get('urls'))),
    );
  });

  app.post('/repos/:owner/:repo/issues/:number{[0-9]+}/comments', (c) => {
    const repo = routeRepo(sim, c);
    const issue = numbered(c)(repo);
    if (!issue) throw notFound();
    const comment = addIssueComment(sim, c.get('caller'), repo, issue, readObject(c));
    location(c, `/repos/${sim.state.fullName(repo)}/issues/comments/${comment.id}`);
    return json(c, renderIssueComment(sim.state, repo, comment, c.get('urls')), 201);
  });
}
