// Injected faults for tests and the sandbox: 5xx answers, latency, exhausted primary limits,
// secondary limits with retry-after, and installation tokens that expire early. Each matches
// a method and an exact path (or a regex: a RegExp, or a string starting with `^`).
import type { MiddlewareHandler } from 'hono';
import type { SimContext } from './context.ts';
import { errorResponse, GitHubError, type SimEnv } from './http.ts';
import { type RateLimiter, resourceOf } from './limits.ts';

export type FaultKind = 'status' | 'latency' | 'rate-limit' | 'secondary-rate-limit' | 'token-expiry';

export interface FaultSpec {
  match: { method?: string; path: string | RegExp };
  kind: FaultKind;
  /** How many matching requests it affects; unlimited when absent. */
  times?: number;
  /** For `status`: the status code (default 502); for `secondary-rate-limit`: 403 (default) or 429, as GitHub sends either. */
  status?: number;
  /** For `latency`: the delay in milliseconds (default 1000). */
  ms?: number;
  /** For `secondary-rate-limit`: the retry-after value in seconds (default 60). */
  retryAfter?: number;
}

interface Fault extends FaultSpec {
  id: number;
  hits: number;
}

const statusMessages: Record<number, string> = {
  500: 'Server Error',
  502: 'Server Error',
  503: 'Service Unavailable',
  504: 'We couldn\u2019t respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.',
};

export class Faults {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): number {
    const id = this.nextId++;
    this.faults.push({ ...spec, id, hits: 0 });
    return id;
  }

  clear(): void {
    this.faults = [];
  }

  list(): (FaultSpec & { id: number; hits: number })[] {
    return this.faults.map((f) => ({ ...f, match: { ...f.match, path: String(f.match.path) } }));
  }

  /** The first live fault matching the request, counted as used. */
  take(method: string, path: string, applies: (f: Fault) => boolean = () => true): Fault | undefined {
    const fault = this.faults.find((f) => {
      if (f.times !== undefined && f.hits >= f.times) return false;
      if (f.match.method && f.match.method.toUpperCase() !== method.toUpperCase()) return false;
      const p = f.match.path;
      const hit =
        p instanceof RegExp ? p.test(path) : p.startsWith('^') ? new RegExp(p).test(path) : p === path;
      return hit && applies(f);
    });
    if (fault) fault.hits += 1;
    return fault;
  }
}

export function faultsMiddleware(
  faults: Faults,
  limiter: RateLimiter,
  ctx: () => SimContext,
): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    const caller = c.get('caller');
    const fault = faults.take(
      c.req.method,
      c.req.path,
      (f) => f.kind !== 'token-expiry' || caller.kind === 'installation',
    );
    if (!fault) return next();
    const identity = limiter.identity(caller);
    switch (fault.kind) {
      case 'latency':
        await new Promise((resolve) => setTimeout(resolve, fault.ms ?? 1000));
        return next();
      case 'status': {
        const status = fault.status ?? 502;
        return errorResponse(new GitHubError(status, statusMessages[status] ?? 'Server Error'));
      }
      case 'rate-limit':
        return limiter.exhausted(identity, resourceOf(c.req.path));
      case 'secondary-rate-limit':
        return errorResponse(
          new GitHubError(
            fault.status ?? 403,
            `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${c.get('requestId')}.`,
            {
              documentationUrl:
                'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
              headers: {
                'retry-after': String(fault.retryAfter ?? 60),
                ...limiter.headers(identity, { resource: resourceOf(c.req.path) }),
              },
            },
          ),
        );
      case 'token-expiry':
        // The token really is expired from now on: the client has to mint a new one.
        if (caller.kind === 'installation') caller.grant.expiresAt = ctx().clock.credentialsNow();
        return errorResponse(new GitHubError(401, 'Bad credentials'));
    }
  };
}
