// When to try a failed effect again: exponential backoff with jitter, never
// sooner than the service asked (Retry-After, x-ratelimit-reset), and not at
// all for answers that retrying cannot change (a 404, a refused body).
import { CnaError } from '../../cna/index.ts';
import { HOUR_MS } from '../../domain/time.ts';
import { GitHubError } from '../../github/index.ts';

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/**
 * A minute doubling: the 7 waits between 8 attempts then add up to at least
 * 63.5 minutes (at most 127), so an hour-long outage of GitHub or CVE Services
 * does not fail an effect. From 15 s, the eighth attempt came after 16 to 32.
 */
export const defaultBackoff: BackoffPolicy = { baseMs: 60_000, maxMs: 6 * HOUR_MS };

/**
 * Delay after `attempts` failures: base × 2^(attempts−1), capped, with "equal
 * jitter" (half fixed, half random) so runners that failed together spread out.
 */
export function backoffDelay(attempts: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** When the service said it will answer again (rate limits), if it said. */
export function serviceRetryAt(error: unknown): Date | null {
  if (error instanceof GitHubError || error instanceof CnaError) return error.retryAt;
  return null;
}

/** Failures that the same request will meet again: give up at once and show them. */
export function isPermanent(error: unknown): boolean {
  if (error instanceof GitHubError) return ['not-found', 'invalid', 'forbidden'].includes(error.kind);
  if (error instanceof CnaError) {
    return (
      error.status !== null &&
      error.status >= 400 &&
      error.status < 500 &&
      error.status !== 429 &&
      error.status !== 408 &&
      error.code !== 'RESERVATION_IN_PROGRESS'
    );
  }
  return error instanceof PermanentEffectError;
}

/** A performer's own failure; its message names ids and causes only, so it is shown as is. */
export class EffectError extends Error {
  override name = 'EffectError';
}

/** A performer's own refusal that no retry can fix. */
export class PermanentEffectError extends EffectError {
  override name = 'PermanentEffectError';
}

/** When to try again after a failure at `now`. */
export function nextAttemptAt(
  error: unknown,
  attempts: number,
  now: Date,
  policy: BackoffPolicy = defaultBackoff,
  random: () => number = Math.random,
): Date {
  const backoff = now.getTime() + backoffDelay(attempts, policy, random);
  const asked = serviceRetryAt(error)?.getTime() ?? 0;
  return new Date(Math.max(backoff, asked));
}
