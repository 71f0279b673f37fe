// The one GitHub client: octokit's App (JWT, installation tokens) on an
// Octokit with throttling (rate limits), retries (5xx) and pagination, over a
// fetch that revalidates with ETags and counts what reaches GitHub. Works
// against api.github.com or the simulator, by base URL or by `fetch`.
import { App, Octokit } from 'octokit';
import { MINUTE_MS } from '../domain/time.ts';
import { createConditionalFetch, emptyCounters, type RequestCounters } from './conditional-fetch.ts';
import { type GitHubOperation, redactSecrets, toGitHubError } from './errors.ts';
import { createInstallationClient, type InstallationClient } from './installation.ts';
import { createInstallationAuth, createInstallationTokens } from './installation-auth.ts';
import { listAll } from './pages.ts';
import { createRateLimitHandlers, type RateLimitSeen, readRateLimit } from './rate-limits.ts';
import type { Installation, Integration } from './types.ts';

/** Pino-compatible: `log.warn({ fields }, 'message')`. */
export interface GitHubLog {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface GitHubClientOptions {
  /** The App's numeric id or its client id (GitHub accepts either as the JWT issuer). */
  appId: number | string;
  /** The App's PEM private key. Never logged or put in an error. */
  privateKey: string;
  baseUrl?: string;
  userAgent?: string;
  /** Defaults to the global fetch; tests pass the simulator's. */
  fetch?: (request: Request) => Promise<Response>;
  log?: GitHubLog;
  /** The clock token expiry and rate-limit resets are measured on. */
  now?: () => Date;
  /** How rate-limit waits are spent; tests pass one that advances a simulated clock. */
  sleep?: (ms: number) => Promise<void>;
  rateLimit?: {
    /** Retries of one request after rate-limit answers (default 3). */
    maxRetries?: number;
    /** A longer wait fails at once with the time to retry (default 15 minutes). */
    maxWaitMs?: number;
  };
  serverErrors?: {
    /** Retries after a 5xx or a network failure (default 3). */
    retries?: number;
    /** Backoff unit: waits are 1, 4, 9… times this (default 1000 ms). */
    backoffMs?: number;
  };
  /**
   * GitHub asks integrations to send writes one at a time, a second apart;
   * octokit's throttling does that, and spaces searches two seconds apart.
   * Against a simulator, which has neither rule, tests and the sandbox turn
   * both off (default true).
   */
  serializeWrites?: boolean;
  /** Most ETag entries kept (default 20,000). */
  etagCacheEntries?: number;
}

export interface GitHubClient {
  /** The App itself (authenticated as the App, with a JWT): what proves its id and key. */
  getApp(): Promise<Integration>;
  /** Every installation of the App (authenticated as the App, with a JWT). */
  listInstallations(): Promise<Installation[]>;
  /** A client acting as one installation; the same object for the same id. */
  forInstallation(installationId: number): InstallationClient;
  /** Requests made, 304s and requests counted against the limit, since creation or reset. */
  counters(): RequestCounters;
  resetCounters(): void;
  /** Forgets every stored ETag. */
  clearEtagCache(): void;
  /** What GitHub's last answer to each installation this client acted as said of its rate limit. */
  rateLimits(): Array<{ installationId: number } & RateLimitSeen>;
}

export type { InstallationClient };

const apiVersion = '2022-11-28';
const consoleLog: GitHubLog = {
  debug: () => {},
  info: () => {},
  warn: (fields, message) => console.warn(message, fields),
  error: (fields, message) => console.error(message, fields),
};

/** Per octokit instance (one token): rate-limit headers last seen. */
interface TokenRecord {
  seen: RateLimitSeen | null;
  /** The reset sent with the last "limit exhausted" answer. */
  exhaustedResetAt: Date | null;
}

let clients = 0;

/**
 * Stands in for octokit's write and search limiters (Bottleneck groups, which
 * this package does not depend on directly): the plugin calls
 * `write.key(id).schedule(options, task)` before each write (and search); this runs it at once.
 */
const unspacedWrites = {
  key: () => ({
    schedule: <A extends unknown[], R>(_options: unknown, task: (...args: A) => R, ...args: A) =>
      Promise.resolve().then(() => task(...args)),
  }),
} as never;

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const baseUrl = (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  const log = options.log ?? consoleLog;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const secrets = [options.privateKey];
  const counters = emptyCounters();

  const baseFetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const etags = createConditionalFetch({
    fetch: baseFetch,
    counters,
    maxEntries: options.etagCacheEntries,
  });

  const records = new WeakMap<object, TokenRecord>();
  /** The fetch one octokit instance uses: pins the API version and notes rate-limit headers. */
  const instanceFetch =
    (record: TokenRecord) => async (input: string | URL | Request, init?: RequestInit) => {
      const request = new Request(input, init);
      if (!request.headers.has('x-github-api-version'))
        request.headers.set('x-github-api-version', apiVersion);
      const response = await etags.fetch(request);
      const seen = readRateLimit(response.headers);
      if (seen) {
        record.seen = seen;
        if (seen.remaining === 0 && (response.status === 403 || response.status === 429)) {
          record.exhaustedResetAt = seen.resetAt;
        }
      }
      return response;
    };

  const handlers = createRateLimitHandlers({
    policy: {
      maxRetries: options.rateLimit?.maxRetries ?? 3,
      maxWaitMs: options.rateLimit?.maxWaitMs ?? 15 * MINUTE_MS,
    },
    now,
    sleep,
    log,
    counters,
    resetOf: (octokit) => (octokit ? (records.get(octokit as object)?.exhaustedResetAt ?? null) : null),
  });

  const octokitLog = {
    debug: (message: string) => log.debug({ source: 'octokit' }, redactSecrets(String(message), secrets)),
    info: (message: string) => log.info({ source: 'octokit' }, redactSecrets(String(message), secrets)),
    warn: (message: string) => log.warn({ source: 'octokit' }, redactSecrets(String(message), secrets)),
    error: (message: string) => log.error({ source: 'octokit' }, redactSecrets(String(message), secrets)),
  };

  const appRecord: TokenRecord = { seen: null, exhaustedResetAt: null };
  const ClientOctokit = Octokit.defaults({
    baseUrl,
    userAgent: options.userAgent ?? 'psrt',
    log: octokitLog,
    request: { fetch: instanceFetch(appRecord) },
    throttle: {
      // Separate limiters per client: octokit keys its process-wide limiters by this id.
      id: `psrt-github-${++clients}`,
      onRateLimit: handlers.onRateLimit,
      onSecondaryRateLimit: handlers.onSecondaryRateLimit,
      // The handlers above do the waiting, on our clock; octokit adds none.
      retryAfterBaseValue: 0,
      fallbackSecondaryRateRetryAfter: 0,
      ...(options.serializeWrites === false ? { write: unspacedWrites, search: unspacedWrites } : {}),
    },
    retry: {
      retries: options.serverErrors?.retries ?? 3,
      retryAfterBaseValue: options.serverErrors?.backoffMs ?? 1000,
      // 429 is a rate limit: the throttling handlers wait it out, not blind backoff.
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
  });

  const app = new App({ appId: options.appId, privateKey: options.privateKey, Octokit: ClientOctokit });
  records.set(app.octokit, appRecord);

  const call = async <T>(operation: GitHubOperation, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw toGitHubError(error, operation, { now: now(), secrets, baseUrl });
    }
  };

  const tokens = createInstallationTokens(async (installationId, refresh) => {
    const auth = (await app.octokit.auth({ type: 'installation', installationId, refresh })) as {
      token: string;
      expiresAt?: string;
    };
    return { token: auth.token, expiresAt: auth.expiresAt };
  }, now);

  const installations = new Map<number, InstallationClient>();

  return {
    getApp: () =>
      call({ name: 'getApp' }, async () => (await app.octokit.request('GET /app')).data as Integration),

    listInstallations: () =>
      call({ name: 'listInstallations' }, () =>
        listAll<Installation>(app.octokit, 'GET /app/installations', { per_page: 100 }),
      ),

    forInstallation(installationId) {
      const existing = installations.get(installationId);
      if (existing) return existing;
      const record: TokenRecord = { seen: null, exhaustedResetAt: null };
      const octokit = new ClientOctokit({
        authStrategy: createInstallationAuth,
        auth: {
          installationId,
          tokens,
          onRenewedAfter401: () =>
            log.info({ installationId }, 'GitHub refused the installation token; renewed it and retried'),
        },
        request: { fetch: instanceFetch(record) },
      });
      records.set(octokit, record);
      const client = createInstallationClient({
        octokit,
        installationId,
        call,
        rateLimitSeen: () => record.seen,
      });
      installations.set(installationId, client);
      return client;
    },

    counters: () => ({ ...counters }),
    resetCounters: () => {
      Object.assign(counters, emptyCounters());
    },
    clearEtagCache: () => etags.clear(),
    rateLimits: () =>
      [...installations.values()].flatMap((client) => {
        const seen = client.rateLimitSeen();
        return seen ? [{ installationId: client.installationId, ...seen }] : [];
      }),
  };
}
