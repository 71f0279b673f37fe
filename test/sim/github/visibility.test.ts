import { describe, expect, it } from 'vitest';
import jwt from './jwt.ts';
import { draft, expectConformant, report, type World, world } from './support.ts';

function scenario(fn: (w: World) => Promise<void>) {
  return async () => {
    const w = world();
    await fn(w);
    expectConformant(w);
  };
}

const ids = (body: { ghsa_id: string }[]) => body.map((a) => a.ghsa_id);

describe('who sees an advisory', () => {
  it(
    'an unpublished advisory is 404, not 403, to a stranger, with the body a missing one gets',
    scenario(async (w) => {
      const { ghsa_id } = await report(w);
      const hidden = await w.call('GET', `/repos/python/cpython/security-advisories/${ghsa_id}`, {
        token: w.tokens.mallory,
      });
      const missing = await w.call('GET', '/repos/python/cpython/security-advisories/GHSA-2222-3333-4444', {
        token: w.tokens.mallory,
      });
      expect(hidden.status).toBe(404);
      expect(hidden.text).toBe(missing.text);
      const patch = await w.call('PATCH', `/repos/python/cpython/security-advisories/${ghsa_id}`, {
        token: w.tokens.mallory,
        body: { summary: 'mine now' },
      });
      expect(patch.status).toBe(404);
      expect(patch.text).toBe(missing.text);
      const anonymous = await w.call('GET', `/repos/python/cpython/security-advisories/${ghsa_id}`);
      expect(anonymous.status).toBe(404);
    }),
  );

  it(
    'a published advisory of a public repository is readable without signing in',
    scenario(async (w) => {
      const { ghsa_id } = await draft(w);
      await w.call('PATCH', `/repos/python/cpython/security-advisories/${ghsa_id}`, {
        token: w.tokens.ned,
        body: { state: 'published' },
      });
      const r = await w.call('GET', `/repos/python/cpython/security-advisories/${ghsa_id}`);
      expect(r.status).toBe(200);
      expect(r.body.state).toBe('published');
      const list = await w.call('GET', '/repos/python/cpython/security-advisories');
      expect(ids(list.body)).toEqual([ghsa_id]);
      const edit = await w.call('PATCH', `/repos/python/cpython/security-advisories/${ghsa_id}`, {
        body: { summary: 'x' },
      });
      expect(edit.status).toBe(401);
    }),
  );

  it(
    'a collaborator lists only the advisories they collaborate on, directly or through a team',
    scenario(async (w) => {
      w.c.addUser({ login: 'bob' });
      const own = await report(w, 'alice reports');
      const other = await report(w, 'bob reports', 'bob');
      const viaTeam = await draft(w, 'psrt handles');
      await w.call('PATCH', `/repos/python/cpython/security-advisories/${viaTeam.ghsa_id}`, {
        token: w.tokens.ned,
        body: { collaborating_teams: ['psrt'] },
      });
      const alice = await w.call('GET', '/repos/python/cpython/security-advisories', {
        token: w.tokens.alice,
      });
      expect(ids(alice.body)).toEqual([own.ghsa_id]);
      const seth = await w.call('GET', '/repos/python/cpython/security-advisories', { token: w.tokens.seth });
      expect(ids(seth.body)).toEqual([viaTeam.ghsa_id]);
      // Members of a child team are members of the parent: psrt-emeritus sits under psrt.
      const old = await w.call('GET', `/repos/python/cpython/security-advisories/${viaTeam.ghsa_id}`, {
        token: w.c.userToken('old'),
      });
      expect(old.status).toBe(200);
      const ned = await w.call('GET', '/repos/python/cpython/security-advisories', { token: w.tokens.ned });
      expect(ids(ned.body).sort()).toEqual([own.ghsa_id, other.ghsa_id, viaTeam.ghsa_id].sort());
    }),
  );

  it(
    'a maintainer with write access but no part in an advisory does not see it',
    scenario(async (w) => {
      const { ghsa_id } = await report(w);
      const r = await w.call('GET', `/repos/python/cpython/security-advisories/${ghsa_id}`, {
        token: w.tokens.maint,
      });
      expect(r.status).toBe(404);
      const sam = await w.call('GET', `/repos/python/cpython/security-advisories/${ghsa_id}`, {
        token: w.tokens.sam,
      });
      expect(sam.status).toBe(200);
    }),
  );

  it(
    'a token without the repo scope reads only what is public',
    scenario(async (w) => {
      const { ghsa_id } = await report(w);
      const narrow = w.c.userToken('ned', { scopes: ['read:org'] });
      const r = await w.call('GET', `/repos/python/cpython/security-advisories/${ghsa_id}`, {
        token: narrow,
      });
      expect(r.status).toBe(404);
      expect(r.headers.get('x-oauth-scopes')).toBe('read:org');
    }),
  );

  it(
    'a private repository is 404 to anyone without access',
    scenario(async (w) => {
      for (const token of [undefined, w.tokens.mallory]) {
        const r = await w.call(
          'GET',
          '/repos/python/secret-tool/security-advisories',
          token ? { token } : {},
        );
        expect(r.status).toBe(404);
      }
      const insider = await w.call('GET', '/repos/python/secret-tool/security-advisories', {
        token: w.c.userToken('insider'),
      });
      expect(insider.status).toBe(200);
    }),
  );
});

