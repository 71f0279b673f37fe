// Behaviours github-advisories.md marks UNVERIFIED: each in the simulator's default (the spec's
// most likely reading) and in the alternative its knob selects, so psrt can be tested against
// whichever GitHub turns out to do. The README's table lists them with the section they come from.
import { afterEach, describe, expect, it } from 'vitest';
import type { SimConfig } from '../../../sim/github/index.ts';
import { draft, expectConformant, receiver, report, type World, world } from './support.ts';

const v31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N'; // 6.5, medium
const v4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'; // 9.3, critical
const advisories = '/repos/python/cpython/security-advisories';

/** A fresh world with `config` applied, checked against GitHub's description afterwards. */
function scenario(config: Partial<SimConfig>, fn: (w: World) => Promise<void>) {
  return async () => {
    const w = world();
    w.c.configure(config);
    await fn(w);
    expectConformant(w);
  };
}

const patch = (w: World, ghsa: string, body: unknown, token = w.tokens.ned) =>
  w.call('PATCH', `${advisories}/${ghsa}`, { token, body });
const read = (w: World, ghsa: string) => w.call('GET', `${advisories}/${ghsa}`, { token: w.tokens.ned });
const nextLink = (r: { headers: Headers }) => /<([^>]+)>; rel="next"/.exec(r.headers.get('link') ?? '')?.[1];
const ids = (r: { body: { ghsa_id: string }[] }) => r.body.map((a) => a.ghsa_id);

describe('?page= on the cursor-paginated advisory lists (§0.2)', () => {
  it(
    'is refused with 400 by default, as GitHub’s other cursor lists do',
    scenario({}, async (w) => {
      await draft(w);
      const r = await w.call('GET', `${advisories}?page=1`, { token: w.tokens.ned, invalid: 'page' });
      expect(r.status).toBe(400);
      expect(r.body.message).toBe("Pagination using the 'page' parameter is not supported");
    }),
  );

  it(
    'is ignored when configured so: the first page comes back, and the cursors still lead on',
    scenario({ cursorPageParam: 'ignore' }, async (w) => {
      for (let i = 0; i < 3; i++) {
        await draft(w, `advisory ${i}`);
        w.c.advance(1000);
      }
      const plain = await w.call('GET', `${advisories}?per_page=2`, { token: w.tokens.ned });
      const paged = await w.call('GET', `${advisories}?per_page=2&page=2`, {
        token: w.tokens.ned,
        invalid: 'page',
      });
      expect(paged.status).toBe(200);
      expect(ids(paged)).toEqual(ids(plain));
      const next = nextLink(paged);
      expect(next).toContain('after=');
      expect(new URL(next ?? '').searchParams.has('page')).toBe(false);
      const rest = await w.call('GET', next ?? '', { token: w.tokens.ned });
      expect(ids(rest)).toHaveLength(1);
    }),
  );
});

describe('the severity of an advisory with a CVSS vector (§1)', () => {
  it(
    'follows the vector’s score by default',
    scenario({}, async (w) => {
      const { ghsa_id } = await draft(w); // severity high
      expect((await patch(w, ghsa_id, { cvss_vector_string: v31 })).body.severity).toBe('medium');
      expect((await report(w)).severity).toBe('critical');
    }),
  );

  it(
    'stays what it was when configured not to follow the vector',
    scenario({ severityFromVector: false }, async (w) => {
      const { ghsa_id } = await draft(w);
      const r = await patch(w, ghsa_id, { cvss_vector_string: v31 });
      expect(r.body).toMatchObject({ severity: 'high', cvss: { vector_string: v31, score: 6.5 } });
      const reported = await report(w); // the report sends only a vector
      expect(reported.severity).toBeNull();
      expect(reported.cvss_severities.cvss_v4).toEqual({ vector_string: v4, score: 9.3 });
    }),
  );
});

describe('switching from a CVSS vector back to a severity (§2.5)', () => {
  it(
    'takes a PATCH clearing the vector, then one setting the severity; both in one is refused',
    scenario({}, async (w) => {
      const { ghsa_id } = await draft(w, 'scored', { severity: null, cvss_vector_string: v4 });
      const together = await patch(w, ghsa_id, { cvss_vector_string: null, severity: 'low' });
      expect(together.status).toBe(422);
      expect(together.body.message).toBe('Cannot update severity value when CVSS is set.');
      expect((await read(w, ghsa_id)).body.cvss_severities.cvss_v4).not.toBeNull();
      expect((await patch(w, ghsa_id, { cvss_vector_string: null })).status).toBe(200);
      const low = await patch(w, ghsa_id, { severity: 'low' });
      expect(low.body).toMatchObject({ severity: 'low', cvss_severities: { cvss_v3: null, cvss_v4: null } });
    }),
  );

  it(
    'works in one PATCH when configured so',
    scenario({ severityAfterClearingVector: 'same-patch' }, async (w) => {
      const { ghsa_id } = await draft(w, 'scored', { severity: null, cvss_vector_string: v4 });
      const together = await patch(w, ghsa_id, { cvss_vector_string: null, severity: 'low' });
      expect(together.status).toBe(200);
      expect(together.body).toMatchObject({
        severity: 'low',
        cvss_severities: { cvss_v3: null, cvss_v4: null },
      });
      // A severity while the vector stays is still refused, as GitHub documents.
      await patch(w, ghsa_id, { cvss_vector_string: v31 });
      expect((await patch(w, ghsa_id, { severity: 'high' })).status).toBe(422);
    }),
  );
});

