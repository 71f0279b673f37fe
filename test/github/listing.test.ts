// The bot polls every advisory of the organisation (GitHub sends no webhook
// for drafts or edits). It must read every page, and polling again when
// nothing changed must cost nothing against the rate limit.
import { beforeAll, describe, expect, it } from 'vitest';
import { repositoryOf } from '../../src/github/index.ts';
import { org, pythonWorld } from './support.ts';

const repos = ['cpython', 'pip', 'peps', 'devguide', 'docs'];

describe('listing every advisory of the organisation', () => {
  const world = pythonWorld({ repos });
  const created = new Set<string>();
  beforeAll(() => {
    for (let n = 0; n < 250; n += 1) {
      created.add(world.draft(repos[n % repos.length] ?? 'cpython', `Report ${n}`).ghsa_id);
    }
  });

  it('follows the Link cursors to the last page, without skipping or repeating a page', async () => {
    const client = world.client();
    const wireBefore = world.wire.length;
    const listed = await client.forInstallation(world.installationId).listOrgAdvisories(org);

    expect(listed).toHaveLength(250);
    expect(new Set(listed.map((advisory) => advisory.ghsa_id))).toEqual(created);
    const pages = world.wire
      .slice(wireBefore)
      .filter((request) => request.path.startsWith('/orgs/python/security-advisories'));
    expect(pages).toHaveLength(3);
    const cursors = pages.map((page) => new URL(page.path, 'http://x').searchParams.get('after'));
    expect(cursors[0]).toBeNull();
    expect(new Set(cursors).size).toBe(3);
    expect(pages.every((page) => page.path.includes('per_page=100'))).toBe(true);
  });

  it('lists one repository at a time too, each with its own 50', async () => {
    const installation = world.client().forInstallation(world.installationId);
    const perRepo = await Promise.all(repos.map((repo) => installation.listRepoAdvisories(org, repo)));
    expect(perRepo.map((list) => list.length)).toEqual([50, 50, 50, 50, 50]);
    expect(new Set(perRepo.flat().map((advisory) => advisory.ghsa_id))).toEqual(created);
  });

  it('filters by state', async () => {
    const installation = world.client().forInstallation(world.installationId);
    expect(await installation.listOrgAdvisories(org, { state: 'triage' })).toEqual([]);
    expect(await installation.listOrgAdvisories(org, { state: 'draft' })).toHaveLength(250);
  });

  it('polls again with ETags: every page answers 304 and nothing counts against the rate limit', async () => {
    const client = world.client();
    const installation = client.forInstallation(world.installationId);
    const first = await installation.listOrgAdvisories(org);
    const before = await installation.getRateLimit();
    const seenBefore = installation.rateLimitSeen();
    client.resetCounters();
    const wireBefore = world.wire.length;

    const second = await installation.listOrgAdvisories(org);

    expect(second).toEqual(first);
    expect(client.counters()).toMatchObject({ requests: 3, notModified: 3, countedAgainstLimit: 0 });
    expect(world.wire.slice(wireBefore).map((request) => request.status)).toEqual([304, 304, 304]);
    const after = await installation.getRateLimit();
    expect(after.resources.core.used).toBe(before.resources.core.used);
    expect(installation.rateLimitSeen()?.remaining).toBe(seenBefore?.remaining);
  });

  it('sees a changed advisory on the next poll and still revalidates the unchanged pages', async () => {
    const client = world.client();
    const installation = client.forInstallation(world.installationId);
    const [newest] = await installation.listOrgAdvisories(org);
    world.control.editAdvisory({
      as: 'sethmlarson',
      owner: org,
      repo: (newest ? repositoryOf(newest) : null)?.split('/')[1] ?? '',
      ghsaId: newest?.ghsa_id ?? '',
      changes: { summary: 'Report renamed' },
    });
    client.resetCounters();

    const listed = await installation.listOrgAdvisories(org);

    expect(listed.find((advisory) => advisory.ghsa_id === newest?.ghsa_id)?.summary).toBe('Report renamed');
    expect(client.counters()).toMatchObject({ requests: 3, notModified: 2, countedAgainstLimit: 1 });
  });

  it('stops instead of looping when a Link header leads back to a page already read', async () => {
    let secondPage: string | null = null;
    const client = world.client({
      fetch: async (request) => {
        const response = await world.sim.fetch(request);
        if (!request.url.includes('/security-advisories')) return response;
        // A broken cursor: "next" always points at the second page.
        secondPage ??= response.headers.get('link');
        const headers = new Headers(response.headers);
        headers.set('link', secondPage ?? '');
        return new Response(response.body, { status: response.status, headers });
      },
    });
    const attempt = client.forInstallation(world.installationId).listOrgAdvisories(org);
    await expect(attempt).rejects.toThrow(/led back to a page already read/);
  });
});