describe('an App installed on another organization', () => {
  it(
    'can neither create nor change advisories of a public repository it is not installed on',
    scenario(async (w) => {
      w.c.addOrg({ login: 'elsewhere', owners: ['eve'] });
      const stranger = w.app({
        name: 'other-bot',
        permissions: { repository_advisories: 'write' },
        installations: [{ account: 'elsewhere', repositories: 'all' }],
      });
      const minted = await w.call(
        'POST',
        `/app/installations/${stranger.installations[0]?.id}/access_tokens`,
        { token: jwt(stranger.appId, stranger.privateKey, w.c.now()) },
      );
      const token = minted.body.token as string;
      const created = await w.call('POST', '/repos/python/cpython/security-advisories', {
        token,
        body: { summary: 's', description: 'd', vulnerabilities: [] },
      });
      expect(created.status).toBe(403);
      expect(created.body.message).toBe('Resource not accessible by integration');
      expect(w.c.advisories()).toEqual([]);
      // A published advisory it can read, like anyone; changing it is refused the same way.
      const { ghsa_id } = await draft(w);
      const url = `/repos/python/cpython/security-advisories/${ghsa_id}`;
      await w.call('PATCH', url, { token: w.tokens.ned, body: { state: 'published' } });
      expect((await w.call('GET', url, { token })).status).toBe(200);
      const edit = await w.call('PATCH', url, { token, body: { summary: 'mine now' } });
      expect(edit.status).toBe(403);
      expect(edit.body.message).toBe('Resource not accessible by integration');
      const cve = await w.call('POST', `${url}/cve`, { token });
      expect(cve.body.message).toBe('Resource not accessible by integration');
    }),
  );
});

describe('the organization advisory list', () => {
  it(
    'is for organization owners and security managers, and answers others like a missing org',
    scenario(async (w) => {
      const a = await report(w);
      for (const login of ['ned', 'sam'] as const) {
        const r = await w.call('GET', '/orgs/python/security-advisories?state=triage', {
          token: w.tokens[login],
        });
        expect(r.status).toBe(200);
        expect(ids(r.body)).toEqual([a.ghsa_id]);
      }
      const pablo = await w.call('GET', '/orgs/python/security-advisories', { token: w.tokens.pablo });
      const nowhere = await w.call('GET', '/orgs/nowhere/security-advisories', { token: w.tokens.pablo });
      expect(pablo.status).toBe(404);
      expect(pablo.text).toBe(nowhere.text);
      const anonymous = await w.call('GET', '/orgs/python/security-advisories');
      expect(anonymous.status).toBe(401);
    }),
  );

  it(
    'is open to an App installation with repository_advisories write, and 403 with only read',
    scenario(async (w) => {
      const a = await report(w);
      const writer = w.app({
        name: 'psrt-bot',
        permissions: { repository_advisories: 'write' },
        events: ['repository_advisory'],
        installations: [{ account: 'python', repositories: 'all' }],
      });
      const reader = w.app({
        name: 'reader',
        permissions: { repository_advisories: 'read' },
        installations: [{ account: 'python', repositories: ['cpython'] }],
      });
      const token = async (app: typeof writer) => {
        const r = await w.call('POST', `/app/installations/${app.installations[0]?.id}/access_tokens`, {
          token: jwt(app.appId, app.privateKey, w.c.now()),
        });
        return r.body.token as string;
      };
      const listed = await w.call('GET', '/orgs/python/security-advisories', { token: await token(writer) });
      expect(ids(listed.body)).toEqual([a.ghsa_id]);
      const readOnly = await w.call('GET', '/orgs/python/security-advisories', {
        token: await token(reader),
      });
      expect(readOnly.status).toBe(403);
      expect(readOnly.body.message).toBe('Resource not accessible by integration');
      const perRepo = await w.call('GET', '/repos/python/cpython/security-advisories', {
        token: await token(reader),
      });
      expect(ids(perRepo.body)).toEqual([a.ghsa_id]);
    }),
  );
});