describe('a collaborator GitHub does not know (§2.5)', () => {
  const body = { collaborating_users: ['alice', 'nobody-at-all'], collaborating_teams: ['psrt', 'no-team'] };

  it(
    'is refused with 422 by default, and nobody is added',
    scenario({}, async (w) => {
      const { ghsa_id } = await draft(w);
      const r = await patch(w, ghsa_id, body);
      expect(r.status).toBe(422);
      expect(r.body.errors).toEqual([
        {
          resource: 'RepositoryAdvisory',
          field: 'collaborating_users',
          code: 'invalid',
          value: 'nobody-at-all',
        },
      ]);
      expect((await read(w, ghsa_id)).body).toMatchObject({
        collaborating_users: [],
        collaborating_teams: [],
      });
    }),
  );

  it(
    'is dropped silently when configured so, and the known ones are added',
    scenario({ unknownCollaborators: 'ignore' }, async (w) => {
      const { ghsa_id } = await draft(w);
      const r = await patch(w, ghsa_id, {
        ...body,
        collaborating_users: [...body.collaborating_users, 'python'],
      });
      expect(r.status).toBe(200);
      expect(r.body.collaborating_users.map((u: { login: string }) => u.login)).toEqual(['alice']);
      expect(r.body.collaborating_teams.map((t: { slug: string }) => t.slug)).toEqual(['psrt']);
    }),
  );
});

describe('accepting a report and reopening an advisory through the API (§2.6)', () => {
  it(
    'both work by PATCHing state "draft" by default',
    scenario({}, async (w) => {
      const reported = await report(w);
      const accepted = await patch(w, reported.ghsa_id, { state: 'draft' });
      expect(accepted.body).toMatchObject({ state: 'draft', submission: { accepted: true } });
      await patch(w, reported.ghsa_id, { state: 'closed' });
      const reopened = await patch(w, reported.ghsa_id, { state: 'draft' });
      expect(reopened.body).toMatchObject({ state: 'draft', closed_at: null });
    }),
  );

  it(
    'are 422 through the API when configured as UI-only, while the web UI still does them',
    scenario({ acceptReportViaApi: false, reopenViaApi: false }, async (w) => {
      const reported = await report(w);
      const accept = await patch(w, reported.ghsa_id, { state: 'draft' });
      expect(accept.status).toBe(422);
      expect(accept.body.message).toBe('Invalid state transition from `triage` to `draft`.');
      const ref = { owner: 'python', repo: 'cpython', ghsaId: reported.ghsa_id };
      expect(w.c.acceptReport({ as: 'ned', ...ref })).toMatchObject({ state: 'draft' });
      expect((await patch(w, reported.ghsa_id, { state: 'closed' })).body.state).toBe('closed');
      const reopen = await patch(w, reported.ghsa_id, { state: 'draft' });
      expect(reopen.status).toBe(422);
      expect(reopen.body.message).toBe('Invalid state transition from `closed` to `draft`.');
      expect(w.c.reopenAdvisory({ as: 'ned', ...ref })).toMatchObject({ state: 'draft' });
    }),
  );

  it(
    'can each be made UI-only on its own',
    scenario({ reopenViaApi: false }, async (w) => {
      const reported = await report(w);
      expect((await patch(w, reported.ghsa_id, { state: 'draft' })).status).toBe(200);
      await patch(w, reported.ghsa_id, { state: 'closed' });
      expect((await patch(w, reported.ghsa_id, { state: 'draft' })).status).toBe(422);
    }),
  );
});

