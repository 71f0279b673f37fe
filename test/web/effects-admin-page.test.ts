// The Effects page's admin work, through `app.request()` as a browser's: the
// webhook deliveries GitHub sent that failed (with their error and a Retry
// button), and the CVE IDs reserved for the PSF that no report holds (with a
// Reject form), against the CVE Services simulator. Members only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CveSim, createCveSim, demoPsf } from '../../sim/cve-services/index.ts';
import { processDueDeliveries } from '../../src/app/bot/deliveries.ts';
import { receiveDelivery } from '../../src/app/bot/delivery-intake.ts';
import { type AppContext, botPrincipal } from '../../src/app/context.ts';
import { importRoster } from '../../src/app/roster.ts';
import { serviceClients } from '../../src/app/service-clients.ts';
import { createLogger } from '../../src/config/logger.ts';
import { listAudit, openStore, type Store } from '../../src/store/index.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { devguideRoster, TestClock } from '../app/support.ts';
import { signIn, testGitHubSignIn } from '../support/sign-in.ts';
import { page } from './pages-world.ts';

const clock = new TestClock(new Date('2026-03-10T09:00:00.000Z'));
let store: Store;
let ctx: AppContext;
let cve: CveSim;
let app: ReturnType<typeof createWebApp>;

beforeAll(async () => {
  store = await openStore({ memory: true });
  await store.migrate();
  ctx = { store, now: clock.now, log: createLogger('silent') };
  await importRoster(ctx, botPrincipal, devguideRoster());
  cve = createCveSim({ orgs: [demoPsf], now: clock.now });
  const user = demoPsf.users?.[0];
  const { cna } = serviceClients(
    {
      cna: {
        apiUrl: 'http://cve.sim/api',
        org: demoPsf.shortName,
        user: user?.username ?? '',
        apiKey: user?.apiKey ?? '',
        fetch: (input, init) => cve.fetch(new Request(input, init)),
        retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 },
      },
    },
    { log: ctx.log, now: clock.now },
  );
  app = createWebApp({
    ctx,
    sandbox: false,
    sessionSecret: 'test-session-secret-0123456789abcdef',
    gitHubSignIn: testGitHubSignIn(),
    services: { github: null, cna, cnaOperators: ['sethmlarson'] },
  });
});
afterAll(async () => {
  await store?.close();
});

describe('webhook deliveries on the Effects page', () => {
  it('a failed delivery is listed with its error, never its payload; Retry puts it back in the queue', async () => {
    const payload = { action: 'reported', repository_advisory: { summary: 'EMBARGOED summary zq1' } };
    await receiveDelivery(ctx, {
      guid: 'a1b2c3d4-0000-4000-8000-000000000001',
      event: 'repository_advisory',
      payload,
      body: JSON.stringify(payload),
    });
    for (let attempt = 0; attempt < 5; attempt++) {
      await processDueDeliveries(ctx, {
        repository_advisory: async () => {
          throw new Error('could not mirror the advisory');
        },
      });
      clock.advance(3_600_000);
    }
    const member = await signIn(app, 'gpshead');
    const { html } = await page(app, '/effects', member.cookie);
    const section = html.slice(html.indexOf('data-section="webhook-deliveries"'));
    expect(section).toContain('data-delivery="a1b2c3d4-0000-4000-8000-000000000001"');
    // The stored error names the handler; its message (which may quote the payload) stays in the server log.
    expect(section).toContain('Error in the repository_advisory handler');
    expect(section).toContain(
      'action="/effects/webhook-deliveries/a1b2c3d4-0000-4000-8000-000000000001/retry"',
    );
    expect(html).not.toContain('EMBARGOED');

    const path = '/effects/webhook-deliveries/a1b2c3d4-0000-4000-8000-000000000001/retry';
    const outsider = await signIn(app, 'curious-visitor');
    const refused = await app.request(path, { method: 'POST', headers: outsider.headers });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/Only PSRT members/);

    const retried = await app.request(path, { method: 'POST', headers: member.headers });
    expect(retried.status).toBe(303);
    const location = retried.headers.get('location') ?? '';
    expect(location).toBe('/effects?redelivered=a1b2c3d4-0000-4000-8000-000000000001');
    const after = await page(app, location, member.cookie);
    expect(after.html).toContain('Webhook delivery a1b2c3d4-0000-4000-8000-000000000001 is waiting again');
    expect(after.html).toMatch(/data-delivery="a1b2c3d4[^"]*"[\s\S]*?Waiting/);
    expect((await listAudit(store.db, 'webhooks')).map((e) => e.action)).toContain('webhook.retry');

    const again = await app.request(path, { method: 'POST', headers: member.headers });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('only a failed delivery is retried');
  });
});

describe('CVE IDs no report holds', () => {
  it('a member sees an ID reserved by hand and held by no report, and rejects it after confirming', async () => {
    const member = await signIn(app, 'gpshead');
    const overview = await page(app, '/effects', member.cookie);
    expect(overview.html).toContain('href="/effects/cve-orphans"');
    const reserved = await page(app, '/effects/cve-orphans', member.cookie);
    expect(reserved.html).toContain('Every CVE ID reserved for the PSF is held by a report.');

    const user = demoPsf.users?.[0];
    const { cna } = serviceClients(
      {
        cna: {
          apiUrl: 'http://cve.sim/api',
          org: demoPsf.shortName,
          user: user?.username ?? '',
          apiKey: user?.apiKey ?? '',
          fetch: (input, init) => cve.fetch(new Request(input, init)),
        },
      },
      { log: ctx.log, now: clock.now },
    );
    const byHand = await cna?.reserveCveIds({ amount: 1, year: 2026, batchType: 'sequential' });
    const id = byHand?.cveIds[0]?.cve_id ?? '';
    const listed = await page(app, '/effects/cve-orphans', member.cookie);
    expect(listed.html).toContain(`<li data-cve="${id}">`);
    expect(listed.html).toContain('action="/effects/cve-orphans/reject"');

    const form = (fields: [string, string][]) => ({
      method: 'POST',
      headers: { ...member.headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    const unconfirmed = await app.request('/effects/cve-orphans/reject', form([['cveId', id]]));
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('to confirm');

    const outsider = await signIn(app, 'curious-visitor');
    const refused = await app.request('/effects/cve-orphans/reject', {
      ...form([
        ['cveId', id],
        ['confirm', 'yes'],
      ]),
      headers: { ...outsider.headers, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(refused.status).toBe(403);
    expect((await page(app, '/effects/cve-orphans', outsider.cookie)).status).toBe(403);

    const rejected = await app.request(
      '/effects/cve-orphans/reject',
      form([
        ['cveId', id],
        ['confirm', 'yes'],
      ]),
    );
    expect(rejected.status).toBe(303);
    expect(rejected.headers.get('location')).toBe('/effects/cve-orphans?rejected=1');
    const after = await page(app, '/effects/cve-orphans?rejected=1', member.cookie);
    expect(after.html).toContain('1 CVE ID was rejected at CVE Services.');
    expect(after.html).not.toContain(`data-cve="${id}"`);
    expect((await listAudit(store.db, id)).map((e) => e.action)).toEqual(['cve.orphan-rejected']);
  });
});
