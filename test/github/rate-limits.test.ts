// When GitHub says "slow down" the client waits as long as GitHub asks (by
// retry-after or until x-ratelimit-reset) and carries on; when the wait
// would be too long it fails at once and says when to try again. Server
// errors are retried with backoff. Waits here advance the simulator's clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubError } from '../../src/github/index.ts';
import { org, pythonWorld } from './support.ts';

const advisoriesPath = '/orgs/python/security-advisories';

describe('secondary rate limits and server errors', () => {
  const world = pythonWorld();
  world.draft('cpython');
  let wireBefore = 0;
  beforeEach(() => {
    wireBefore = world.wire.length;
    world.waits.length = 0;
  });
  afterEach(() => world.control.clearFaults());
  const advisoryStatuses = () =>
    world.wire
      .slice(wireBefore)
      .filter((request) => request.path.startsWith(advisoriesPath))
      .map((request) => request.status);

  it('waits out a secondary rate limit for the retry-after GitHub sends, then retries', async () => {
    const client = world.client();
    world.control.injectFault({
      kind: 'secondary-rate-limit',
      match: { method: 'GET', path: advisoriesPath },
      retryAfter: 30,
      times: 2,
    });

    expect(await client.forInstallation(world.installationId).listOrgAdvisories(org)).toHaveLength(1);

    expect(world.waits).toEqual([30_000, 30_000]);
    expect(client.counters()).toMatchObject({ rateLimitWaits: 2, rateLimitWaitedMs: 60_000 });
    expect(advisoryStatuses()).toEqual([403, 403, 200]);
  });

  it('gives up after the configured number of rate-limit retries', async () => {
    const client = world.client({ rateLimit: { maxRetries: 2 } });
    world.control.injectFault({
      kind: 'secondary-rate-limit',
      match: { path: advisoriesPath },
      retryAfter: 5,
    });

    const error = await client
      .forInstallation(world.installationId)
      .listOrgAdvisories(org)
      .catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ kind: 'rate-limited', status: 403 });
    expect((error as GitHubError).message).toMatch(/secondary rate limit/);
    expect(world.waits).toEqual([5000, 5000]);
    expect(advisoryStatuses()).toEqual([403, 403, 403]);
  });

  it('retries server errors with backoff and returns the answer', async () => {
    world.control.injectFault({ kind: 'status', status: 502, match: { path: advisoriesPath }, times: 2 });
    const client = world.client();

    expect(await client.forInstallation(world.installationId).listOrgAdvisories(org)).toHaveLength(1);
    expect(advisoryStatuses()).toEqual([502, 502, 200]);
  });

  it('reports a server error that outlasts the retries', async () => {
    world.control.injectFault({ kind: 'status', status: 503, match: { path: advisoriesPath } });
    const client = world.client({ serverErrors: { retries: 2, backoffMs: 1 } });

    const error = await client
      .forInstallation(world.installationId)
      .listOrgAdvisories(org)
      .catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ kind: 'server-error', status: 503 });
    expect(advisoryStatuses()).toEqual([503, 503, 503]);
  });
});

describe('the primary rate limit', () => {
  it('waits until the limit resets when the installation has used it up, then finishes the listing', async () => {
    const world = pythonWorld();
    for (let n = 0; n < 150; n += 1) world.draft(n % 2 ? 'cpython' : 'pip', `Report ${n}`);
    world.control.configure({ rateLimits: { user: 5000, installation: 1, app: 5000, anonymous: 60 } });
    const client = world.client({ rateLimit: { maxWaitMs: 2 * 60 * 60_000 } });
    const start = world.control.now();

    const listed = await client.forInstallation(world.installationId).listOrgAdvisories(org);

    expect(listed).toHaveLength(150);
    expect(world.waits).toHaveLength(1);
    // The installation's hour started with its first request; the wait ends one second past the reset.
    expect(world.waits[0]).toBeGreaterThan(59 * 60_000);
    expect(world.waits[0]).toBeLessThanOrEqual(60 * 60_000 + 1000);
    expect(world.control.now().getTime() - start.getTime()).toBeGreaterThanOrEqual(world.waits[0] ?? 0);
    const pages = world.wire.filter((request) => request.path.startsWith(advisoriesPath));
    expect(pages.map((request) => request.status)).toEqual([200, 403, 200]);
  });

  it('fails at once, saying when the limit resets, when that is further away than it may wait', async () => {
    const world = pythonWorld();
    world.control.configure({ rateLimits: { user: 5000, installation: 0, app: 5000, anonymous: 60 } });
    const client = world.client({ rateLimit: { maxWaitMs: 5 * 60_000 } });

    const error = await client
      .forInstallation(world.installationId)
      .listOrgAdvisories(org)
      .catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(GitHubError);
    const { kind, status, retryAt, message } = error as GitHubError;
    expect({ kind, status }).toEqual({ kind: 'rate-limited', status: 403 });
    expect(retryAt?.getTime()).toBeGreaterThan(world.control.now().getTime() + 5 * 60_000);
    expect(message).toContain(retryAt?.toISOString());
    expect(message).toMatch(/rate limit/);
    expect(world.waits).toEqual([]);
  });
});