describe('what publishing needs (§2.6)', () => {
  it(
    'a description, a severity or a vector, and named packages by default',
    scenario({}, async (w) => {
      const bare = await draft(w, 'bare', {
        description: ' ',
        severity: null,
        vulnerabilities: [{ package: { ecosystem: 'pip' } }],
      });
      const refused = await patch(w, bare.ghsa_id, { state: 'published' });
      expect(refused.status).toBe(422);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'description',
        'severity',
        'vulnerabilities',
      ]);
      expect((await read(w, bare.ghsa_id)).body).toMatchObject({ state: 'draft', published_at: null });
      w.c.configure({ severityFromVector: false });
      const scored = await draft(w, 'scored', { severity: null, cvss_vector_string: v31 });
      expect(scored.severity).toBeNull();
      expect((await patch(w, scored.ghsa_id, { state: 'published' })).body.state).toBe('published');
    }),
  );

  it(
    'nothing more than a draft when strictPublish is off',
    scenario({ strictPublish: false }, async (w) => {
      const bare = await draft(w, 'bare', { description: '', severity: null, vulnerabilities: [] });
      const r = await patch(w, bare.ghsa_id, { state: 'published' });
      expect(r.body).toMatchObject({ state: 'published', severity: null, publisher: { login: 'ned' } });
    }),
  );
});

describe('a private report where private reporting is off (§2.7)', () => {
  const file = (w: World) =>
    w.call('POST', `${advisories}/reports`, {
      token: w.tokens.alice,
      body: { summary: 's', description: 'd' },
    });

  it(
    'is answered 404 by default, like a repository that does not exist',
    scenario({}, async (w) => {
      await w.call('DELETE', '/repos/python/cpython/private-vulnerability-reporting', {
        token: w.tokens.ned,
      });
      expect((await file(w)).status).toBe(404);
    }),
  );

  it(
    'is answered 403 when configured so, and nothing is filed either way',
    scenario({ pvrDisabledStatus: 403 }, async (w) => {
      await w.call('DELETE', '/repos/python/cpython/private-vulnerability-reporting', {
        token: w.tokens.ned,
      });
      const r = await file(w);
      expect(r.status).toBe(403);
      expect(r.body.message).toContain('not enabled');
      expect(w.c.advisories()).toEqual([]);
      await w.call('PUT', '/repos/python/cpython/private-vulnerability-reporting', { token: w.tokens.ned });
      expect((await file(w)).status).toBe(201);
    }),
  );
});

describe('asking for a second temporary private fork (§2.9)', () => {
  const fork = (w: World, ghsa: string) =>
    w.call('POST', `${advisories}/${ghsa}/forks`, { token: w.tokens.ned });

  it(
    'is refused with 422 by default',
    scenario({}, async (w) => {
      const { ghsa_id } = await draft(w);
      expect((await fork(w, ghsa_id)).status).toBe(202);
      const second = await fork(w, ghsa_id);
      expect(second.status).toBe(422);
      expect(second.body.message).toContain('already exists');
    }),
  );

  it(
    'answers 202 with the fork that exists when configured so, and makes no other',
    scenario({ secondPrivateFork: 'existing' }, async (w) => {
      const { ghsa_id } = await draft(w);
      const first = await fork(w, ghsa_id);
      const second = await fork(w, ghsa_id);
      expect(second.status).toBe(202);
      expect(second.body).toMatchObject({ id: first.body.id, full_name: first.body.full_name });
      expect((await read(w, ghsa_id)).body.private_fork.id).toBe(first.body.id);
    }),
  );
});

describe('the comments list (§2.11)', () => {
  async function thread(w: World, n: number): Promise<string> {
    const { ghsa_id } = await report(w);
    for (let i = 0; i < n; i++) {
      await w.call('POST', `${advisories}/${ghsa_id}/comments`, {
        token: w.tokens.ned,
        body: { body: `c${i}` },
      });
      w.c.advance(1000);
    }
    return ghsa_id;
  }
  async function readAll(w: World, first: string): Promise<{ bodies: string[]; links: string[] }> {
    const bodies: string[] = [];
    const links: string[] = [];
    for (let next: string | undefined = first; next; ) {
      const page = await w.call('GET', next, { token: w.tokens.alice });
      expect(page.status).toBe(200);
      bodies.push(...page.body.map((k: { body: string }) => k.body));
      links.push(page.headers.get('link') ?? '');
      next = nextLink(page);
    }
    return { bodies, links };
  }

  it(
    'pages by number with rel="last" by default, and comments look like issue comments',
    scenario({}, async (w) => {
      const ghsa = await thread(w, 5);
      const { bodies, links } = await readAll(w, `${advisories}/${ghsa}/comments?per_page=2`);
      expect(bodies).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
      expect(links[0]).toContain('page=2>; rel="next"');
      expect(links[0]).toContain('page=3>; rel="last"');
      const one = await w.call('GET', `${advisories}/${ghsa}/comments?per_page=1`, { token: w.tokens.ned });
      expect(Object.keys(one.body[0]).sort()).toEqual([
        'body',
        'created_at',
        'html_url',
        'id',
        'node_id',
        'updated_at',
        'url',
        'user',
      ]);
    }),
  );

  it(
    'pages by cursor when configured so, with since kept and ?page= refused',
    scenario({ commentPagination: 'cursor' }, async (w) => {
      const ghsa = await thread(w, 5);
      const { bodies, links } = await readAll(w, `${advisories}/${ghsa}/comments?per_page=2`);
      expect(bodies).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
      expect(links[0]).toContain('after=');
      expect(links.join()).not.toContain('rel="last"');
      const since = await readAll(w, `${advisories}/${ghsa}/comments?per_page=2&since=2026-11-24T10:00:01Z`);
      expect(since.bodies).toEqual(['c1', 'c2', 'c3', 'c4']);
      const page = await w.call('GET', `${advisories}/${ghsa}/comments?page=2`, { token: w.tokens.ned });
      expect(page.status).toBe(400);
    }),
  );

  it(
    'carries only the observed id, author, body and times when configured minimal',
    scenario({ commentShape: 'minimal' }, async (w) => {
      const ghsa = await thread(w, 1);
      const [comment] = (await w.call('GET', `${advisories}/${ghsa}/comments`, { token: w.tokens.ned })).body;
      expect(Object.keys(comment).sort()).toEqual(['author', 'body', 'created_at', 'id', 'updated_at']);
      expect(comment).toMatchObject({ body: 'c0', author: { login: 'ned' } });
    }),
  );
});

