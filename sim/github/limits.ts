// Primary rate limits and conditional requests (§5): one hourly `core` bucket per identity and
// a per-minute `search` bucket for `/search/…` (30 signed in, 10 anonymous, like GitHub), the
// x-ratelimit-* headers on every response, and weak ETags per (representation, token) whose
// 304s cost nothing. `GET /rate_limit` never counts.
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { SimContext } from './context.ts';
import { errorResponse, GitHubError, type SimEnv } from './http.ts';
import type { Caller } from './state.ts';

interface Bucket {
  limit: number;
  used: number;
  resetAt: number;
}

export interface Identity {
  key: string;
  kind: keyof SimContext['config']['rateLimits'];
  exceeded: string;
}

const anonymousIp = '127.0.0.1';

// GitHub counts per user, per installation and per client address, not per token: a fresh
// installation token does not reset the installation's budget.
function identityOf(caller: Caller): Identity {
  switch (caller.kind) {
    case 'user':
      return {
        key: `user:${caller.user.id}`,
        kind: 'user',
        exceeded: `API rate limit exceeded for user ID ${caller.user.id}.`,
      };
    case 'installation':
      return {
        key: `installation:${caller.installation.id}`,
        kind: 'installation',
        exceeded: `API rate limit exceeded for installation ID ${caller.installation.id}.`,
      };
    case 'app':
      return {
        key: `app:${caller.app.id}`,
        kind: 'app',
        exceeded: `API rate limit exceeded for app ID ${caller.app.id}.`,
      };
    default:
      return {
        key: `ip:${anonymousIp}`,
        kind: 'anonymous',
        exceeded: `API rate limit exceeded for ${anonymousIp}. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)`,
      };
  }
}

export type Resource = 'core' | 'search';

/** Which bucket a request spends: `/search/…` has its own, like GitHub. */
export const resourceOf = (path: string): Resource => (path.startsWith('/search/') ? 'search' : 'core');

export const rateLimitDocs =
  'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit';

export class RateLimiter {
  private buckets = new Map<string, Bucket>();

  constructor(private readonly ctx: () => SimContext) {}

  /** Whose budget a request spends: per identity like GitHub, or per token if configured so. */
  identity(caller: Caller): Identity {
    const identity = identityOf(caller);
    if (this.ctx().config.rateLimitScope === 'token' && 'token' in caller) {
      return { ...identity, key: `token:${caller.token}` };
    }
    return identity;
  }

  bucket(identity: Identity, resource: Resource = 'core'): Bucket {
    const now = this.ctx().clock.now().getTime();
    const { rateLimits, searchRateLimits } = this.ctx().config;
    const limit =
      resource === 'search'
        ? searchRateLimits[identity.kind === 'anonymous' ? 'anonymous' : 'authenticated']
        : rateLimits[identity.kind];
    const id = resource === 'core' ? identity.key : `${identity.key}|${resource}`;
    let bucket = this.buckets.get(id);
    if (!bucket || bucket.resetAt <= now) {
      bucket = { limit, used: 0, resetAt: now + (resource === 'search' ? 60_000 : 3_600_000) };
      this.buckets.set(id, bucket);
    }
    bucket.limit = limit;
    return bucket;
  }

  headers(
    identity: Identity,
    overrides: { remaining?: number; resource?: Resource } = {},
  ): Record<string, string> {
    const resource = overrides.resource ?? 'core';
    const b = this.bucket(identity, resource);
    return {
      'x-ratelimit-limit': String(b.limit),
      'x-ratelimit-remaining': String(overrides.remaining ?? Math.max(0, b.limit - b.used)),
      'x-ratelimit-reset': String(Math.floor(b.resetAt / 1000)),
      'x-ratelimit-used': String(b.used),
      'x-ratelimit-resource': resource,
    };
  }

  exhausted(identity: Identity, resource: Resource = 'core'): Response {
    const error = new GitHubError(this.ctx().config.rateLimitStatus, identity.exceeded, {
      documentationUrl: rateLimitDocs,
      headers: this.headers(identity, { remaining: 0, resource }),
    });
    return errorResponse(error);
  }

  reset(): void {
    this.buckets.clear();
  }
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

export function limitsMiddleware(limiter: RateLimiter): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    const caller = c.get('caller');
    const identity = limiter.identity(caller);
    const counts = c.req.path !== '/rate_limit';
    const resource = resourceOf(c.req.path);
    const bucket = limiter.bucket(identity, resource);
    if (counts && bucket.used >= bucket.limit) return limiter.exhausted(identity, resource);
    await next();
    let notModified = false;
    if ((c.req.method === 'GET' || c.req.method === 'HEAD') && c.res.status === 200) {
      const body = Buffer.from(await c.res.clone().arrayBuffer());
      const token = 'token' in caller ? caller.token : '';
      const etag = `W/"${createHash('sha256')
        .update(`${token}\n${c.req.header('accept') ?? ''}\n`)
        .update(body)
        .digest('hex')
        .slice(0, 40)}"`;
      c.res.headers.set('ETag', etag);
      if (etagMatches(c.req.header('if-none-match'), etag)) {
        const headers = new Headers(c.res.headers);
        headers.delete('content-type');
        headers.delete('content-length');
        c.res = undefined;
        c.res = new Response(null, { status: 304, headers });
        notModified = true;
      }
    }
    // An authorized 304 does not count against the primary limit (§5).
    if (counts && !notModified) bucket.used += 1;
    for (const [name, value] of Object.entries(limiter.headers(identity, { resource }))) {
      c.res.headers.set(name, value);
    }
  };
}
