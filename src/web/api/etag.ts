// ETags on reads: a weak validator from the response body, so a client that
// polls (`If-None-Match`) gets 304 and no body when nothing changed. The
// countdowns (`msLeft`) move every moment while the deadlines they count to
// stay put, so they are left out: a body that differs only in them is the same
// report, and a client computes them from the deadline it has. The body is
// serialized once: the validator is taken from the same text, countdowns cut out.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';

// In JSON text a key is `"msLeft":` exactly; inside a string the quotes would be escaped.
const countdowns = /"msLeft":-?[\d.eE+-]+,?/g;

export function withETag<T>(c: Context, body: T) {
  const json = JSON.stringify(body);
  const validator = createHash('sha256').update(json.replace(countdowns, '')).digest('base64url');
  const etag = `W/"${validator.slice(0, 27)}"`;
  c.header('ETag', etag);
  const sent = c.req.header('if-none-match');
  if (sent?.split(',').some((tag) => tag.trim() === etag)) return c.body(null, 304) as never;
  return c.body(json, 200, { 'Content-Type': 'application/json' }) as never;
}
