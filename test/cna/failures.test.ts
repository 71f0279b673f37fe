import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CnaClient, type CnaError } from '../../src/cna/index.ts';
import { PSF_ADMIN } from './fixtures.ts';
import { idsOf, type SimWithClient, startPsfSim } from './harness.ts';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as CnaError,
  );

describe('credentials', () => {
  let psf: SimWithClient;
  beforeEach(async () => {
    psf = await startPsfSim();
  });
  afterEach(() => psf.server.close());

  it('a wrong API key is refused with what to check, and the key is not repeated', async () => {
    const error = await failure(psf.clientWith({ apiKey: 'an-old-key' }).getQuota());
    expect(error).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect(error?.message).toMatch(/check CVE_API_KEY and the user/i);
    expect(error?.message).not.toContain('an-old-key');
  });

  it('an unknown user or org is refused the same way', async () => {
    await expect(psf.clientWith({ user: 'nobody@python.org' }).getQuota()).rejects.toMatchObject({
      status: 401,
      code: 'UNAUTHORIZED',
    });
    await expect(psf.clientWith({ org: 'PYPA' }).listCveIds()).rejects.toMatchObject({ status: 401 });
  });

  it('a deactivated user is refused', async () => {
    psf.sim.control.seedUser('PSF', { ...PSF_ADMIN, active: false });
    await expect(psf.client.reserveCveIds({ amount: 1, year: 2025 })).rejects.toMatchObject({ status: 401 });
  });

  it('an empty API key never leaves psrt unnoticed: the service asks for the header', async () => {
    const error = await failure(psf.clientWith({ apiKey: '' }).getQuota());
    expect(error).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      serviceMessage: 'CVE-API-KEY header field required.',
    });
    expect(error?.message).toMatch(/Set CVE_API_ORG, CVE_API_USER and CVE_API_KEY/);
  });
});

describe('when CVE Services fails', () => {
  let psf: SimWithClient;
  beforeEach(async () => {
    psf = await startPsfSim();
  });
  afterEach(() => psf.server.close());

  it('a 503 on a GET is retried and the answer arrives', async () => {
    const [cveId = ''] = idsOf(await psf.client.reserveCveIds({ amount: 1, year: 2025 }));
    psf.sim.control.injectFault({ method: 'GET', path: '/cve-id/{id}', status: 503, times: 2 });
    expect(await psf.client.getCveId(cveId)).toMatchObject({ state: 'RESERVED' });
    const statuses = psf.sim.control
      .requests()
      .filter((r) => r.path.startsWith('/api/cve-id/'))
      .map((r) => r.status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('a GET that keeps failing gives up after the retries and says the service is unavailable', async () => {
    psf.sim.control.injectFault({ path: '/org/*', status: 502, times: 'always' });
    const error = await failure(psf.client.getQuota());
    expect(error).toMatchObject({ status: 502, code: 'SERVICE_NOT_AVAILABLE' });
    expect(error?.message).toMatch(/answered 502 without its error body\. .*not available; try again later/);
    expect(psf.sim.control.requests()).toHaveLength(4);
  });

  it('a 429 on a GET waits as long as Retry-After asks, up to the cap', async () => {
    const [cveId = ''] = idsOf(await psf.client.reserveCveIds({ amount: 1, year: 2025 }));
    psf.sim.control.injectFault({ path: '/cve-id/{id}', status: 429, retryAfterSeconds: 60 });
    const waits: number[] = [];
    const client = psf.clientWith({ sleep: async (ms) => void waits.push(ms) });
    await expect(client.getCveId(cveId)).resolves.toMatchObject({ state: 'RESERVED' });
    expect(waits).toEqual([50]);
  });

  it('a 429 without Retry-After waits for the rate limit window to reset (RateLimit-Reset)', async () => {
    const [cveId = ''] = idsOf(await psf.client.reserveCveIds({ amount: 1, year: 2025 }));
    psf.sim.control.injectFault({ path: '/cve/{id}', status: 429, retryAfterSeconds: 2 });
    const waits: number[] = [];
    const resets: (string | null)[] = [];
    const withoutRetryAfter = async (input: string | URL | Request, init?: RequestInit) => {
      const response = await psf.recorder.fetch(input, init);
      const headers = new Headers(response.headers);
      headers.delete('retry-after');
      resets.push(headers.get('ratelimit-reset'));
      return new Response(response.body, { status: response.status, headers });
    };
    const client = psf.clientWith({ fetch: withoutRetryAfter, sleep: async (ms) => void waits.push(ms) });
    await expect(client.getRecord(cveId)).rejects.toMatchObject({ status: 404, code: 'CVE_RECORD_DNE' });
    expect(resets).toEqual(['2', null]);
    expect(waits).toEqual([50]);
  });

  it('a 503 on a reservation is surfaced, not retried, with advice to look before reserving again', async () => {
    psf.sim.control.injectFault({ method: 'POST', path: '/cve-id', status: 503 });
    const error = await failure(psf.client.reserveCveIds({ amount: 2, year: 2025, batchType: 'sequential' }));
    expect(error).toMatchObject({ status: 503, code: 'SERVICE_NOT_AVAILABLE' });
    expect(error?.message).toMatch(
      /may have been reserved all the same: list the RESERVED IDs reserved since/,
    );
    expect(psf.sim.control.requests().filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('why: a reservation whose answer was lost did reserve the IDs', async () => {
    psf.sim.control.injectFault({ method: 'POST', path: '/cve-id', status: 504, when: 'after' });
    await failure(psf.client.reserveCveIds({ amount: 2, year: 2025, batchType: 'sequential' }));
    expect(await psf.client.listCveIds({ state: 'RESERVED' })).toHaveLength(2);
    expect(await psf.client.getQuota()).toMatchObject({ total_reserved: 2 });
  });

  it('a reservation that times out is surfaced the same way', async () => {
    psf.sim.control.injectFault({ method: 'POST', path: '/cve-id', latencyMs: 300 });
    const error = await failure(psf.clientWith({ timeoutMs: 50 }).reserveCveIds({ amount: 1, year: 2025 }));
    expect(error).toMatchObject({ status: null, code: 'TIMEOUT' });
    expect(error?.message).toMatch(/may have been reserved all the same/);
  });

  it('slow answers within the timeout are simply waited for', async () => {
    psf.sim.control.injectFault({ path: '/org/*', latencyMs: 100 });
    await expect(psf.client.getQuota()).resolves.toMatchObject({ available: 20 });
  });

  it('an unreachable service is reported with the base URL to check', async () => {
    await psf.server.close();
    const client = new CnaClient({
      baseUrl: psf.server.apiUrl,
      org: 'PSF',
      user: PSF_ADMIN.username,
      apiKey: PSF_ADMIN.apiKey,
      retry: { retries: 1, baseDelayMs: 1 },
    });
    const error = await failure(client.getQuota());
    expect(error).toMatchObject({ status: null, code: 'NETWORK_ERROR' });
    expect(error?.message).toContain(`could not reach CVE Services at ${psf.server.apiUrl}`);
    psf = await startPsfSim(); // for afterEach
  });

  it('a base URL without /api finds no such route, and says so', async () => {
    const error = await failure(psf.clientWith({ baseUrl: psf.server.url }).getQuota());
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(error?.message).toMatch(/should end in \/api/);
  });
});
