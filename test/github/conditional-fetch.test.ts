// The ETag cache behind every GitHub GET: what it keeps is bounded in entries and in bytes, the
// least recently used going first, so a long-running psrt's memory stays flat however many
// installation tokens (each a new identity) and pages of advisories it has seen.
import { describe, expect, it } from 'vitest';
import { createConditionalFetch, emptyCounters } from '../../src/github/conditional-fetch.ts';

/** A server whose every GET answers `size` bytes with an ETag, and 304 when it is sent back. */
function server(size: number) {
  const sent: string[] = [];
  return {
    sent,
    fetch: async (request: Request) => {
      sent.push(`${request.url} ${request.headers.get('if-none-match') ?? ''}`);
      if (request.headers.get('if-none-match') === '"v1"') return new Response(null, { status: 304 });
      return new Response('x'.repeat(size), { status: 200, headers: { etag: '"v1"' } });
    },
  };
}

describe('the ETag cache', () => {
  it('keeps at most maxBytes of answers, dropping the least recently used, and revalidates what it kept', async () => {
    const github = server(10_000);
    const cache = createConditionalFetch({
      fetch: github.fetch,
      counters: emptyCounters(),
      maxBytes: 35_000,
    });
    for (const page of [1, 2, 3, 4]) await cache.fetch(`https://api.github.test/advisories?page=${page}`);
    expect(cache.size()).toBe(3);
    expect(cache.bytes()).toBeLessThanOrEqual(35_000);
    // Page 1 was dropped (asked again without an ETag); page 4 is revalidated with its ETag.
    await cache.fetch('https://api.github.test/advisories?page=1');
    await cache.fetch('https://api.github.test/advisories?page=4');
    expect(github.sent.slice(-2)).toEqual([
      'https://api.github.test/advisories?page=1 ',
      'https://api.github.test/advisories?page=4 "v1"',
    ]);
    expect(cache.bytes()).toBeLessThanOrEqual(35_000);
  });

  it('answers from the cache after a 304 with the whole body, and keeps an answer larger than its budget out', async () => {
    const github = server(50_000);
    const cache = createConditionalFetch({
      fetch: github.fetch,
      counters: emptyCounters(),
      maxBytes: 40_000,
    });
    const first = await cache.fetch('https://api.github.test/big');
    expect((await first.text()).length).toBe(50_000);
    expect(cache.size()).toBe(0);
    expect(cache.bytes()).toBe(0);

    const small = server(1_000);
    const kept = createConditionalFetch({ fetch: small.fetch, counters: emptyCounters() });
    await kept.fetch('https://api.github.test/small');
    const again = await kept.fetch('https://api.github.test/small');
    expect(again.status).toBe(200);
    expect((await again.text()).length).toBe(1_000);
    expect(kept.bytes()).toBeGreaterThanOrEqual(1_000);
  });
});
