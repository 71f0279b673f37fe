// ETags on reads: a weak validator from the response body, so a client that
// polls (`If-None-Match`) gets 304 and no body when nothing changed.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';

export function withETag<T>(c: Context, body: T) {
  const json = JSON.stringify(body);
  const etag = `W/"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  c.header('ETag', etag);
  const sent = c.req.header('if-none-match');
  if (sent?.split(',').some((tag) => tag.trim() === etag)) return c.body(null, 304) as never;
  return c.json(body as never, 200);
}
