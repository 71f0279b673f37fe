// Advisory comments, REST public preview (§2.11): list (`since` filters on updated_at; page or
// cursor pagination, and the comment shape, as configured), get, create and edit; no delete.
// Public repositories only. Confidential comments exist in the UI model (control.ts) and never
// leave through REST.
import type { Hono } from 'hono';
import { advisoryAccess, findAdvisory, requirePermission, routeRepo } from './access.ts';
import { actorOf } from './auth.ts';
import type { SimContext } from './context.ts';
import {
  type Ctx,
  cursorPageOf,
  invalidRequest,
  json,
  mustBeAdmin,
  notFound,
  pageOf,
  readObject,
  requiresAuthentication,
  type SimEnv,
  withLink,
} from './http.ts';
import { renderComment } from './render.ts';
import type { Advisory, AdvisoryComment, Caller } from './state.ts';

const maxBody = 65536;

export function commentBody(body: Record<string, unknown>): string {
  if (!('body' in body)) throw invalidRequest(`"body" wasn't supplied.`);
  if (typeof body.body !== 'string')
    throw invalidRequest(`For 'properties/body', ${JSON.stringify(body.body)} is not a string.`);
  if (body.body.trim() === '')
    throw invalidRequest(`For 'properties/body', "" is too short (minimum is 1 characters).`);
  if (body.body.length > maxBody) {
    throw invalidRequest(
      `For 'properties/body', the string is too long (${body.body.length} characters, maximum is ${maxBody}).`,
    );
  }
  return body.body;
}

/** Comments belong to the advisory's participants: admins, collaborators, Apps with the permission. */
function involved(sim: SimContext, caller: Caller, advisory: Advisory): { read: boolean; write: boolean } {
  const access = advisoryAccess(sim.state, caller, advisory, sim.clock.now());
  if (caller.kind === 'installation') return { read: access.view, write: access.edit };
  return { read: access.edit, write: access.edit };
}

export function addComment(
  sim: SimContext,
  caller: Caller,
  advisory: Advisory,
  body: string,
  options: { confidential?: boolean } = {},
): AdvisoryComment {
  if (caller.kind === 'anonymous') throw requiresAuthentication();
  if (!involved(sim, caller, advisory).write) throw notFound();
  const author = actorOf(sim.state, caller);
  if (!author) throw notFound();
  const now = sim.clock.now();
  const comment: AdvisoryComment = {
    id: sim.state.nextId('comment'),
    ghsaId: advisory.ghsaId,
    authorId: author.id,
    body,
    confidential: options.confidential ?? false,
    createdAt: now,
    updatedAt: now,
  };
  sim.state.comments.push(comment);
  return comment;
}

export function commentRoutes(app: Hono<SimEnv>, sim: SimContext): void {
  const base = '/repos/:owner/:repo/security-advisories/:ghsa/comments';
  const advisoryOf = (c: Ctx, need: 'read' | 'write') => {
    const caller = c.get('caller');
    const repo = routeRepo(sim, c);
    if (repo.private) throw notFound();
    requirePermission(caller, 'repository_advisories', need);
    const advisory = findAdvisory(sim.state, caller, repo, c.req.param('ghsa') ?? '', sim.clock.now());
    if (need === 'write' && caller.kind === 'anonymous') throw requiresAuthentication();
    if (!involved(sim, caller, advisory)[need]) throw notFound();
    return advisory;
  };
  const render = (c: Ctx, comment: AdvisoryComment, advisory: Advisory) =>
    renderComment(sim.state, comment, advisory, c.get('urls'), sim.config.commentShape);
  const visibleComment = (advisory: Advisory, id: string) => {
    const comment = sim.state.comments.find((k) => String(k.id) === id && k.ghsaId === advisory.ghsaId);
    if (!comment || comment.confidential) throw notFound();
    return comment;
  };

  app.get(base, (c) => {
    const advisory = advisoryOf(c, 'read');
    const url = new URL(c.req.url);
    const sinceRaw = url.searchParams.get('since');
    const since = sinceRaw === null ? null : new Date(sinceRaw);
    if (since && Number.isNaN(since.getTime())) {
      throw invalidRequest(`For 'properties/since', ${JSON.stringify(sinceRaw)} is not a valid date-time.`);
    }
    const comments = sim.state.comments
      .filter((k) => k.ghsaId === advisory.ghsaId && !k.confidential)
      .filter((k) => since === null || k.updatedAt.getTime() >= since.getTime())
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
    const page =
      sim.config.commentPagination === 'cursor'
        ? cursorPageOf(comments, url, (k) => [k.createdAt.getTime(), k.id], false, sim.config.cursorPageParam)
        : pageOf(comments, url);
    withLink(c, page.link);
    return json(
      c,
      page.items.map((k) => render(c, k, advisory)),
    );
  });

  app.post(base, (c) => {
    const advisory = advisoryOf(c, 'write');
    const comment = addComment(sim, c.get('caller'), advisory, commentBody(readObject(c)));
    return json(c, render(c, comment, advisory), 201);
  });

  app.get(`${base}/:id`, (c) => {
    const advisory = advisoryOf(c, 'read');
    return json(c, render(c, visibleComment(advisory, c.req.param('id')), advisory));
  });

  app.patch(`${base}/:id`, (c) => {
    const advisory = advisoryOf(c, 'write');
    const comment = visibleComment(advisory, c.req.param('id'));
    const caller = c.get('caller');
    const author = actorOf(sim.state, caller);
    const manage = advisoryAccess(sim.state, caller, advisory, sim.clock.now()).manage;
    if (author?.id !== comment.authorId && !manage) throw mustBeAdmin();
    comment.body = commentBody(readObject(c));
    comment.updatedAt = sim.clock.now();
    return json(c, render(c, comment, advisory));
  });
  // No DELETE route: "Deleting comments isn't supported yet", so it answers 404 like any unknown route.
}
