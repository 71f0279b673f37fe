// GitHub's HTTP conventions shared by every route: error bodies (§0.1), JSON bodies,
// page and cursor pagination with `Link` headers (§0.2), and the request context type.
import type { Context } from 'hono';
import type { Urls } from './render-user.ts';
import type { Caller } from './state.ts';

export type SimEnv = {
  Variables: {
    caller: Caller;
    rawBody: string;
    urls: Urls;
    apiVersion: string;
    requestId: string;
  };
};
export type Ctx = Context<SimEnv>;

export const docsRoot = 'https://docs.github.com/rest';

export interface ValidationItem {
  code: string;
  resource?: string;
  field?: string;
  message?: string;
  index?: number;
  value?: string | number | string[] | null;
}

/** Thrown anywhere below a route; turned into GitHub's error body by the app's error handler. */
export class GitHubError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: {
      documentationUrl?: string;
      /** `validation-error` items, or the plain strings of `validation-error-simple`. */
      errors?: ValidationItem[] | string[];
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return {
      message: this.message,
      documentation_url: this.extra.documentationUrl ?? docsRoot,
      ...(this.extra.errors ? { errors: this.extra.errors } : {}),
      status: String(this.status),
    };
  }
}

export const notFound = (): GitHubError => new GitHubError(404, 'Not Found');
export const badCredentials = (): GitHubError => new GitHubError(401, 'Bad credentials');
export const requiresAuthentication = (): GitHubError => new GitHubError(401, 'Requires authentication');
export const notAccessibleByIntegration = (): GitHubError =>
  new GitHubError(403, 'Resource not accessible by integration');
export const mustBeAdmin = (): GitHubError => new GitHubError(403, 'Must have admin rights to Repository.');
export const invalidRequest = (detail: string): GitHubError =>
  new GitHubError(422, `Invalid request.\n\n${detail}`);
export const validationFailed = (errors: ValidationItem[], message = 'Validation Failed'): GitHubError =>
  new GitHubError(422, message, { errors });

export function errorResponse(error: GitHubError): Response {
  return new Response(JSON.stringify(error.body()), {
    status: error.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...error.extra.headers },
  });
}

/**
 * The request body as JSON. GitHub ignores Content-Type and parses whatever it got, so a
 * form-encoded body fails the same way malformed JSON does. An empty body counts as `{}`.
 */
export function readJson(c: Ctx): unknown {
  const raw = c.get('rawBody') ?? '';
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new GitHubError(400, 'Problems parsing JSON');
  }
}

export function readObject(c: Ctx): Record<string, unknown> {
  const body = readJson(c);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidRequest(`For 'links/0/schema', ${JSON.stringify(body)} is not an object.`);
  }
  return body as Record<string, unknown>;
}

export function json(c: Ctx, body: unknown, status = 200): Response {
  return c.body(JSON.stringify(body), status as 200, { 'content-type': 'application/json; charset=utf-8' });
}

function linkTo(url: URL, set: Record<string, string>, drop: string[] = []): string {
  const next = new URL(url);
  for (const name of drop) next.searchParams.delete(name);
  for (const [name, value] of Object.entries(set)) next.searchParams.set(name, value);
  return next.toString();
}

/** `page`/`per_page` as GitHub reads them: out-of-range values are clamped, never refused. */
export function pageParams(url: URL): { page: number; perPage: number } {
  const perPageRaw = Number.parseInt(url.searchParams.get('per_page') ?? '', 10);
  const pageRaw = Number.parseInt(url.searchParams.get('page') ?? '', 10);
  const perPage = Number.isFinite(perPageRaw) && perPageRaw > 0 ? Math.min(perPageRaw, 100) : 30;
  const page = Number.isFinite(pageRaw) && pageRaw > 0 ? pageRaw : 1;
  return { page, perPage };
}

