import { describe, expect, it } from 'vitest';
import { draft, expectConformant, type World, world } from './support.ts';

function scenario(fn: (w: World) => Promise<void>) {
  return async () => {
    const w = world();
    await fn(w);
    expectConformant(w);
  };
}

describe('teams and memberships', () => {
  it(
    'a team reads as team-full, and its members include those of child teams, marked inherited',
    scenario(async (w) => {
      const team = await w.call('GET', '/orgs/python/teams/psrt', { token: w.tokens.pablo });
      expect(team.body).toMatchObject({
        slug: 'psrt',
        name: 'PSRT',
        members_count: 3,
        organization: { login: 'python' },
      });
      const members = await w.call('GET', '/orgs/python/teams/psrt/members', { token: w.tokens.pablo });
      expect(members.body.map((m: { login: string; inherited: boolean }) => [m.login, m.inherited])).toEqual([
        ['seth', false],
        ['ee', false],
        ['old', true],
      ]);
      const maintainers = await w.call('GET', '/orgs/python/teams/psrt/members?role=maintainer', {
        token: w.tokens.pablo,
      });
      expect(maintainers.body.map((m: { login: string }) => m.login)).toEqual(['seth']);
      const child = await w.call('GET', '/orgs/python/teams/psrt-emeritus', { token: w.tokens.pablo });
      expect(child.body.parent).toMatchObject({ slug: 'psrt' });
      const outsider = await w.call('GET', '/orgs/python/teams/psrt', { token: w.tokens.mallory });
      expect(outsider.status).toBe(404);
    }),
  );

  it(
    'a membership is 404 for a non-member; an org owner in the team is reported as maintainer',
    scenario(async (w) => {
      const seth = await w.call('GET', '/orgs/python/teams/psrt/memberships/seth', { token: w.tokens.pablo });
      expect(seth.body).toMatchObject({ role: 'maintainer', state: 'active' });
      const pablo = await w.call('GET', '/orgs/python/teams/psrt/memberships/pablo', {
        token: w.tokens.pablo,
      });
      expect(pablo.status).toBe(404);
      const added = await w.call('PUT', '/orgs/python/teams/psrt/memberships/ned', {
        token: w.tokens.ned,
        body: {},
      });
      expect(added.body).toMatchObject({ role: 'member', state: 'active' });
      const ned = await w.call('GET', '/orgs/python/teams/psrt/memberships/ned', { token: w.tokens.ned });
      expect(ned.body.role).toBe('maintainer');
      const invited = await w.call('PUT', '/orgs/python/teams/psrt/memberships/alice', {
        token: w.tokens.seth,
        body: { role: 'member' },
      });
      expect(invited.body.state).toBe('pending');
      const refused = await w.call('PUT', '/orgs/python/teams/psrt/memberships/guido', {
        token: w.tokens.pablo,
        body: {},
      });
      expect(refused.status).toBe(403);
      const removed = await w.call('DELETE', '/orgs/python/teams/psrt/memberships/ee', {
        token: w.tokens.ned,
      });
      expect(removed.status).toBe(204);
      expect(
        (await w.call('GET', '/orgs/python/teams/psrt/memberships/ee', { token: w.tokens.ned })).status,
      ).toBe(404);
    }),
  );

  it(
    'an App needs the members permission to read teams',
    scenario(async (w) => {
      const { default: jwt } = await import('./jwt.ts');
      const withMembers = w.app({
        name: 'a',
        permissions: { members: 'read' },
        installations: [{ account: 'python' }],
      });
      const without = w.app({
        name: 'b',
        permissions: { contents: 'read' },
        installations: [{ account: 'python' }],
      });
      for (const [app, status] of [
        [withMembers, 200],
        [without, 403],
      ] as const) {
        const minted = await w.call('POST', `/app/installations/${app.installations[0]?.id}/access_tokens`, {
          token: jwt(app.appId, app.privateKey, w.c.now()),
        });
        const r = await w.call('GET', '/orgs/python/teams/psrt/members?per_page=100', {
          token: minted.body.token,
        });
        expect(r.status).toBe(status);
      }
    }),
  );
});

describe('a collaborator’s permission', () => {
  it(
    'is the highest grant: owners admin, maintain reads as write, members read through the base permission',
    scenario(async (w) => {
      const permission = async (login: string) =>
        (
          await w.call('GET', `/repos/python/cpython/collaborators/${login}/permission`, {
            token: w.tokens.ned,
          })
        ).body;
      expect(await permission('ned')).toMatchObject({
        permission: 'admin',
        role_name: 'admin',
        user: { login: 'ned' },
      });
      expect(await permission('maint')).toMatchObject({ permission: 'write', role_name: 'maintain' });
      expect(await permission('pablo')).toMatchObject({ permission: 'read', role_name: 'read' });
      expect(await permission('mallory')).toMatchObject({ permission: 'read' });
      const secret = await w.call('GET', '/repos/python/secret-tool/collaborators/mallory/permission', {
        token: w.tokens.ned,
      });
      expect(secret.body).toMatchObject({ permission: 'none' });
      const unknown = await w.call('GET', '/repos/python/cpython/collaborators/nobody-at-all/permission', {
        token: w.tokens.ned,
      });
      expect(unknown.status).toBe(404);
    }),
  );
});

