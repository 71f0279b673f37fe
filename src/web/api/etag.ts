// ETags on reads: a weak validator from the response body, so a client that
// polls (`If-None-Match`) gets 304 and no body when nothing changed. The
// countdowns (`msLeft`) move every moment while the deadlines they count to
// stay put, so they are left out: a body that differs only in them is the same
// report, and a client computes them from the deadline it has.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';

const withoutCountdowns = (key: string, value: unknown) => (key === 'msLeft' ? undefined : value);

export function withETag<T>(c: Context, body: T) {
  const json = JSON.stringify(body, withoutCountdowns);
  const etag = `W/"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  c.header('ETag', etag);
  const sent = c.req.header('if-none-match');
  if (sent?.split(',').some((tag) => tag.trim() === etag)) return c.body(null, 304) as never;
  return c.json(body as never, 200);
}
