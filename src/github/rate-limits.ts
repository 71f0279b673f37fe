// What to do when GitHub says "slow down": octokit's throttling plugin detects
// primary (x-ratelimit-remaining: 0) and secondary ("secondary rate limit")
// answers; these handlers decide whether to wait and retry, and wait by the
// client's clock and sleep so tests can make an hour pass instantly.
import { MINUTE_MS } from '../domain/time.ts';
import type { RequestCounters } from './conditional-fetch.ts';

export interface RateLimitPolicy {
  /** Retries of one request after rate-limit answers. */
  maxRetries: number;
  /** Longest single wait; a longer one fails at once with the time to retry. */
  maxWaitMs: number;
}

/** The rate-limit headers last seen by one octokit instance (one token). */
export interface RateLimitSeen {
  limit: number;
  remaining: number;
  used: number;
  /** When the window resets (GitHub's `x-ratelimit-reset`). */
  resetAt: Date;
  resource: string;
}

export function readRateLimit(headers: Headers): RateLimitSeen | null {
  const limit = headers.get('x-ratelimit-limit');
  const remaining = headers.get('x-ratelimit-remaining');
  const reset = headers.get('x-ratelimit-reset');
  if (limit === null || remaining === null || reset === null) return null;
  return {
    limit: Number(limit),
    remaining: Number(remaining),
    used: Number(headers.get('x-ratelimit-used') ?? Number(limit) - Number(remaining)),
    resetAt: new Date(Number(reset) * 1000),
    resource: headers.get('x-ratelimit-resource') ?? 'core',
  };
}

interface LimitedRequest {
  method: string;
  url: string;
}

export interface WaitLog {
  warn(fields: object, message: string): void;
}

/**
 * The `throttle.onRateLimit` and `throttle.onSecondaryRateLimit` handlers.
 * `resetOf` gives the reset GitHub sent to the instance that was limited, so
 * the wait is measured on the client's clock rather than octokit's `Date.now()`.
 */
export function createRateLimitHandlers(deps: {
  policy: RateLimitPolicy;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  log: WaitLog;
  counters: RequestCounters;
  resetOf: (octokit: unknown) => Date | null;
}) {
  const { policy, now, sleep, log, counters } = deps;

  const waitThenRetry = async (kind: string, ms: number, request: LimitedRequest): Promise<boolean> => {
    log.warn(
      { kind, method: request.method, route: request.url, waitMs: ms },
      `GitHub ${kind} rate limit: waiting before retrying`,
    );
    counters.rateLimitWaits += 1;
    counters.rateLimitWaitedMs += ms;
    await sleep(ms);
    return true;
  };

  return {
    async onRateLimit(
      retryAfterSeconds: number,
      request: LimitedRequest,
      octokit: unknown,
      retryCount: number,
    ): Promise<boolean> {
      if (retryCount >= policy.maxRetries) return false;
      const reset = deps.resetOf(octokit);
      // One second past the reset, as GitHub advises.
      const ms = reset
        ? Math.max(0, reset.getTime() - now().getTime()) + 1000
        : Math.max(0, retryAfterSeconds) * 1000;
      if (ms > policy.maxWaitMs) return false;
      return waitThenRetry('primary', ms, request);
    },
    async onSecondaryRateLimit(
      retryAfterSeconds: number,
      request: LimitedRequest,
      _octokit: unknown,
      retryCount: number,
    ): Promise<boolean> {
      if (retryCount >= policy.maxRetries) return false;
      // The plugin passes `retry-after`, or 0 when GitHub sent none (we set the
      // fallback to 0): then wait a minute, doubling on each retry.
      const ms = retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : MINUTE_MS * 2 ** retryCount;
      if (ms > policy.maxWaitMs) return false;
      return waitThenRetry('secondary', ms, request);
    },
  };
}
