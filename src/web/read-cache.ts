// Repeated reads answered from memory: when the same member (the same session
// or token) asks for the same page or API read again and no transaction has
// committed since, the answer cannot differ except in its countdowns, so for a
// short while it is sent again instead of recomputed. A burst of identical reads
// (a dashboard in many tabs, API clients polling) then costs one computation.
//
// Exact about data, by construction: the key holds the database's committed
// state (`pg_current_snapshot()`, read with the session or token), so any write,
// by this process or another, makes a new key. Only the clocks' wording can be
// as old as `ttlMs`. Members only: a collaborator's access ends at a moment (a
// grant's expiry) that no write marks, so their reads are always computed.
import type { Context, MiddlewareHandler } from 'hono';
import type { WebEnv } from './env.ts';

interface Kept {
  at: number;
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
}

export interface ReadCacheOptions {
  /** How long an answer is reused while nothing changed; 0 turns the cache off. */
  ttlMs: number;
  /** Bytes of answers kept at most (least recently used go first). */
  maxBytes?: number;
  /** The app's clock (ms): the answers' clocks were read from it. */
  now: () => number;
  /** Requests always computed, whoever asks (one that carries a one-time message, say). */
  bypass?: (c: Context) => boolean;
}

/** The largest answer kept: a page of reports is ~40 KB, an API page ~80 KB. */
const MAX_ENTRY_BYTES = 1024 * 1024;

export function readCache({
  ttlMs,
  maxBytes = 32 * 1024 * 1024,
  now: clock,
  bypass = () => false,
}: ReadCacheOptions): MiddlewareHandler<WebEnv> {
  // A Map iterates in insertion order: re-inserting on use makes the first key the least recently used.
  const kept = new Map<string, Kept>();
  let bytes = 0;
  const forget = (key: string) => {
    const entry = kept.get(key);
    if (!entry) return;
    kept.delete(key);
    bytes -= entry.body.byteLength;
  };

  return async (c, next) => {
    const readKey = c.get('readKey');
    if (ttlMs <= 0 || c.req.method !== 'GET' || !readKey || bypass(c)) return next();
    const key = `${readKey} ${c.req.url}`;
    const now = clock();
    const entry = kept.get(key);
    if (entry && now >= entry.at && now - entry.at < ttlMs) {
      kept.delete(key);
      kept.set(key, entry);
      const headers = new Headers(entry.headers);
      const etag = headers.get('etag');
      const sent = c.req.header('if-none-match');
      if (etag && sent?.split(',').some((tag) => tag.trim() === etag))
        return new Response(null, { status: 304, headers });
      return new Response(entry.body, { status: entry.status, headers });
    }
    forget(key);
    await next();
    const res = c.res;
    if (res.status !== 200 || res.headers.has('set-cookie')) return;
    const body = await res.arrayBuffer();
    c.res = new Response(body, res);
    if (body.byteLength > MAX_ENTRY_BYTES) return;
    kept.set(key, { at: now, status: res.status, headers: [...res.headers], body });
    bytes += body.byteLength;
    for (const oldest of kept.keys()) {
      if (bytes <= maxBytes) break;
      forget(oldest);
    }
  };
}
