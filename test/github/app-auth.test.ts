// The psrt App signs in as itself (JWT) to find its installations, then acts
// as each installation with a token that it renews before GitHub refuses it,
// or right after GitHub refuses it, without the caller ever seeing a failure.
import { describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/github/index.ts';
import { org, pythonWorld } from './support.ts';

describe('signing in as the psrt GitHub App', () => {
  const world = pythonWorld();

  it('lists the installations of the App and the repositories one installation covers', async () => {
    const client = world.client();

    const installations = await client.listInstallations();
    expect(installations.map((installation) => installation.id)).toEqual([world.installationId]);
    expect(installations[0]?.account).toMatchObject({ login: org });

    const repositories = await client.forInstallation(world.installationId).listInstallationRepositories();
    expect(repositories.map((repository) => repository.full_name)).toEqual(['python/cpython', 'python/pip']);
  });

  it('works over real HTTP against a base URL, as against api.github.com', async () => {
    const server = await world.sim.listen(0);
    try {
      const client = createGitHubClient({
        appId: world.app.appId,
        privateKey: world.app.privateKey,
        baseUrl: server.url,
      });
      const [installation] = await client.listInstallations();
      const repositories = await client.forInstallation(installation?.id ?? 0).listInstallationRepositories();
      expect(repositories.map((repository) => repository.full_name)).toEqual([
        'python/cpython',
        'python/pip',
      ]);
    } finally {
      await server.close();
    }
  });

  it('also accepts the App client id as the JWT issuer', async () => {
    const client = world.client({ appId: world.app.clientId });
    expect(await client.listInstallations()).toHaveLength(1);
  });

  it('asks GitHub for one token per installation even when many calls start at once', async () => {
    const installation = world.client().forInstallation(world.installationId);
    const wireBefore = world.wire.length;
    await Promise.all([
      installation.listInstallationRepositories(),
      installation.listRepoAdvisories(org, 'cpython'),
      installation.listRepoAdvisories(org, 'pip'),
    ]);
    const tokenRequests = world.wire
      .slice(wireBefore)
      .filter((request) => request.path.endsWith('/access_tokens'));
    expect(tokenRequests).toHaveLength(1);
  });
});

describe('renewing installation tokens', () => {
  const world = pythonWorld();
  world.draft('cpython');
  const advisoryCalls = (since: number) =>
    world.wire.slice(since).filter((request) => request.path.startsWith('/orgs/python/security-advisories'));
  const tokensIssued = (since: number) =>
    world.wire
      .slice(since)
      .filter((request) => request.path.endsWith('/access_tokens') && request.status === 201);

  it('gets a fresh token and retries once when GitHub refuses the current one', async () => {
    const installation = world.client().forInstallation(world.installationId);
    await installation.listInstallationRepositories();
    const since = world.wire.length;
    world.control.injectFault({
      kind: 'token-expiry',
      match: { method: 'GET', path: '/orgs/python/security-advisories' },
      times: 1,
    });

    expect(await installation.listOrgAdvisories(org)).toHaveLength(1);

    const [refused, retried] = advisoryCalls(since);
    expect([refused?.status, retried?.status]).toEqual([401, 200]);
    expect(retried?.credential).not.toBe(refused?.credential);
    expect(tokensIssued(since)).toHaveLength(1);
    expect(world.log.lines.some((line) => /renewed/.test(line.message))).toBe(true);
  });

  it('keeps working an hour later: the expiring token is replaced before GitHub would refuse it', async () => {
    const installation = world.client().forInstallation(world.installationId);
    const since = world.wire.length;
    expect(await installation.listOrgAdvisories(org)).toHaveLength(1);

    world.control.advance(61 * 60_000);
    expect(await installation.listOrgAdvisories(org)).toHaveLength(1);

    const [before, after] = advisoryCalls(since);
    expect([before?.status, after?.status]).toEqual([200, 200]);
    expect(after?.credential).not.toBe(before?.credential);
    expect(tokensIssued(since)).toHaveLength(2);
  });
});
