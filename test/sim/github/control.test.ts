import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubSim } from '../../../sim/github/index.ts';
import appJwt from './jwt.ts';
import { receiver, testKey } from './support.ts';

let running: Awaited<ReturnType<typeof startGitHubSim>>;

beforeAll(async () => {
  running = await startGitHubSim({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await running.close();
});

// biome-ignore lint/suspicious/noExplicitAny: response JSON, checked by the assertions
type Json = any;

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${running.url}/_sim${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

async function api(path: string, token?: string, init: RequestInit = {}) {
  const response = await fetch(`${running.url}${path}`, {
    ...init,
    headers: { ...(token ? { authorization: `token ${token}` } : {}), ...init.headers },
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json().catch(() => null)) as Json,
  };
}

describe('the HTTP control surface under /_sim', () => {
  it('seeds a world, acts in the UI and reads it back through the API', async () => {
    expect((await control('POST', '/reset')).status).toBe(200);
    await control('POST', '/orgs', { login: 'python', owners: ['ned'], members: ['seth'] });
    await control('POST', '/users', { login: 'alice' });
    const repo = await control('POST', '/repos', {
      owner: 'python',
      name: 'cpython',
      files: { 'README.rst': 'hi' },
    });
    expect(repo.body.fullName).toBe('python/cpython');
    await control('POST', '/teams', {
      org: 'python',
      slug: 'psrt',
      members: [{ login: 'seth', role: 'maintainer' }],
    });
    await control('POST', '/files', {
      owner: 'python',
      repo: 'cpython',
      path: '.github/CODEOWNERS',
      content: '* @seth\n',
    });
    const { body: token } = await control('POST', '/tokens', { login: 'ned' });
    expect(token.token).toMatch(/^ghp_[A-Za-z0-9]{36}$/);

    const reported = await control('POST', '/ui/report', {
      as: 'alice',
      owner: 'python',
      repo: 'cpython',
      advisory: { summary: 'Crash', description: 'Boom' },
    });
    expect(reported.status).toBe(201);
    const ghsa = reported.body.ghsa_id as string;
    const accepted = await control('POST', `/ui/advisories/python/cpython/${ghsa}/accept`, { as: 'ned' });
    expect(accepted.body.state).toBe('draft');
    const refused = await control('POST', `/ui/advisories/python/cpython/${ghsa}/publish`, { as: 'alice' });
    expect(refused.status).toBe(403);
    const comment = await control('POST', `/ui/advisories/python/cpython/${ghsa}/comment`, {
      as: 'alice',
      body: 'thanks',
    });
    expect(comment.status).toBe(201);
    const edited = await control('POST', `/ui/advisories/python/cpython/${ghsa}/edit`, {
      as: 'ned',
      changes: { severity: 'high', vulnerabilities: [{ package: { ecosystem: 'pip', name: 'cpython' } }] },
    });
    expect(edited.body.severity).toBe('high');
    const cve = await control('POST', `/advisories/python/cpython/${ghsa}/cve`, { cveId: 'CVE-2026-40001' });
    expect(cve.body.cve_id).toBe('CVE-2026-40001');

    const read = await api(`/repos/python/cpython/security-advisories/${ghsa}`, token.token);
    expect(read.body).toMatchObject({ ghsa_id: ghsa, state: 'draft', cve_id: 'CVE-2026-40001' });
    expect(read.body.url).toBe(`${running.url}/repos/python/cpython/security-advisories/${ghsa}`);
    const all = await control('GET', '/advisories');
    expect(all.body).toHaveLength(1);
  });

  it('GitHub’s review through /_sim puts a published advisory into GET /advisories, and withdrawal marks it', async () => {
    await control('POST', '/reset');
    await control('POST', '/orgs', { login: 'python', owners: ['ned'] });
    await control('POST', '/repos', { owner: 'python', name: 'cpython' });
    const created = await control('POST', '/ui/advisories', {
      as: 'ned',
      owner: 'python',
      repo: 'cpython',
      advisory: {
        summary: 'Crash in _decimal',
        description: 'Boom',
        severity: 'high',
        vulnerabilities: [{ package: { ecosystem: 'pip', name: 'cpython' } }],
      },
    });
    const ghsa = created.body.ghsa_id as string;
    const early = await control('POST', `/advisories/python/cpython/${ghsa}/review`);
    expect(early.status).toBe(422);
    await control('POST', `/ui/advisories/python/cpython/${ghsa}/publish`, { as: 'ned' });
    const reviewed = await control('POST', `/advisories/python/cpython/${ghsa}/review`);
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ ghsa_id: ghsa, type: 'reviewed', withdrawn_at: null });
    expect((await api('/advisories')).body.map((a: Json) => a.ghsa_id)).toEqual([ghsa]);
    await control('POST', `/advisories/python/cpython/${ghsa}/withdraw`);
    expect((await api(`/advisories/${ghsa}`)).body.withdrawn_at).toEqual(expect.any(String));
  });

  it('moves the clock, injects faults and answers with the deliveries it made', async () => {
    await control('POST', '/reset');
    const hook = await receiver();
    try {
      await control('POST', '/orgs', { login: 'python', owners: ['ned'] });
      await control('POST', '/repos', { owner: 'python', name: 'cpython' });
      await control('POST', '/users', { login: 'alice' });
      const set = await control('PUT', '/webhook', { url: hook.url, secret: 's3cret' });
      expect(set.body.ping.status).toBe('OK');
      const at = await control('POST', '/clock', { now: '2027-01-01T00:00:00Z' });
      expect(at.body.now).toBe('2027-01-01T00:00:00.000Z');
      await control('POST', '/clock/advance', { ms: 90_000 });
      const fault = await control('POST', '/faults', {
        match: { path: '/rate_limit' },
        kind: 'status',
        status: 500,
        times: 1,
      });
      expect(fault.status).toBe(201);
      expect((await api('/rate_limit')).status).toBe(500);
      expect((await api('/rate_limit')).status).toBe(200);
      await control('POST', '/ui/report', {
        as: 'alice',
        owner: 'python',
        repo: 'cpython',
        advisory: { summary: 's', description: 'd' },
      });
      const deliveries = await control('POST', '/deliveries/wait');
      expect(
        deliveries.body.map((d: { event: string; action: string | null }) => `${d.event}:${d.action}`),
      ).toEqual(['ping:null', 'repository_advisory:reported']);
      expect(deliveries.body[1].deliveredAt).toBe('2027-01-01T00:01:30Z');
      const again = await control('POST', `/deliveries/${deliveries.body[1].id}/redeliver`);
      expect(again.body).toMatchObject({ guid: deliveries.body[1].guid, redelivery: true });
      expect(hook.received).toHaveLength(3);
    } finally {
      await hook.close();
    }
  });

  it('changes knobs through PATCH /_sim/config, refuses unknown ones and bad values, and resets them', async () => {
    await control('POST', '/reset');
    const before = await control('GET', '/config');
    expect(before.body).toMatchObject({
      cursorPageParam: 'reject',
      commentPagination: 'page',
      strictPublish: true,
    });
    const changed = await control('PATCH', '/config', {
      commentPagination: 'cursor',
      pvrDisabledStatus: 403,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ commentPagination: 'cursor', pvrDisabledStatus: 403 });
    const unknown = await control('PATCH', '/config', { commentPaging: 'cursor' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('commentPaging');
    const bad = await control('PATCH', '/config', { pvrDisabledStatus: 500, strictPublish: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('pvrDisabledStatus');
    expect(bad.body.message).toContain('strictPublish');
    expect((await control('GET', '/config')).body).toMatchObject({
      commentPagination: 'cursor',
      pvrDisabledStatus: 403,
    });
    await control('POST', '/reset');
    expect((await control('GET', '/config')).body).toEqual(before.body);
  });

  it('creates Apps whose keys sign working JWTs, and says what was wrong with a bad call', async () => {
    await control('POST', '/reset');
    await control('POST', '/orgs', { login: 'python' });
    const app = await control('POST', '/apps', {
      name: 'psrt-bot',
      privateKey: testKey(),
      permissions: { repository_advisories: 'write' },
      installations: [{ account: 'python', repositories: 'all' }],
    });
    expect(app.status).toBe(201);
    expect(app.body.privateKey).toContain('-----BEGIN PRIVATE KEY-----');
    expect(app.body.installations).toEqual([{ id: expect.any(Number), account: 'python' }]);
    const me = await api('/app', undefined, {
      headers: { authorization: `Bearer ${appJwt(app.body.appId, app.body.privateKey, new Date())}` },
    });
    expect(me.body.slug).toBe('psrt-bot');
    expect((await control('POST', '/repos', { owner: 'python', name: 'cpython' })).status).toBe(201);
    const duplicate = await control('POST', '/repos', { owner: 'python', name: 'cpython' });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.message).toContain('already exists');
  });

  it('acts as people on issues, pushes and pull requests, and shows every issue and comment', async () => {
    await control('POST', '/reset');
    await control('POST', '/orgs', { login: 'python', owners: ['ned'] });
    await control('POST', '/users', { login: 'alice' });
    await control('POST', '/repos', { owner: 'python', name: 'cpython', files: { 'README.rst': 'hi\n' } });
    const issue = await control('POST', '/ui/issues', {
      as: 'alice',
      owner: 'python',
      repo: 'cpython',
      title: 'Crash',
    });
    expect([issue.status, issue.body.number, issue.body.user.login]).toEqual([201, 1, 'alice']);
    const edited = await control('POST', '/ui/issues/python/cpython/1/edit', {
      as: 'alice',
      changes: { title: 'Crash in json' },
    });
    expect(edited.body.title).toBe('Crash in json');
    const comment = await control('POST', '/ui/issues/python/cpython/1/comment', {
      as: 'ned',
      body: 'Thanks.',
    });
    expect(comment.status).toBe(201);
    const pushed = await control('POST', '/ui/commits', {
      as: 'ned',
      owner: 'python',
      repo: 'cpython',
      branch: 'fix',
      message: 'Fix',
      files: { 'README.rst': 'fixed\n' },
    });
    expect(pushed.body.commit.message).toBe('Fix');
    const pull = await control('POST', '/ui/pulls', {
      as: 'ned',
      owner: 'python',
      repo: 'cpython',
      title: 'Fix',
      head: 'fix',
    });
    expect([pull.status, pull.body.number]).toEqual([201, 2]);
    const merged = await control('POST', '/ui/pulls/python/cpython/2/merge', { as: 'ned' });
    expect(merged.body).toMatchObject({ merged: true, merged_by: { login: 'ned' } });
    const refused = await control('POST', '/ui/commits', {
      as: 'alice',
      owner: 'python',
      repo: 'cpython',
      message: 'x',
    });
    expect([refused.status, refused.body.message]).toEqual([
      403,
      'Permission to python/cpython.git denied to alice.',
    ]);
    const issues = await control('GET', '/issues/python/cpython');
    expect(issues.body.map((i: { number: number; state: string }) => [i.number, i.state])).toEqual([
      [1, 'open'],
      [2, 'closed'],
    ]);
    expect(
      (await control('GET', '/issues/python/cpython/1/comments')).body.map((k: { body: string }) => k.body),
    ).toEqual(['Thanks.']);
    const readme = await fetch(`${running.url}/repos/python/cpython/contents/README.rst`, {
      headers: { accept: 'application/vnd.github.raw+json' },
    });
    expect(await readme.text()).toBe('fixed\n');
  });
});
