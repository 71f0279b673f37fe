// The fetch under octokit: counts every request GitHub sees and revalidates
// GETs with the ETag stored per (token, representation, URL), answering a 304
// with the stored body. GitHub does not count authorized 304s against the rate
// limit, so polling unchanged advisories costs nothing.
import { sha256 } from '../domain/digest.ts';

/** What the client did on the wire since it was created (or since `resetCounters`). */
export interface RequestCounters {
  /** HTTP requests sent to GitHub, including retries, token requests and revalidations. */
  requests: number;
  /** Of those, answered 304 Not Modified and served from the ETag cache. */
  notModified: number;
  /** Answers GitHub counts against the primary rate limit: all but 304s and `GET /rate_limit`. */
  countedAgainstLimit: number;
  /** Requests that got no answer at all (network failures). */
  unanswered: number;
  /** Times the client waited out a primary or secondary rate limit, and the total wait. */
  rateLimitWaits: number;
  rateLimitWaitedMs: number;
}

export const emptyCounters = (): RequestCounters => ({
  requests: 0,
  notModified: 0,
  countedAgainstLimit: 0,
  unanswered: 0,
  rateLimitWaits: 0,
  rateLimitWaitedMs: 0,
});

interface CachedResponse {
  etag: string;
  status: number;
  statusText: string;
  headers: [string, string][];
  body: ArrayBuffer;
  /** What the entry holds, in bytes (body, headers, key): the cache's budget counts it. */
  bytes: number;
}

/** Headers that describe the stored body and must not be taken from a 304. */
const bodyHeaders = new Set(['content-length', 'content-type', 'content-encoding', 'transfer-encoding']);

/** Marks an answer served from the ETag cache after a 304. */
export const revalidatedHeader = 'x-psrt-etag-revalidated';

/**
 * Who the request is made as, without keeping the credential: an App JWT is
 * identified by its issuer (a fresh JWT is signed every few seconds), any
 * other token by a digest of it.
 */
function identityOf(authorization: string | null): string {
  if (!authorization) return 'anonymous';
  const token = authorization.replace(/^\S+\s+/, '');
  const parts = token.split('.');
  if (!token.startsWith('gh') && parts.length === 3 && parts[1]) {
    try {
      const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { iss?: unknown };
      if (typeof claims.iss === 'string' || typeof claims.iss === 'number') return `app:${claims.iss}`;
    } catch {
      // not a JWT after all: fall through to the digest
    }
  }
  return `token:${sha256(token).slice(0, 32)}`;
}

/**
 * A Response built here (or by an in-process server) has an empty `url`, but
 * octokit's paginate parses it for `total_count` lists such as
 * `/installation/repositories`: give it the URL that was asked for.
 */
function withUrl(response: Response, input: string | URL | Request): Response {
  if (response.url) return response;
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

export interface ConditionalFetchOptions {
  fetch: (request: Request) => Promise<Response>;
  counters: RequestCounters;
  /** Most ETag entries kept; the least recently used go first. */
  maxEntries?: number;
  /**
   * Most bytes of stored answers kept (default 64 MiB); the least recently used go first. A
   * page of a hundred advisories is hundreds of kilobytes, and each new installation token is
   * a new identity with pages of its own, so a count alone would let the cache grow for hours.
   */
  maxBytes?: number;
}

export function createConditionalFetch(options: ConditionalFetchOptions): {
  fetch: typeof globalThis.fetch;
  clear: () => void;
  /** Entries kept. */
  size: () => number;
  /** Bytes the entries hold. */
  bytes: () => number;
} {
  const { counters, maxEntries = 20_000, maxBytes = 64 * 2 ** 20 } = options;
  const cache = new Map<string, CachedResponse>();
  let bytes = 0;

  const forget = (key: string) => {
    const entry = cache.get(key);
    if (!entry) return;
    bytes -= entry.bytes;
    cache.delete(key);
  };
  const remember = (key: string, entry: CachedResponse) => {
    forget(key);
    // An answer larger than the whole budget is not kept at all.
    if (entry.bytes > maxBytes) return;
    cache.set(key, entry);
    bytes += entry.bytes;
    while (cache.size > maxEntries || bytes > maxBytes) {
      const oldest = cache.keys().next();
      if (oldest.done) break;
      forget(oldest.value);
    }
  };

  const conditionalFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> =>
    withUrl(await send(input, init), input);

  const send = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    let request = new Request(input, init);
    const cacheable = request.method === 'GET' && !request.headers.has('if-none-match');
    const key = cacheable
      ? `${identityOf(request.headers.get('authorization'))} ${request.headers.get('accept') ?? ''} ${request.url}`
      : null;
    const cached = key === null ? undefined : cache.get(key);
    if (cached) {
      const headers = new Headers(request.headers);
      headers.set('if-none-match', cached.etag);
      request = new Request(request, { headers });
    }

    counters.requests += 1;
    let response: Response;
    try {
      response = await options.fetch(request);
    } catch (error) {
      counters.unanswered += 1;
      throw error;
    }

    if (response.status === 304 && cached && key !== null) {
      counters.notModified += 1;
      remember(key, cached);
      const headers = new Headers(cached.headers);
      response.headers.forEach((value, name) => {
        if (!bodyHeaders.has(name)) headers.set(name, value);
      });
      headers.set(revalidatedHeader, 'true');
      return new Response(cached.body.slice(0), {
        status: cached.status,
        statusText: cached.statusText,
        headers,
      });
    }
    if (response.status !== 304 && !new URL(request.url).pathname.endsWith('/rate_limit')) {
      counters.countedAgainstLimit += 1;
    }
    const etag = response.headers.get('etag');
    if (key !== null && response.status === 200 && etag) {
      const body = await response.arrayBuffer();
      const headers: [string, string][] = [];
      response.headers.forEach((value, name) => {
        if (name !== 'content-length' && name !== 'content-encoding') headers.push([name, value]);
      });
      const size =
        body.byteLength +
        key.length +
        headers.reduce((sum, [name, value]) => sum + name.length + value.length, 0);
      remember(key, {
        etag,
        status: response.status,
        statusText: response.statusText,
        headers,
        body,
        bytes: size,
      });
      return new Response(body.slice(0), {
        status: response.status,
        statusText: response.statusText,
        headers,
      });
    }
    return response;
  };

  return {
    fetch: conditionalFetch,
    clear: () => {
      cache.clear();
      bytes = 0;
    },
    size: () => cache.size,
    bytes: () => bytes,
  };
}