/** One page of `items` and the `Link` header with first/prev/next/last as GitHub sends them. */
export function pageOf<T>(items: readonly T[], url: URL): { items: T[]; link: string | null } {
  const { page, perPage } = pageParams(url);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const rels: string[] = [];
  const at = (p: number) => linkTo(url, { page: String(p) });
  if (page > 1) rels.push(`<${at(Math.min(page - 1, last))}>; rel="prev"`);
  if (page < last) rels.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
  if (page > 1) rels.push(`<${at(1)}>; rel="first"`);
  return { items: slice, link: rels.length ? rels.join(', ') : null };
}

export type CursorKey = [number, number];

const encodeCursor = (k: CursorKey): string =>
  Buffer.from(`cursor:v2:${JSON.stringify(k)}`).toString('base64url');

export type Refusal = (message: string) => GitHubError;
const badRequest: Refusal = (message) => new GitHubError(400, message);

function decodeCursor(name: string, raw: string, refuse: Refusal): CursorKey {
  const text = Buffer.from(raw, 'base64url').toString('utf8');
  const parsed = text.startsWith('cursor:v2:') ? safeParse(text.slice(10)) : null;
  if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((n) => typeof n === 'number')) {
    throw refuse(`The '${name}' cursor is not valid.`);
  }
  return parsed as CursorKey;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Cursor pagination over `items` already in response order; `keyOf` must give a tuple that
 * orders them the same way (ascending) or reversed (`descending`). Cursors name a position,
 * not an offset, so items created while a client pages do not shift what it sees. A `page`
 * parameter is refused like GitHub's other cursor lists do, or ignored (`pageParam`, §0.2).
 * A bad `per_page` or cursor is a 400, or whatever `refuse` makes of it (the global list: 422).
 */
export function cursorPageOf<T>(
  items: readonly T[],
  requested: URL,
  keyOf: (item: T) => CursorKey,
  descending: boolean,
  pageParam: 'reject' | 'ignore',
  refuse: Refusal = badRequest,
): { items: T[]; link: string | null } {
  if (requested.searchParams.has('page') && pageParam === 'reject') {
    throw new GitHubError(400, "Pagination using the 'page' parameter is not supported");
  }
  const url = new URL(requested);
  url.searchParams.delete('page');
  const q = url.searchParams;
  let perPage = 30;
  if (q.has('per_page')) {
    const raw = q.get('per_page') ?? '';
    perPage = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(perPage >= 1 && perPage <= 100)) {
      throw refuse(`per_page must be between 1 and 100, got ${JSON.stringify(raw)}`);
    }
  }
  const cmp = (a: CursorKey, b: CursorKey): number => {
    const d = a[0] - b[0] || a[1] - b[1];
    return descending ? -d : d;
  };
  let start = 0;
  let end = items.length;
  const after = q.get('after');
  const before = q.get('before');
  if (after) {
    const at = decodeCursor('after', after, refuse);
    start = items.findIndex((item) => cmp(keyOf(item), at) > 0);
    if (start < 0) start = items.length;
    end = Math.min(items.length, start + perPage);
  } else if (before) {
    const at = decodeCursor('before', before, refuse);
    end = items.findIndex((item) => cmp(keyOf(item), at) >= 0);
    if (end < 0) end = items.length;
    start = Math.max(0, end - perPage);
  } else {
    end = Math.min(items.length, perPage);
  }
  const slice = items.slice(start, end);
  const rels: string[] = [];
  const first = slice[0];
  const lastItem = slice[slice.length - 1];
  if (lastItem !== undefined && end < items.length) {
    rels.push(`<${linkTo(url, { after: encodeCursor(keyOf(lastItem)) }, ['before'])}>; rel="next"`);
  }
  if (first !== undefined && start > 0) {
    rels.push(`<${linkTo(url, { before: encodeCursor(keyOf(first)) }, ['after'])}>; rel="prev"`);
  }
  return { items: slice, link: rels.length ? rels.join(', ') : null };
}

export function withLink(c: Ctx, link: string | null): void {
  if (link) c.header('Link', link);
}
