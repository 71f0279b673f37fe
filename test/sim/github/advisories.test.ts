import { describe, expect, it } from 'vitest';
import { draft, expectConformant, report, T0, type World, world } from './support.ts';

const ghsaPattern = /^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/;
const v4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
const v31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N';

function scenario(fn: (w: World) => Promise<void>) {
  return async () => {
    const w = world();
    await fn(w);
    expectConformant(w);
  };
}

const hour = 3_600_000;
/** T0 (the world's clock at creation) plus `hours`, as GitHub writes times. */
const at = (hours: number) => new Date(Date.parse(T0) + hours * hour).toISOString().replace('.000Z', 'Z');
/** The timestamps a repository advisory carries (its description has no others). */
const times = (a: Record<string, unknown>) => ({
  created_at: a.created_at,
  updated_at: a.updated_at,
  published_at: a.published_at,
  closed_at: a.closed_at,
  withdrawn_at: a.withdrawn_at,
});

const patch = (w: World, ghsa: string, body: unknown, token = w.tokens.ned, invalid?: string) =>
  w.call('PATCH', `/repos/python/cpython/security-advisories/${ghsa}`, {
    token,
    body,
    ...(invalid ? { invalid } : {}),
  });

describe('a private vulnerability report', () => {
  it(
    'arrives in triage with the reporter as author, accepted finder and collaborator',
    scenario(async (w) => {
      const a = await report(w);
      expect(a.ghsa_id).toMatch(ghsaPattern);
      expect(a).toMatchObject({
        state: 'triage',
        submission: { accepted: false },
        author: { login: 'alice', type: 'User' },
        publisher: null,
        credits: [{ login: 'alice', type: 'finder' }],
        credits_detailed: [{ user: { login: 'alice' }, type: 'finder', state: 'accepted' }],
        collaborating_users: [{ login: 'alice' }],
        identifiers: [{ type: 'GHSA', value: a.ghsa_id }],
        html_url: `https://github.com/python/cpython/security/advisories/${a.ghsa_id}`,
        url: `http://sim.test/repos/python/cpython/security-advisories/${a.ghsa_id}`,
      });
      // 26 required keys, cvss_severities (listed, not required), and the comments preview's count.
      expect(Object.keys(a)).toHaveLength(28);
    }),
  );

  it(
    'needs someone signed in, and an App cannot file one',
    scenario(async (w) => {
      const body = { summary: 's', description: 'd' };
      const anonymous = await w.call('POST', '/repos/python/cpython/security-advisories/reports', { body });
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toEqual({
        message: 'Requires authentication',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
    }),
  );

  it(
    'is refused like a missing repository when private reporting is off',
    scenario(async (w) => {
      const off = await w.call('DELETE', '/repos/python/cpython/private-vulnerability-reporting', {
        token: w.tokens.ned,
      });
      expect(off.status).toBe(204);
      const check = await w.call('GET', '/repos/python/cpython/private-vulnerability-reporting', {
        token: w.tokens.alice,
      });
      expect(check.body).toEqual({ enabled: false });
      const r = await w.call('POST', '/repos/python/cpython/security-advisories/reports', {
        token: w.tokens.alice,
        body: { summary: 's', description: 'd' },
      });
      expect(r.status).toBe(404);
    }),
  );
});

describe('creating a draft', () => {
  it(
    'answers 201 with a draft authored by the caller and no submission',
    scenario(async (w) => {
      const a = await draft(w, 'Use-after-free', {
        cwe_ids: ['CWE-416'],
        credits: [{ login: 'alice', type: 'reporter' }],
      });
      expect(a).toMatchObject({
        state: 'draft',
        submission: null,
        author: { login: 'ned' },
        severity: 'high',
        cvss: null,
        cvss_severities: { cvss_v3: null, cvss_v4: null },
        cwes: [{ cwe_id: 'CWE-416', name: 'Use After Free' }],
        credits_detailed: [{ user: { login: 'alice' }, type: 'reporter', state: 'pending' }],
        vulnerabilities: [
          {
            package: { ecosystem: 'pip', name: 'cpython' },
            vulnerable_version_range: null,
            patched_versions: null,
            vulnerable_functions: null,
          },
        ],
      });
    }),
  );

  it(
    'needs a repository admin or security manager: a member with write gets 403',
    scenario(async (w) => {
      const body = { summary: 's', description: 'd', vulnerabilities: [] };
      const byMaint = await w.call('POST', '/repos/python/cpython/security-advisories', {
        token: w.tokens.maint,
        body,
      });
      expect(byMaint.status).toBe(403);
      const bySam = await w.call('POST', '/repos/python/cpython/security-advisories', {
        token: w.tokens.sam,
        body,
      });
      expect(bySam.status).toBe(201);
    }),
  );

  it(
    'reports a missing required key, then an unknown one, in GitHub’s words',
    scenario(async (w) => {
      const url = '/repos/python/cpython/security-advisories';
      const missing = await w.call('POST', url, {
        token: w.tokens.ned,
        body: { summary: 's', description: 'd' },
        invalid: 'vulnerabilities is required',
      });
      expect(missing.status).toBe(422);
      expect(missing.body.message).toBe('Invalid request.\n\n"vulnerabilities" wasn\'t supplied.');
      const unknown = await w.call('POST', url, {
        token: w.tokens.ned,
        body: { summary: 's', description: 'd', vulnerabilities: [], state: 'draft' },
        invalid: 'state is not a create key',
      });
      expect(unknown.body.message).toBe('Invalid request.\n\n"state" is not a permitted key.');
    }),
  );

  it(
    'refuses a severity together with a CVSS vector',
    scenario(async (w) => {
      const r = await w.call('POST', '/repos/python/cpython/security-advisories', {
        token: w.tokens.ned,
        body: {
          summary: 's',
          description: 'd',
          vulnerabilities: [],
          severity: 'low',
          cvss_vector_string: v31,
        },
      });
      expect(r.status).toBe(422);
      expect(r.body.message).toBe('Cannot specify both severity and cvss_vector_string.');
    }),
  );

  it(
    'is not possible in a private repository (GitHub stopped that in 2024)',
    scenario(async (w) => {
      const r = await w.call('POST', '/repos/python/secret-tool/security-advisories', {
        token: w.tokens.ned,
        body: { summary: 's', description: 'd', vulnerabilities: [] },
      });
      expect(r.status).toBe(422);
    }),
  );
});

describe('updating an advisory', () => {
  it(
    'checks enums for ecosystem, severity, credit type and state',
    scenario(async (w) => {
      const { ghsa_id } = await draft(w);
      const cases: [unknown, string][] = [
        [
          { vulnerabilities: [{ package: { ecosystem: 'pypi' } }] },
          `For 'properties/vulnerabilities/0/package/ecosystem', "pypi" is not one of`,
        ],
        [{ severity: 'urgent' }, `For 'properties/severity', "urgent" is not one of`],
        [
          { credits: [{ login: 'alice', type: 'hero' }] },
          `For 'properties/credits/0/type', "hero" is not one of`,
        ],
        [{ state: 'withdrawn' }, `For 'properties/state', "withdrawn" is not one of`],
      ];
      for (const [body, message] of cases) {
        const r = await patch(w, ghsa_id, body, w.tokens.ned, 'an enum violation');
        expect(r.status).toBe(422);
        expect(r.body.message).toContain(message);
      }
    }),
  );

  it(
    'refuses unknown keys, read-only fields included',
    scenario(async (w) => {
      const { ghsa_id } = await draft(w);
      for (const key of ['ghsa_id', 'withdrawn', 'start_private_fork', 'comments']) {
        const r = await patch(w, ghsa_id, { [key]: true }, w.tokens.ned, 'not patchable');
        expect(r.status).toBe(422);
        expect(r.body.message).toBe(`Invalid request.\n\n"${key}" is not a permitted key.`);
      }
    }),
  );

  it(
    'refuses summaries over 1024 and descriptions over 65535 characters',
    scenario(async (w) => {
      const { ghsa_id } = await draft(w);
      const long = await patch(w, ghsa_id, { summary: 'x'.repeat(1025) }, w.tokens.ned, 'too long');
      expect(long.status).toBe(422);
      expect(long.body.message).toContain("For 'properties/summary'");
      const ok = await patch(w, ghsa_id, { summary: 'x'.repeat(1024), description: 'y'.repeat(65535) });
      expect(ok.status).toBe(200);
      const tooLong = await patch(w, ghsa_id, { description: 'y'.repeat(65536) }, w.tokens.ned, 'too long');
      expect(tooLong.body.message).toContain("For 'properties/description'");
    }),
  );

  it(
    'fills cvss_severities from a vector, derives the severity, and then refuses a severity',
    scenario(async (w) => {
      const { ghsa_id } = await draft(w);
      const withV4 = await patch(w, ghsa_id, { cvss_vector_string: v4 });
      expect(withV4.body.cvss_severities).toEqual({
        cvss_v3: null,
        cvss_v4: { vector_string: v4, score: 9.3 },
      });
      expect(withV4.body.severity).toBe('critical');
      const withV3 = await patch(w, ghsa_id, { cvss_vector_string: v31 });
      expect(withV3.body.cvss_severities.cvss_v3).toEqual({ vector_string: v31, score: 6.5 });
      expect(withV3.body.cvss).toEqual({ vector_string: v31, score: 6.5 });
      expect(withV3.body.severity).toBe('medium');
      const refused = await patch(w, ghsa_id, { severity: 'low' });
      expect(refused.status).toBe(422);
      expect(refused.body.message).toBe('Cannot update severity value when CVSS is set.');
      const cleared = await patch(w, ghsa_id, { cvss_vector_string: null });
      expect(cleared.body).toMatchObject({ cvss: null, cvss_severities: { cvss_v3: null, cvss_v4: null } });
      const low = await patch(w, ghsa_id, { severity: 'low' });
      expect(low.body.severity).toBe('low');
    }),
  );

  it(
    'refuses a vector that is not CVSS',
    scenario(async (w) => {
      const { ghsa_id } = await draft(w);
      const r = await patch(w, ghsa_id, { cvss_vector_string: 'CVSS:4.0/AV:X' });
      expect(r.status).toBe(422);
      expect(r.body.errors[0]).toMatchObject({ field: 'cvss_vector_string', code: 'invalid' });
    }),
  );

  it(
    'replaces arrays whole, clears with null, and bumps updated_at every time',
    scenario(async (w) => {
      const { ghsa_id, updated_at } = await draft(w, 's', { cwe_ids: ['CWE-79', 'CWE-20'] });
      w.c.advance(60_000);
      const replaced = await patch(w, ghsa_id, {
        cwe_ids: ['CWE-22'],
        credits: [{ login: 'alice', type: 'finder' }],
      });
      expect(replaced.body.cwe_ids).toEqual(['CWE-22']);
      expect(replaced.body.updated_at).not.toBe(updated_at);
      const cleared = await patch(w, ghsa_id, { cwe_ids: null, credits: null, cve_id: 'CVE-2026-12345' });
      expect(cleared.body).toMatchObject({ cwe_ids: [], cwes: [], credits: [], credits_detailed: [] });
      expect(cleared.body.identifiers).toEqual([
        { type: 'GHSA', value: ghsa_id },
        { type: 'CVE', value: 'CVE-2026-12345' },
      ]);
      const noCve = await patch(w, ghsa_id, { cve_id: null });
      expect(noCve.body.cve_id).toBeNull();
      w.c.advance(60_000);
      const nothing = await patch(w, ghsa_id, {});
      expect(nothing.body.updated_at).toBe('2026-11-24T10:02:00Z');
    }),
  );

  it(
    'turns collaborator logins and team slugs into users and teams',
    scenario(async (w) => {
      const { ghsa_id } = await draft(w);
      const r = await patch(w, ghsa_id, { collaborating_users: ['alice'], collaborating_teams: ['psrt'] });
      expect(r.body.collaborating_users).toMatchObject([{ login: 'alice', type: 'User' }]);
      expect(r.body.collaborating_teams).toMatchObject([
        { slug: 'psrt', name: 'PSRT', parent: null, type: 'organization' },
      ]);
      const unknown = await patch(w, ghsa_id, { collaborating_teams: ['nobody'] });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors).toEqual([
        { resource: 'RepositoryAdvisory', field: 'collaborating_teams', code: 'invalid', value: 'nobody' },
      ]);
    }),
  );
});

describe('the advisory state machine', () => {
  it(
    'accepting a report makes a draft and marks the submission accepted',
    scenario(async (w) => {
      const { ghsa_id } = await report(w);
      const r = await patch(w, ghsa_id, { state: 'draft' });
      expect(r.body).toMatchObject({ state: 'draft', submission: { accepted: true } });
    }),
  );

  it(
    'the reporter may edit the report but not accept it',
    scenario(async (w) => {
      const { ghsa_id } = await report(w);
      const edit = await patch(w, ghsa_id, { summary: 'Better summary' }, w.tokens.alice);
      expect(edit.status).toBe(200);
      const accept = await patch(w, ghsa_id, { state: 'draft' }, w.tokens.alice);
      expect(accept.status).toBe(403);
    }),
  );

  it(
    'closing sets closed_at, reopening clears it, publishing fills published_at and publisher',
    scenario(async (w) => {
      const { ghsa_id } = await draft(w);
      w.c.advance(hour);
      const closed = await patch(w, ghsa_id, { state: 'closed' });
      expect(closed.body).toMatchObject({ state: 'closed', closed_at: at(1) });
      w.c.advance(hour);
      const reopened = await patch(w, ghsa_id, { state: 'draft' });
      expect(reopened.body).toMatchObject({ state: 'draft', closed_at: null });
      w.c.advance(hour);
      const published = await patch(w, ghsa_id, { state: 'published' });
      expect(published.body).toMatchObject({
        state: 'published',
        published_at: at(3),
        publisher: { login: 'ned' },
      });
    }),
  );

  it(
    'each timestamp tells when its own event happened, however long after the creation',
    scenario(async (w) => {
      const created = await report(w);
      expect(times(created)).toEqual({
        created_at: at(0),
        updated_at: at(0),
        published_at: null,
        closed_at: null,
        withdrawn_at: null,
      });
      const ghsa = created.ghsa_id;
      w.c.advance(hour);
      expect(times((await patch(w, ghsa, { state: 'draft' })).body)).toEqual({
        ...times(created),
        updated_at: at(1),
      });
      w.c.advance(hour);
      expect(times((await patch(w, ghsa, { summary: 'Edited' })).body)).toMatchObject({ updated_at: at(2) });
      w.c.advance(hour);
      expect(times((await patch(w, ghsa, { state: 'closed' })).body)).toEqual({
        ...times(created),
        updated_at: at(3),
        closed_at: at(3),
      });
      w.c.advance(hour);
      expect(times((await patch(w, ghsa, { state: 'draft' })).body)).toEqual({
        ...times(created),
        updated_at: at(4),
      });
      w.c.advance(hour);
      expect(times((await patch(w, ghsa, { state: 'published' })).body)).toEqual({
        ...times(created),
        updated_at: at(5),
        published_at: at(5),
      });
      w.c.advance(hour);
      w.c.withdrawAdvisory({ owner: 'python', repo: 'cpython', ghsaId: ghsa });
      const withdrawn = await w.call('GET', `/repos/python/cpython/security-advisories/${ghsa}`, {
        token: w.tokens.ned,
      });
      expect(withdrawn.body.state).toBe('withdrawn');
      expect(times(withdrawn.body)).toEqual({
        ...times(created),
        updated_at: at(6),
        published_at: at(5),
        withdrawn_at: at(6),
      });
      // The same times in the org-wide list as in the single advisory.
      const listed = await w.call('GET', '/orgs/python/security-advisories', { token: w.tokens.ned });
      expect(times(listed.body.find((a: { ghsa_id: string }) => a.ghsa_id === ghsa))).toEqual(
        times(withdrawn.body),
      );
    }),
  );

  it(
    'refuses transitions the machine does not have, with GitHub’s message',
    scenario(async (w) => {
      const { ghsa_id } = await draft(w);
      await patch(w, ghsa_id, { state: 'published' });
      for (const to of ['draft', 'closed']) {
        const r = await patch(w, ghsa_id, { state: to });
        expect(r.status).toBe(422);
        expect(r.body.message).toBe(`Invalid state transition from \`published\` to \`${to}\`.`);
      }
      const report1 = await report(w);
      const skip = await patch(w, report1.ghsa_id, { state: 'published' });
      expect(skip.body.message).toBe('Invalid state transition from `triage` to `published`.');
    }),
  );

  it(
    'publishing needs a severity and named packages',
    scenario(async (w) => {
      const { ghsa_id } = await draft(w, 'incomplete', {
        severity: null,
        vulnerabilities: [{ package: { ecosystem: 'pip' } }],
      });
      const r = await patch(w, ghsa_id, { state: 'published' });
      expect(r.status).toBe(422);
      expect(r.body.errors.map((e: { field: string }) => e.field)).toEqual(['severity', 'vulnerabilities']);
    }),
  );
});

describe('listing advisories', () => {
  it(
    'follows Link rel="next" cursors to the end, then back with rel="prev"',
    scenario(async (w) => {
      const made: string[] = [];
      for (let i = 0; i < 7; i++) {
        made.push((await draft(w, `advisory ${i}`)).ghsa_id);
        w.c.advance(1000);
      }
      const seen: string[] = [];
      let next: string | undefined = '/repos/python/cpython/security-advisories?per_page=3';
      let last: { headers: Headers } | undefined;
      while (next) {
        const page = await w.call('GET', next, { token: w.tokens.ned });
        expect(page.status).toBe(200);
        seen.push(...page.body.map((a: { ghsa_id: string }) => a.ghsa_id));
        next = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
        last = page;
      }
      expect(seen).toEqual([...made].reverse());
      const prev = /<([^>]+)>; rel="prev"/.exec(last?.headers.get('link') ?? '')?.[1];
      expect(prev).toContain('before=');
      const back = await w.call('GET', prev ?? '', { token: w.tokens.ned });
      expect(back.body.map((a: { ghsa_id: string }) => a.ghsa_id)).toEqual(seen.slice(3, 6));
    }),
  );

  it(
    'filters by state and sorts ascending on request',
    scenario(async (w) => {
      const a = await draft(w, 'first');
      w.c.advance(1000);
      const b = await report(w, 'second');
      const triage = await w.call('GET', '/repos/python/cpython/security-advisories?state=triage', {
        token: w.tokens.ned,
      });
      expect(triage.body.map((x: { ghsa_id: string }) => x.ghsa_id)).toEqual([b.ghsa_id]);
      const asc = await w.call(
        'GET',
        '/repos/python/cpython/security-advisories?direction=asc&sort=updated',
        {
          token: w.tokens.ned,
        },
      );
      expect(asc.body.map((x: { ghsa_id: string }) => x.ghsa_id)).toEqual([a.ghsa_id, b.ghsa_id]);
    }),
  );

  it(
    'refuses the page parameter and a per_page outside 1–100 with 400',
    scenario(async (w) => {
      const page = await w.call('GET', '/repos/python/cpython/security-advisories?page=2', {
        token: w.tokens.ned,
        invalid: 'page is not a parameter of this operation',
      });
      expect(page.status).toBe(400);
      expect(page.body.message).toBe("Pagination using the 'page' parameter is not supported");
      for (const perPage of ['0', '101', 'ten']) {
        const r = await w.call('GET', `/repos/python/cpython/security-advisories?per_page=${perPage}`, {
          token: w.tokens.ned,
          invalid: 'per_page out of range',
        });
        expect(r.status).toBe(400);
      }
      const bad = await w.call('GET', '/repos/python/cpython/security-advisories?after=not-a-cursor', {
        token: w.tokens.ned,
      });
      expect(bad.status).toBe(400);
    }),
  );
});

describe('requesting a CVE', () => {
  it(
    'answers 202 {} and fills cve_id after the configured delay, with no webhook',
    scenario(async (w) => {
      w.c.configure({ cveDelayMs: 3_600_000 });
      const { ghsa_id } = await draft(w);
      const r = await w.call('POST', `/repos/python/cpython/security-advisories/${ghsa_id}/cve`, {
        token: w.tokens.ned,
      });
      expect(r.status).toBe(202);
      expect(r.body).toEqual({});
      const again = await w.call('POST', `/repos/python/cpython/security-advisories/${ghsa_id}/cve`, {
        token: w.tokens.ned,
      });
      expect(again.status).toBe(422);
      const soon = await w.call('GET', `/repos/python/cpython/security-advisories/${ghsa_id}`, {
        token: w.tokens.ned,
      });
      expect(soon.body.cve_id).toBeNull();
      w.c.advance(3_600_000);
      const later = await w.call('GET', `/repos/python/cpython/security-advisories/${ghsa_id}`, {
        token: w.tokens.ned,
      });
      expect(later.body.cve_id).toMatch(/^CVE-2026-\d{5}$/);
      expect(times(later.body)).toEqual({ ...times(soon.body), updated_at: at(1) });
      expect(soon.body.updated_at).toBe(at(0));
      expect(w.c.deliveries()).toEqual([]);
    }),
  );

  it(
    'needs an admin: a collaborator who can see the advisory gets 403, a stranger 404',
    scenario(async (w) => {
      const { ghsa_id } = await report(w);
      await patch(w, ghsa_id, { state: 'draft' });
      const url = `/repos/python/cpython/security-advisories/${ghsa_id}/cve`;
      expect((await w.call('POST', url, { token: w.tokens.alice })).status).toBe(403);
      expect((await w.call('POST', url, { token: w.tokens.mallory })).status).toBe(404);
    }),
  );
});

describe('the temporary private fork', () => {
  it(
    'is created as {repo}-{ghsa id}, private, in the same owner, and appears as private_fork',
    scenario(async (w) => {
      const { ghsa_id } = await draft(w);
      const r = await w.call('POST', `/repos/python/cpython/security-advisories/${ghsa_id}/forks`, {
        token: w.tokens.ned,
      });
      expect(r.status).toBe(202);
      const name = `cpython-${ghsa_id.toLowerCase()}`;
      expect(r.body).toMatchObject({
        name,
        full_name: `python/${name}`,
        private: true,
        fork: true,
        owner: { login: 'python' },
      });
      expect(r.body.parent.full_name).toBe('python/cpython');
      const a = await w.call('GET', `/repos/python/cpython/security-advisories/${ghsa_id}`, {
        token: w.tokens.ned,
      });
      expect(a.body.private_fork).toMatchObject({ name, private: true });
      const second = await w.call('POST', `/repos/python/cpython/security-advisories/${ghsa_id}/forks`, {
        token: w.tokens.ned,
      });
      expect(second.status).toBe(422);
      const fork = await w.call('GET', `/repos/python/${name}`, { token: w.tokens.mallory });
      expect(fork.status).toBe(404);
    }),
  );

  it(
    'answers 404 until it is ready when GitHub takes its time',
    scenario(async (w) => {
      w.c.configure({ forkDelayMs: 120_000 });
      const { ghsa_id } = await draft(w, 'with fork', { start_private_fork: true });
      const name = `cpython-${ghsa_id.toLowerCase()}`;
      expect((await w.call('GET', `/repos/python/${name}`, { token: w.tokens.ned })).status).toBe(404);
      w.c.advance(120_000);
      expect((await w.call('GET', `/repos/python/${name}`, { token: w.tokens.ned })).status).toBe(200);
    }),
  );
});

describe('API versions', () => {
  it(
    'drops the deprecated cvss field in 2026-03-10',
    scenario(async (w) => {
      const { ghsa_id } = await draft(w);
      const r = await w.call('GET', `/repos/python/cpython/security-advisories/${ghsa_id}`, {
        token: w.tokens.ned,
        headers: { 'x-github-api-version': '2026-03-10' },
      });
      expect(r.body).not.toHaveProperty('cvss');
      expect(Object.keys(r.body)).toHaveLength(27);
      expect(r.headers.get('x-github-api-version-selected')).toBe('2026-03-10');
    }),
  );
});
