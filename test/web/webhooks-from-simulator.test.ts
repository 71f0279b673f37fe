// The GitHub simulator's own deliveries, sent over HTTP to psrt's endpoint as
// GitHub sends them to the psrt App's webhook URL: signed pings and private
// reports are verified and recorded once, a redelivery is a duplicate, and a
// hook set with another secret is refused, as GitHub's delivery log shows.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createGitHubSim, type GitHubSim, psrtAppSeed } from '../../sim/github/index.ts';
import { type Delivery, processDueDeliveries } from '../../src/app/bot/deliveries.ts';
import { listDeliveries } from '../../src/store/index.ts';
import { testKey } from '../sim/github/support.ts';
import { forEachEngine } from '../support/engines.ts';
import { embargoed, secret, webhookServer } from './webhook-support.ts';

forEachEngine("the GitHub simulator's deliveries to psrt", (engine) => {
  let server: Awaited<ReturnType<typeof webhookServer>>;
  let github: GitHubSim;
  let installation: number;
  beforeAll(async () => {
    server = await webhookServer(engine.store());
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    github = createGitHubSim();
    const c = github.control;
    c.addOrg({ login: 'python', owners: ['ned'] });
    c.addUser({ login: 'alice' });
    c.addRepo({ owner: 'python', name: 'cpython' });
    const app = c.createApp({ ...psrtAppSeed(['python']), privateKey: testKey() });
    installation = app.installations[0]?.id ?? 0;
  });

  const report = () =>
    github.control.reportVulnerability({
      as: 'alice',
      owner: 'python',
      repo: 'cpython',
      advisory: { summary: embargoed, description: `${embargoed}: a crafted archive overflows a buffer.` },
    });

  it('a hook set with psrt’s secret pings psrt, which answers pong and records the ping as done', async () => {
    const ping = await github.control.setWebhook({ url: server.url, secret });
    expect(ping).toMatchObject({ status: 'OK', statusCode: 200, response: { body: '{"pong":true}' } });
    expect(await listDeliveries(engine.store().db)).toEqual([
      expect.objectContaining({ guid: ping?.guid, event: 'ping', status: 'done' }),
    ]);
  });

  it('a private report reaches psrt as repository_advisory reported, verified, recorded with its installation, and handed to the handler', async () => {
    await github.control.setWebhook({ url: server.url, secret });
    const advisory = report();
    await github.control.waitForDeliveries();
    const sent = github.control.deliveries().find((d) => d.event === 'repository_advisory');
    expect(sent).toMatchObject({ action: 'reported', status: 'OK', statusCode: 202 });
    expect((await listDeliveries(engine.store().db)).find((d) => d.guid === sent?.guid)).toMatchObject({
      event: 'repository_advisory',
      action: 'reported',
      installationId: installation,
      status: 'pending',
    });
    const handed: Delivery[] = [];
    await processDueDeliveries(server.ctx, {
      repository_advisory: async (_, delivery) => {
        handed.push(delivery);
        return 'done';
      },
    });
    expect(handed).toHaveLength(1);
    expect(handed[0]?.payload).toMatchObject({
      action: 'reported',
      repository_advisory: { ghsa_id: advisory.ghsa_id, state: 'triage', summary: embargoed },
      installation: { id: installation },
    });
    expect(server.log()).not.toContain(embargoed);
  });

  it('a redelivery from GitHub’s delivery log is answered as a duplicate and not processed again', async () => {
    await github.control.setWebhook({ url: server.url, secret });
    report();
    await github.control.waitForDeliveries();
    const first = github.control.deliveries().find((d) => d.event === 'repository_advisory');
    if (!first) throw new Error('the simulator sent no repository_advisory delivery');
    const again = await github.control.redeliver(first.guid);
    expect(again).toMatchObject({ guid: first.guid, redelivery: true, statusCode: 200 });
    expect(again.response?.body).toBe('{"duplicate":true}');
    expect((await listDeliveries(engine.store().db)).filter((d) => d.guid === first.guid)).toHaveLength(1);
  });

  it('a hook set with another secret is refused 401 for its ping and its deliveries, and psrt records none', async () => {
    const ping = await github.control.setWebhook({ url: server.url, secret: 'not the one psrt has' });
    expect(ping).toMatchObject({ status: 'Invalid HTTP Response: 401', statusCode: 401 });
    report();
    await github.control.waitForDeliveries();
    expect(github.control.deliveries().map((d) => d.statusCode)).toEqual([401, 401]);
    expect(await listDeliveries(engine.store().db)).toEqual([]);
  });

  it('a hook set without any secret sends unsigned deliveries, which psrt refuses', async () => {
    const ping = await github.control.setWebhook({ url: server.url });
    expect(ping?.request.headers['X-Hub-Signature-256']).toBeUndefined();
    expect(ping?.statusCode).toBe(401);
    expect(await listDeliveries(engine.store().db)).toEqual([]);
  });
});
