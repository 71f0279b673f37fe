// Issue search as the leak guard uses it: public issues and pull requests in covered repositories
// that mention an embargoed GHSA or CVE id, recently updated, within GitHub's search rate limit.
import { describe, expect, it } from 'vitest';
import { expectConformant, installationToken, type World, world } from './support.ts';

function scenario(fn: (w: World) => Promise<void>) {
  return async () => {
    const w = world();
    await fn(w);
    expectConformant(w);
  };
}

const GHSA = 'GHSA-2345-6789-cfgh';
const search = (w: World, q: string, extra = '', token?: string) =>
  w.call('GET', `/search/issues?q=${encodeURIComponent(q)}${extra}`, { token: token ?? w.tokens.pablo });
const titles = async (w: World, q: string, extra = '', token?: string) =>
  (await search(w, q, extra, token)).body.items.map((i: { title: string }) => i.title);

describe('issue search', () => {
  it(
    "narrows to one organisation's public repositories with org: and is:public, and to recent updates",
    scenario(async (w) => {
      w.c.addOrg({ login: 'pypa', owners: ['pablo'], members: [] });
      w.c.addRepo({ owner: 'pypa', name: 'pip' });
      w.c.addRepo({ owner: 'python', name: 'private-notes', private: true });
      w.c.openIssue({ as: 'pablo', owner: 'python', repo: 'cpython', title: 'In cpython' });
      w.c.openIssue({ as: 'pablo', owner: 'pypa', repo: 'pip', title: 'In pip' });
      w.c.openIssue({ as: 'pablo', owner: 'python', repo: 'private-notes', title: 'Private' });
      expect((await titles(w, 'org:python is:public')).sort()).toEqual(['In cpython']);
      expect((await titles(w, 'org:python')).sort()).toEqual(['In cpython', 'Private']);
      expect(await titles(w, 'org:python is:public updated:>=2099-01-01T00:00:00Z')).toEqual([]);
      expect((await search(w, 'org:no-such-org')).status).toBe(422);
    }),
  );

  it(
    'finds issues and pull requests mentioning a GHSA or CVE id in the title, body or a comment, per repository',
    scenario(async (w) => {
      w.c.addRepo({ owner: 'python', name: 'pip' });
      w.c.openIssue({ as: 'mallory', owner: 'python', repo: 'cpython', title: `Is ${GHSA} fixed?` });
      w.c.openIssue({
        as: 'mallory',
        owner: 'python',
        repo: 'cpython',
        title: 'Crash',
        body: 'Looks like cve-2026-12345 to me.',
      });
      const quiet = w.c.openIssue({ as: 'alice', owner: 'python', repo: 'cpython', title: 'Quiet' });
      w.c.commentOnIssue({
        as: 'mallory',
        owner: 'python',
        repo: 'cpython',
        number: quiet.number,
        body: `See ${GHSA.toLowerCase()}`,
      });
      w.c.addPullRequest({ owner: 'python', repo: 'cpython', title: `Fix ${GHSA}`, user: 'pablo' });
      w.c.openIssue({ as: 'mallory', owner: 'python', repo: 'pip', title: `${GHSA} here too` });
      w.c.openIssue({ as: 'mallory', owner: 'python', repo: 'cpython', title: 'GHSA-2345 only part of it' });
      const found = await search(w, `repo:python/cpython ${GHSA}`);
      expect(found.body).toMatchObject({ total_count: 3, incomplete_results: false, search_type: 'lexical' });
      expect(found.body.items.map((i: { title: string }) => i.title).sort()).toEqual([
        `Fix ${GHSA}`,
        `Is ${GHSA} fixed?`,
        'Quiet',
      ]);
      expect(await titles(w, `repo:python/cpython "${GHSA}" is:issue`)).toHaveLength(2);
      expect(await titles(w, `repo:python/cpython ${GHSA} is:pr`)).toEqual([`Fix ${GHSA}`]);
      expect(await titles(w, 'repo:python/cpython CVE-2026-12345')).toEqual(['Crash']);
      expect(await titles(w, `repo:python/cpython repo:python/pip ${GHSA} in:title is:issue`)).toHaveLength(
        2,
      );
      expect(await titles(w, `${GHSA} author:mallory`)).toHaveLength(2);
      expect((await search(w, 'CVE-2026-99999')).body).toMatchObject({ total_count: 0, items: [] });
    }),
  );

  it(
    'narrows by updated and state, sorts and orders, and pages',
    scenario(async (w) => {
      w.c.openIssue({ as: 'mallory', owner: 'python', repo: 'cpython', title: 'leak one' });
      w.c.advance(86_400_000);
      const day = w.c.now().toISOString().slice(0, 10);
      w.c.openIssue({ as: 'mallory', owner: 'python', repo: 'cpython', title: 'leak two' });
      w.c.advance(60_000);
      const three = w.c.openIssue({ as: 'mallory', owner: 'python', repo: 'cpython', title: 'leak three' });
      w.c.editIssue({
        as: 'ned',
        owner: 'python',
        repo: 'cpython',
        number: three.number,
        changes: { state: 'closed' },
      });
      expect(await titles(w, 'leak')).toEqual(['leak three', 'leak two', 'leak one']);
      expect(await titles(w, `leak updated:>=${day}`)).toEqual(['leak three', 'leak two']);
      expect(await titles(w, `leak updated:>=${w.c.now().toISOString()}`)).toEqual(['leak three']);
      expect(await titles(w, 'leak is:open', '&sort=created&order=asc')).toEqual(['leak one', 'leak two']);
      expect(await titles(w, 'leak state:closed')).toEqual(['leak three']);
      const page = await search(w, 'leak', '&per_page=1&page=2');
      expect(page.body.items.map((i: { title: string }) => i.title)).toEqual(['leak two']);
      expect(page.body.total_count).toBe(3);
      expect(page.headers.get('link')).toContain('rel="next"');
    }),
  );

  it(
    'refuses with 422 what it cannot answer faithfully: another qualifier, an operator, no query, a repository one cannot see',
    scenario(async (w) => {
      const other = await search(w, 'leak milestone:3.14');
      expect(other.status).toBe(422);
      expect(other.body.errors[0]).toMatchObject({ resource: 'Search', field: 'q', code: 'invalid' });
      expect(other.body.errors[0].message).toContain('milestone:3.14');
      expect((await search(w, 'leak -is:pr')).status).toBe(422);
      expect((await search(w, 'leak OR crash')).status).toBe(422);
      const missing = await w.call('GET', '/search/issues', {
        token: w.tokens.pablo,
        invalid: 'q is required',
      });
      expect(missing.body.errors).toEqual([
        { message: 'A search needs a query in q.', resource: 'Search', field: 'q', code: 'missing' },
      ]);
      const hidden = await search(w, 'repo:python/secret-tool leak', '', w.tokens.mallory);
      expect(hidden.status).toBe(422);
      expect(hidden.body.errors[0].message).toContain('cannot be searched');
      expect((await search(w, 'repo:python/no-such-repo leak')).status).toBe(422);
      expect((await search(w, 'leak updated:>=yesterday')).status).toBe(422);
      // A URL or a word with a colon that is no qualifier is text.
      expect((await search(w, 'https://example.com/leak')).status).toBe(200);
    }),
  );

  it(
    'a private repository’s issues are found only by those who see it; an App installed on it needs issues read',
    scenario(async (w) => {
      w.c.openIssue({ as: 'insider', owner: 'python', repo: 'secret-tool', title: 'secret leak' });
      expect(await titles(w, 'secret leak', '', w.tokens.mallory)).toEqual([]);
      expect(await titles(w, 'secret leak', '', w.c.userToken('insider'))).toEqual(['secret leak']);
      const withIssues = w.app({
        name: 'a',
        permissions: { issues: 'read' },
        installations: [{ account: 'python' }],
      });
      const without = w.app({
        name: 'b',
        permissions: { contents: 'read' },
        installations: [{ account: 'python' }],
      });
      expect(await titles(w, 'secret leak', '', await installationToken(w, withIssues))).toEqual([
        'secret leak',
      ]);
      expect(await titles(w, 'secret leak', '', await installationToken(w, without))).toEqual([]);
    }),
  );

  it(
    'spends its own per-minute bucket: 30 signed in, 10 anonymous, then 403 until the minute is over; core is untouched',
    scenario(async (w) => {
      for (let i = 0; i < 30; i++) expect((await search(w, 'leak')).status).toBe(200);
      const spent = await search(w, 'leak');
      expect(spent.status).toBe(403);
      expect(spent.headers.get('x-ratelimit-resource')).toBe('search');
      expect(spent.headers.get('x-ratelimit-remaining')).toBe('0');
      const limits = await w.call('GET', '/rate_limit', { token: w.tokens.pablo });
      expect(limits.body.resources.search).toMatchObject({ limit: 30, remaining: 0, used: 30 });
      expect(limits.body.resources.core.used).toBe(0);
      const core = await w.call('GET', '/repos/python/cpython', { token: w.tokens.pablo });
      expect(core.headers.get('x-ratelimit-resource')).toBe('core');
      for (let i = 0; i < 10; i++) await w.call('GET', '/search/issues?q=leak');
      expect((await w.call('GET', '/search/issues?q=leak')).status).toBe(403);
      w.c.advance(60_000);
      expect((await search(w, 'leak')).status).toBe(200);
    }),
  );
});
