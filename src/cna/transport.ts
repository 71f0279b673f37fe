// One HTTP exchange with CVE Services: the auth headers, a timeout, retries
// with backoff for GETs only, and every answer parsed with its zod schema or
// turned into a CnaError.
//
// Only GETs are retried (on 5xx, 429 and lost connections). A POST or PUT that
// failed without a clear answer may have taken effect: a reservation that timed
// out can have reserved IDs and spent quota, and sending it again would reserve
// a second batch. Those failures are surfaced with advice to look first.
import type { z } from 'zod';
import { CnaError, serviceError } from './errors.ts';
import { serviceErrorSchema } from './schemas.ts';

export interface RetryPolicy {
  /** Further attempts after the first (default 3). */
  retries: number;
  /** First backoff; doubled each attempt, with jitter (default 250 ms). */
  baseDelayMs: number;
  /** Longest wait, also for a Retry-After the service asks for (default 10 s). */
  maxDelayMs: number;
}

export interface TransportConfig {
  /** The API root: https://cveawg.mitre.org/api, https://cveawg-test.mitre.org/api, or a simulator's. */
  baseUrl: string;
  org: string;
  user: string;
  apiKey: string;
  fetch: typeof globalThis.fetch;
  retry: RetryPolicy;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
}

export interface Call<T> {
  /** What psrt was doing, for messages: "Reserving CVE IDs". */
  action: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** The success statuses expected, each with its body schema. */
  responses: Partial<Record<number, z.ZodType<T>>>;
  /** For a POST or PUT: what to check before trying again when the outcome is unknown. */
  ifUncertain?: string;
}

export interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}

export async function send<T>(config: TransportConfig, call: Call<T>): Promise<Answer<T>> {
  const idempotent = call.method === 'GET';
  const url = urlOf(config.baseUrl, call.path, call.query);
  const init = {
    method: call.method,
    headers: {
      Accept: 'application/json',
      'CVE-API-ORG': config.org,
      'CVE-API-USER': config.user,
      'CVE-API-KEY': config.apiKey,
      ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  };
  for (let attempt = 0; ; attempt++) {
    const retry = idempotent && attempt < config.retry.retries;
    let response: Response;
    try {
      response = await config.fetch(url, { ...init, signal: AbortSignal.timeout(config.timeoutMs) });
    } catch (error) {
      if (retry) {
        await config.sleep(backoff(config.retry, attempt));
        continue;
      }
      throw noAnswer(config, call, error);
    }
    if (retry && (response.status >= 500 || response.status === 429)) {
      await response.body?.cancel();
      await config.sleep(retryAfter(config.retry, response.headers) ?? backoff(config.retry, attempt));
      continue;
    }
    return answer(config, call, response);
  }
}

async function answer<T>(config: TransportConfig, call: Call<T>, response: Response): Promise<Answer<T>> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw noAnswer(config, call, error);
  }
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  const schema = call.responses[response.status];
  if (schema) {
    const parsed = schema.safeParse(json);
    if (parsed.success) return { status: response.status, body: parsed.data, headers: response.headers };
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(body)'))].slice(0, 5);
    throw new CnaError(
      response.status,
      'UNEXPECTED_RESPONSE',
      `${call.action}: CVE Services answered ${response.status} with a body psrt does not understand (at ${fields.join(', ')}). Check that the base URL is CVE Services' API, or update psrt's client.`,
    );
  }
  const error = serviceErrorSchema.safeParse(json).data;
  let failure = serviceError(call.action, response.status, error);
  if (response.status >= 500 && call.method !== 'GET' && call.ifUncertain) {
    failure = new CnaError(
      failure.status,
      failure.code,
      `${failure.message} ${call.ifUncertain}`,
      failure.serviceMessage,
      failure.details,
    );
  }
  if (response.status === 429 || response.status === 503) {
    const waitMs = retryAfter({ ...config.retry, maxDelayMs: Number.POSITIVE_INFINITY }, response.headers);
    if (waitMs !== undefined) failure.retryAt = new Date(Date.now() + waitMs);
  }
  throw failure;
}

function noAnswer<T>(config: TransportConfig, call: Call<T>, error: unknown): CnaError {
  const timedOut = error instanceof Error && error.name === 'TimeoutError';
  const what = timedOut
    ? `no answer from CVE Services within ${config.timeoutMs} ms`
    : `could not reach CVE Services at ${config.baseUrl}`;
  const then = call.method !== 'GET' && call.ifUncertain ? ` ${call.ifUncertain}` : ' Try again later.';
  return new CnaError(
    null,
    timedOut ? 'TIMEOUT' : 'NETWORK_ERROR',
    `${call.action} failed: ${what}. Check the base URL and the network.${then}`,
  );
}

function urlOf(baseUrl: string, path: string, query: Call<never>['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {}))
    if (value !== undefined) params.set(name, String(value));
  const search = params.size > 0 ? `?${params}` : '';
  return `${baseUrl.replace(/\/+$/, '')}${path}${search}`;
}

function backoff(policy: RetryPolicy, attempt: number): number {
  const full = Math.min(policy.baseDelayMs * 2 ** attempt, policy.maxDelayMs);
  return full / 2 + Math.random() * (full / 2);
}

/**
 * How long the service asked to wait, capped: Retry-After (seconds or an HTTP date), else the rate
 * limiter's RateLimit-Reset (seconds).
 */
function retryAfter(policy: RetryPolicy, headers: Headers): number | undefined {
  const value = (headers.get('retry-after') ?? headers.get('ratelimit-reset'))?.trim();
  if (value === undefined) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.min(Math.max(ms, 0), policy.maxDelayMs);
}
