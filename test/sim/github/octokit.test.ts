// The real client against the real server: Octokit's App class signs JWTs, lists installations,
// mints installation tokens and follows Link headers, exactly as it would against api.github.com.
// Everything Octokit sends and gets is checked against GitHub's description after each test.
import { App, Octokit } from 'octokit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { githubConformance } from '../../../sim/conformance/descriptions.ts';
import { assertConformant, recordExchanges } from '../../../sim/conformance/record.ts';
import { createGitHubSim, type GitHubSim } from '../../../sim/github/index.ts';

const overHttp = recordExchanges(globalThis.fetch);
afterEach(() => {
  try {
    assertConformant(overHttp.exchanges, githubConformance());
  } finally {
    overHttp.clear();
  }
});

let sim: GitHubSim;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  sim = createGitHubSim();
  server = await sim.listen(0);
  const c = sim.control;
  c.addOrg({ login: 'python', owners: ['ned'] });
  c.addRepo({ owner: 'python', name: 'cpython', files: { '.github/CODEOWNERS': '* @python/psrt\n' } });
  c.addRepo({ owner: 'python', name: 'pip' });
  c.addTeam({ org: 'python', slug: 'psrt', members: ['seth'] });
  c.addUser({ login: 'alice' });
  for (let i = 0; i < 5; i++) {
    c.reportVulnerability({
      as: 'alice',
      owner: 'python',
      repo: 'cpython',
      advisory: { summary: `report ${i}`, description: 'details' },
    });
  }
});

afterAll(async () => {
  await server.close();
});

function psrtApp() {
  // No key given: the simulator generates a 2048-bit RSA key, as GitHub's settings page does.
  const created = sim.control.createApp({
    name: 'psrt-bot',
    permissions: { repository_advisories: 'write', members: 'read', contents: 'read' },
    events: ['repository_advisory'],
    installations: [{ account: 'python', repositories: 'all' }],
  });
  const app = new App({
    appId: created.appId,
    privateKey: created.privateKey,
    Octokit: Octokit.defaults({ baseUrl: server.url, request: { fetch: overHttp.fetch } }),
  });
  return { created, app };
}

describe('Octokit’s App class against the simulator', () => {
  it('lists installations, gets an installation client and paginates advisories to the end', async () => {
    const { created, app } = psrtApp();
    const { data: me } = await app.octokit.request('GET /app');
    expect(me?.id).toBe(created.appId);
    const seen: number[] = [];
    for await (const { installation } of app.eachInstallation.iterator()) seen.push(installation.id);
    expect(seen).toEqual(created.installations.map((i) => i.id));
    const octokit = await app.getInstallationOctokit(seen[0] ?? 0);
    const advisories = await octokit.paginate('GET /repos/{owner}/{repo}/security-advisories', {
      owner: 'python',
      repo: 'cpython',
      per_page: 2,
    });
    expect(advisories.map((a) => a.summary).sort()).toEqual([
      'report 0',
      'report 1',
      'report 2',
      'report 3',
      'report 4',
    ]);
    const repos = await octokit.paginate('GET /installation/repositories', { per_page: 1 });
    expect(repos.map((r) => r.full_name)).toEqual(['python/cpython', 'python/pip']);
    const first = advisories[0];
    if (!first) throw new Error('no advisories');
    const { data: updated } = await octokit.rest.securityAdvisories.updateRepositoryAdvisory({
      owner: 'python',
      repo: 'cpython',
      ghsa_id: first.ghsa_id,
      state: 'draft',
      collaborating_teams: ['psrt'],
    });
    expect(updated.collaborating_teams?.map((t) => t.slug)).toEqual(['psrt']);
    const { data: raw } = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
      owner: 'python',
      repo: 'cpython',
      path: '.github/CODEOWNERS',
      mediaType: { format: 'raw' },
    });
    expect(raw).toBe('* @python/psrt\n');
  });

  it('recovers from clock skew by reading the Date header, as Octokit does with GitHub', async () => {
    const { created, app } = psrtApp();
    // The simulator runs ten minutes behind this machine: the JWT's iat looks like the future.
    sim.control.advance(-10 * 60_000);
    try {
      const octokit = await app.getInstallationOctokit(created.installations[0]?.id ?? 0);
      const { data } = await octokit.request('GET /repos/{owner}/{repo}/security-advisories', {
        owner: 'python',
        repo: 'cpython',
      });
      expect(data.length).toBeGreaterThan(0);
    } finally {
      sim.control.advance(10 * 60_000);
    }
  });

  it('works in-process too, with the simulator as Octokit’s fetch', async () => {
    const inProcess = recordExchanges(sim.fetch);
    const octokit = new Octokit({
      baseUrl: 'http://github.sim',
      auth: sim.control.userToken('ned'),
      request: { fetch: inProcess.fetch },
    });
    const advisories = await octokit.paginate('GET /orgs/{org}/security-advisories', {
      org: 'python',
      per_page: 3,
    });
    expect(advisories).toHaveLength(5);
    assertConformant(inProcess.exchanges, githubConformance());
  });

  it('a 401 from an expired token surfaces to the caller as an HttpError', async () => {
    const octokit = new Octokit({
      baseUrl: server.url,
      auth: 'ghs_expiredexpiredexpiredexpiredexpired',
      request: { fetch: overHttp.fetch },
    });
    await expect(
      octokit.request('GET /repos/{owner}/{repo}', { owner: 'python', repo: 'cpython' }),
    ).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining('Bad credentials'),
    });
  });
});