describe('contents', () => {
  it(
    'a file comes as base64 JSON, or raw with the raw media type',
    scenario(async (w) => {
      const json = await w.call('GET', '/repos/python/cpython/contents/.github/CODEOWNERS?ref=main', {
        token: w.tokens.ned,
      });
      expect(json.body).toMatchObject({
        type: 'file',
        encoding: 'base64',
        path: '.github/CODEOWNERS',
        name: 'CODEOWNERS',
      });
      expect(Buffer.from(json.body.content, 'base64').toString()).toBe(
        '/Lib/email/ @python/email-team @bitdancer\n',
      );
      const raw = await w.call('GET', '/repos/python/cpython/contents/.github/CODEOWNERS', {
        token: w.tokens.ned,
        headers: { accept: 'application/vnd.github.raw+json' },
      });
      expect(raw.text).toBe('/Lib/email/ @python/email-team @bitdancer\n');
      expect(raw.headers.get('content-type')).toBe('application/vnd.github.raw; charset=utf-8');
    }),
  );

  it(
    'a folder lists its entries; a missing file or ref is 404',
    scenario(async (w) => {
      w.c.putFile({
        owner: 'python',
        repo: 'cpython',
        path: '.github/workflows/ci.yml',
        content: 'on: push\n',
      });
      const folder = await w.call('GET', '/repos/python/cpython/contents/.github', { token: w.tokens.ned });
      expect(folder.body.map((e: { name: string; type: string }) => `${e.type}:${e.name}`)).toEqual([
        'file:CODEOWNERS',
        'dir:workflows',
      ]);
      const missing = await w.call('GET', '/repos/python/cpython/contents/CODEOWNERS', {
        token: w.tokens.ned,
      });
      expect(missing.status).toBe(404);
      const ref = await w.call('GET', '/repos/python/cpython/contents/README.rst?ref=nope', {
        token: w.tokens.ned,
      });
      expect(ref.status).toBe(404);
      expect(ref.body.message).toBe('No commit found for the ref nope');
    }),
  );
});

describe('pulls in a temporary private fork', () => {
  it(
    'are listed by state and base, page by page, with their files',
    scenario(async (w) => {
      const { ghsa_id } = await draft(w);
      await w.call('PATCH', `/repos/python/cpython/security-advisories/${ghsa_id}`, {
        token: w.tokens.ned,
        body: { collaborating_users: ['alice'] },
      });
      const fork = await w.call('POST', `/repos/python/cpython/security-advisories/${ghsa_id}/forks`, {
        token: w.tokens.ned,
      });
      const name = fork.body.name as string;
      for (let i = 1; i <= 3; i++) {
        w.c.addPullRequest({
          owner: 'python',
          repo: name,
          title: `Fix ${i}`,
          user: 'alice',
          head: { ref: `fix-${i}` },
          files: Array.from({ length: 5 }, (_, k) => ({
            filename: `Lib/email/m${k}.py`,
            status: 'modified' as const,
            additions: k,
            deletions: 1,
            patch: '@@ -1 +1 @@',
          })),
        });
      }
      w.c.addPullRequest({
        owner: 'python',
        repo: name,
        title: 'Old',
        user: 'alice',
        state: 'closed',
        base: { ref: '3.12' },
      });
      const open = await w.call('GET', `/repos/python/${name}/pulls?state=open&base=main&per_page=2`, {
        token: w.tokens.alice,
      });
      expect(open.body.map((p: { number: number }) => p.number)).toEqual([3, 2]);
      expect(open.headers.get('link')).toContain('rel="last"');
      expect(open.body[0]).toMatchObject({
        state: 'open',
        base: { ref: 'main' },
        head: { ref: 'fix-3' },
        user: { login: 'alice' },
      });
      const all = await w.call('GET', `/repos/python/${name}/pulls?state=all`, { token: w.tokens.alice });
      expect(all.body).toHaveLength(4);
      const files = await w.call('GET', `/repos/python/${name}/pulls/1/files?per_page=3&page=2`, {
        token: w.tokens.alice,
      });
      expect(files.body.map((f: { filename: string }) => f.filename)).toEqual([
        'Lib/email/m3.py',
        'Lib/email/m4.py',
      ]);
      expect(files.body[0]).toMatchObject({ status: 'modified', additions: 3, deletions: 1, changes: 4 });
      const stranger = await w.call('GET', `/repos/python/${name}/pulls`, { token: w.tokens.mallory });
      expect(stranger.status).toBe(404);
      const one = await w.call('GET', `/repos/python/${name}/pulls/2`, { token: w.tokens.alice });
      expect(one.status).toBe(200);
    }),
  );
});

describe('users', () => {
  it(
    'a user reads as public-user',
    scenario(async (w) => {
      const r = await w.call('GET', '/users/alice');
      expect(r.body).toMatchObject({ login: 'alice', name: 'Alice Reporter', type: 'User' });
      expect((await w.call('GET', '/users/nobody-here')).status).toBe(404);
    }),
  );
});
