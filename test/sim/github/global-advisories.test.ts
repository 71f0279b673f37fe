import { describe, expect, it } from 'vitest';
import { draft, expectConformant, type World, world } from './support.ts';

const minute = 60_000;

/** A draft by ned, published a minute after whatever came before, and (by default) reviewed. */
async function published(
  w: World,
  summary: string,
  extra: Record<string, unknown> = {},
  options: { review?: boolean } = {},
): Promise<string> {
  w.c.advance(minute);
  const { ghsa_id } = await draft(w, summary, extra);
  const r = await w.call('PATCH', `/repos/python/cpython/security-advisories/${ghsa_id}`, {
    token: w.tokens.ned,
    body: { state: 'published' },
  });
  expect(r.status).toBe(200);
  if (options.review !== false) w.c.reviewAdvisory({ owner: 'python', repo: 'cpython', ghsaId: ghsa_id });
  return ghsa_id;
}

const ids = (body: { ghsa_id: string }[]) => body.map((a) => a.ghsa_id);

describe('the GitHub Advisory Database (GET /advisories)', () => {
  it('a published advisory is in the Advisory Database only once GitHub has reviewed it', async () => {
    const w = world();
    const { ghsa_id: unpublished } = await draft(w, 'Still a draft');
    expect(() => w.c.reviewAdvisory({ owner: 'python', repo: 'cpython', ghsaId: unpublished })).toThrow(
      /Only published advisories/,
    );
    const ghsa = await published(w, 'Heap overflow in _decimal', {}, { review: false });
    expect((await w.call('GET', `/advisories/${ghsa}`)).status).toBe(404);
    expect((await w.call('GET', '/advisories')).body).toEqual([]);

    w.c.advance(minute);
    w.c.reviewAdvisory({ owner: 'python', repo: 'cpython', ghsaId: ghsa });
    const r = await w.call('GET', `/advisories/${ghsa.toLowerCase()}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      ghsa_id: ghsa,
      type: 'reviewed',
      summary: 'Heap overflow in _decimal',
      severity: 'high',
      url: `http://sim.test/advisories/${ghsa}`,
      html_url: `https://github.com/advisories/${ghsa}`,
      repository_advisory_url: `http://sim.test/repos/python/cpython/security-advisories/${ghsa}`,
      source_code_location: 'https://github.com/python/cpython',
      published_at: '2026-11-24T10:01:00Z',
      github_reviewed_at: '2026-11-24T10:02:00Z',
      updated_at: '2026-11-24T10:02:00Z',
      withdrawn_at: null,
      nvd_published_at: null,
    });
    expect(r.body.references).toContain(`https://github.com/python/cpython/security/advisories/${ghsa}`);
    expectConformant(w);
  });

  it('the entry carries the CVE, the packages with their first patched version, CWEs and accepted credits only', async () => {
    const w = world();
    const ghsa = await published(w, 'Tarfile path traversal', {
      cve_id: 'CVE-2026-40001',
      cwe_ids: ['CWE-22'],
      cvss_vector_string: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      severity: undefined,
      credits: [
        { login: 'ned', type: 'remediation_developer' },
        { login: 'alice', type: 'finder' },
      ],
      vulnerabilities: [
        {
          package: { ecosystem: 'pip', name: 'cpython' },
          vulnerable_version_range: '>= 3.12, < 3.12.8',
          patched_versions: '>= 3.12.8',
          vulnerable_functions: ['tarfile.TarFile.extractall'],
        },
        { package: { ecosystem: 'pip', name: 'cpython' } },
      ],
    });
    const { body } = await w.call('GET', `/advisories/${ghsa}`);
    expect(body).toMatchObject({
      cve_id: 'CVE-2026-40001',
      severity: 'critical',
      identifiers: [
        { type: 'GHSA', value: ghsa },
        { type: 'CVE', value: 'CVE-2026-40001' },
      ],
      vulnerabilities: [
        {
          package: { ecosystem: 'pip', name: 'cpython' },
          vulnerable_version_range: '>= 3.12, < 3.12.8',
          first_patched_version: '3.12.8',
          vulnerable_functions: ['tarfile.TarFile.extractall'],
        },
        { vulnerable_version_range: '>= 0', first_patched_version: null, vulnerable_functions: [] },
      ],
      cvss: { vector_string: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 9.8 },
      cvss_severities: { cvss_v4: { vector_string: null, score: null } },
      cwes: [{ cwe_id: 'CWE-22' }],
    });
    expect(body.references).toContain('https://nvd.nist.gov/vuln/detail/CVE-2026-40001');
    // alice has not accepted her credit yet: only ned's own shows.
    expect(body.credits.map((c: { user: { login: string } }) => c.user.login)).toEqual(['ned']);
    const v2026 = await w.call('GET', `/advisories/${ghsa}`, {
      headers: { 'x-github-api-version': '2026-03-10' },
    });
    expect(v2026.body).not.toHaveProperty('cvss');
    expectConformant(w);
  });

  it('anyone may list reviewed advisories without a token, newest publication first, at the anonymous rate limit', async () => {
    const w = world();
    const first = await published(w, 'first');
    const second = await published(w, 'second');
    await published(w, 'published, not reviewed', {}, { review: false });
    const r = await w.call('GET', '/advisories');
    expect(r.status).toBe(200);
    expect(ids(r.body)).toEqual([second, first]);
    expect(r.headers.get('x-ratelimit-limit')).toBe('60');
    expect(r.headers.get('x-ratelimit-used')).toBe('1');
    const asc = await w.call('GET', '/advisories?sort=published&direction=asc', { token: w.tokens.alice });
    expect(ids(asc.body)).toEqual([first, second]);
    expectConformant(w);
  });

  it('filters by GHSA id, CVE id, ecosystem, affected package and version, severity, CWE and type', async () => {
    const w = world();
    const decimal = await published(w, 'decimal', {
      cve_id: 'CVE-2026-40002',
      cwe_ids: ['CWE-122'],
      vulnerabilities: [
        {
          package: { ecosystem: 'pip', name: 'cpython' },
          vulnerable_version_range: '< 3.13.1',
          patched_versions: '3.13.1',
        },
      ],
    });
    const pipTool = await published(w, 'pip', {
      severity: 'medium',
      vulnerabilities: [{ package: { ecosystem: 'pip', name: 'pip' }, vulnerable_version_range: '<= 24.0' }],
    });
    const npmTool = await published(w, 'docs theme', {
      severity: 'low',
      vulnerabilities: [{ package: { ecosystem: 'npm', name: '@python/docs-theme' } }],
    });
    const list = async (query: string) => ids((await w.call('GET', `/advisories?${query}`)).body);
    expect(await list(`ghsa_id=${decimal.toLowerCase()}`)).toEqual([decimal]);
    expect(await list('cve_id=CVE-2026-40002')).toEqual([decimal]);
    expect(await list('ecosystem=npm')).toEqual([npmTool]);
    expect(await list('ecosystem=pip')).toEqual([pipTool, decimal]);
    expect(await list('affects=cpython@3.13.0')).toEqual([decimal]);
    expect(await list('affects=cpython@3.13.1')).toEqual([]);
    expect(await list('affects=pip@23.3.2,@python/docs-theme')).toEqual([npmTool, pipTool]);
    expect(await list('severity=medium')).toEqual([pipTool]);
    expect(await list('cwes=122,79')).toEqual([decimal]);
    expect(await list('type=reviewed&ecosystem=npm')).toEqual([npmTool]);
    expect(await list('type=malware')).toEqual([]);
    expect(await list('published=>=2026-11-24&sort=updated&direction=asc')).toEqual([
      decimal,
      pipTool,
      npmTool,
    ]);
    expect(await list('published=<2026-11-24')).toEqual([]);
    expectConformant(w);
  });

  it('pages with the after and before cursors of the Link header', async () => {
    const w = world();
    const made: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) made.push(await published(w, `advisory ${n}`));
    const newestFirst = [...made].reverse();
    const first = await w.call('GET', '/advisories?per_page=2');
    expect(ids(first.body)).toEqual(newestFirst.slice(0, 2));
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toContain('after=');
    const second = await w.call('GET', next as string);
    expect(ids(second.body)).toEqual(newestFirst.slice(2, 4));
    const prev = /<([^>]+)>; rel="prev"/.exec(second.headers.get('link') ?? '')?.[1];
    expect(prev).toContain('before=');
    expect(ids((await w.call('GET', prev as string)).body)).toEqual(newestFirst.slice(0, 2));
    expectConformant(w);
  });

  it('a second review brings later edits in and moves updated_at; published_at and github_reviewed_at stay', async () => {
    const w = world();
    const ghsa = await published(w, 'Before the edit');
    const path = `/repos/python/cpython/security-advisories/${ghsa}`;
    await w.call('PATCH', path, { token: w.tokens.ned, body: { summary: 'After the edit' } });
    expect((await w.call('GET', `/advisories/${ghsa}`)).body.summary).toBe('Before the edit');
    w.c.advance(5 * minute);
    w.c.reviewAdvisory({ owner: 'python', repo: 'cpython', ghsaId: ghsa });
    const { body } = await w.call('GET', `/advisories/${ghsa}`);
    expect(body).toMatchObject({
      summary: 'After the edit',
      published_at: '2026-11-24T10:01:00Z',
      github_reviewed_at: '2026-11-24T10:01:00Z',
      updated_at: '2026-11-24T10:06:00Z',
    });
    expect((await w.call('GET', '/advisories?sort=updated')).body).toHaveLength(1);
    expectConformant(w);
  });

  it('withdrawal keeps the entry with withdrawn_at, which is_withdrawn filters on', async () => {
    const w = world();
    const kept = await published(w, 'kept');
    const withdrawn = await published(w, 'withdrawn');
    w.c.advance(minute);
    w.c.withdrawAdvisory({ owner: 'python', repo: 'cpython', ghsaId: withdrawn });
    const { body } = await w.call('GET', `/advisories/${withdrawn}`);
    expect(body).toMatchObject({ withdrawn_at: '2026-11-24T10:03:00Z', updated_at: '2026-11-24T10:03:00Z' });
    expect(ids((await w.call('GET', '/advisories')).body)).toEqual([withdrawn, kept]);
    expect(ids((await w.call('GET', '/advisories?is_withdrawn=true')).body)).toEqual([withdrawn]);
    expect(ids((await w.call('GET', '/advisories?is_withdrawn=false')).body)).toEqual([kept]);
    expect(() => w.c.reviewAdvisory({ owner: 'python', repo: 'cpython', ghsaId: withdrawn })).toThrow(
      /`withdrawn`/,
    );
    expectConformant(w);
  });

  it('answers 404 for a GHSA id the Advisory Database does not have', async () => {
    const w = world();
    await published(w, 'reviewed');
    const r = await w.call('GET', '/advisories/GHSA-2222-3333-4444', { token: w.tokens.ned });
    expect(r.status).toBe(404);
    expect(r.body.message).toBe('Not Found');
    expectConformant(w);
  });

  it('answers 422 with the simple validation error for values it cannot read', async () => {
    const w = world();
    const refused = async (query: string, invalid?: string) => {
      const r = await w.call('GET', `/advisories?${query}`, invalid ? { invalid } : {});
      expect(r.status, query).toBe(422);
      expect(r.body.message).toBe('Validation Failed');
      expect(r.body.errors).toEqual([expect.any(String)]);
      return r.body.errors[0] as string;
    };
    expect(await refused('ecosystem=cobol', 'not an ecosystem')).toContain('ecosystem');
    expect(await refused('type=everything', 'not a type')).toContain('type');
    expect(await refused('sort=stars', 'not a sort field')).toContain('sort');
    expect(await refused('direction=sideways', 'not a direction')).toContain('direction');
    expect(await refused('is_withdrawn=maybe', 'not a boolean')).toContain('is_withdrawn');
    expect(await refused('per_page=101', 'above the maximum')).toContain('per_page');
    expect(await refused('after=not-a-cursor')).toContain('cursor');
    expect(await refused('published=last-week')).toContain('published');
    expectConformant(w);
  });
});