describe('the permission of someone with no grant on the repository (§3.3)', () => {
  const permission = (w: World, repo: string, login: string) =>
    w.call('GET', `/repos/python/${repo}/collaborators/${login}/permission`, { token: w.tokens.ned });

  it(
    'is read on a public repository and none on a private one by default',
    scenario({}, async (w) => {
      expect((await permission(w, 'cpython', 'mallory')).body).toMatchObject({
        permission: 'read',
        role_name: 'read',
        user: { permissions: { pull: true, push: false } },
      });
      expect((await permission(w, 'secret-tool', 'mallory')).body).toMatchObject({ permission: 'none' });
    }),
  );

  it(
    'is none everywhere when configured so, while real grants are unchanged',
    scenario({ permissionWithoutGrant: 'none' }, async (w) => {
      expect((await permission(w, 'cpython', 'mallory')).body).toMatchObject({
        permission: 'none',
        role_name: 'none',
        user: { permissions: { pull: false, push: false } },
      });
      expect((await permission(w, 'cpython', 'maint')).body).toMatchObject({ permission: 'write' });
      expect((await permission(w, 'cpython', 'pablo')).body).toMatchObject({ permission: 'read' });
    }),
  );
});

describe('a webhook redelivery (§4.1)', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (closers.length) await closers.pop()?.();
  });
  async function redelivered(config: Partial<SimConfig>) {
    const hook = await receiver();
    closers.push(hook.close);
    const w = world();
    w.c.configure(config);
    await w.c.setWebhook({ url: hook.url, secret: 's' });
    await report(w);
    await w.c.waitForDeliveries();
    const original = w.c.deliveries()[1];
    if (!original) throw new Error('no reported delivery');
    const again = await w.c.redeliver(original.id);
    expect(hook.received[2]?.body).toBe(hook.received[1]?.body);
    return { original, again, header: hook.received[2]?.headers['x-github-delivery'] };
  }

  it('keeps the X-GitHub-Delivery GUID by default', async () => {
    const { original, again, header } = await redelivered({});
    expect(again).toMatchObject({ guid: original.guid, redelivery: true });
    expect(header).toBe(original.guid);
  });

  it('gets a new GUID, with the same body, when configured so', async () => {
    const { original, again, header } = await redelivered({ redeliveryGuid: 'new' });
    expect(again.redelivery).toBe(true);
    expect(again.guid).not.toBe(original.guid);
    expect(again.guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(header).toBe(again.guid);
  });
});

describe('updated_at after a PATCH that changes nothing (§7.3)', () => {
  async function patchedTwice(w: World) {
    const { ghsa_id } = await draft(w, 'same');
    w.c.advance(60_000);
    const empty = await patch(w, ghsa_id, {});
    w.c.advance(60_000);
    const same = await patch(w, ghsa_id, { summary: 'same', severity: 'high', state: 'draft' });
    w.c.advance(60_000);
    const changed = await patch(w, ghsa_id, { summary: 'different' });
    return [empty, same, changed].map((r) => r.body.updated_at);
  }

  it(
    'moves on every successful PATCH by default',
    scenario({}, async (w) => {
      expect(await patchedTwice(w)).toEqual([
        '2026-11-24T10:01:00Z',
        '2026-11-24T10:02:00Z',
        '2026-11-24T10:03:00Z',
      ]);
    }),
  );

  it(
    'moves only when something changed when configured so',
    scenario({ noOpPatchBumpsUpdatedAt: false }, async (w) => {
      expect(await patchedTwice(w)).toEqual([
        '2026-11-24T10:00:00Z',
        '2026-11-24T10:00:00Z',
        '2026-11-24T10:03:00Z',
      ]);
    }),
  );
});
