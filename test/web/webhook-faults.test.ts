// Faults in GitHub's webhook deliveries, carried to the end: the GitHub
// simulator delivers over HTTP to psrt's real endpoint, psrt's delivery
// processor hands them to the bot, and the effect runner acts on GitHub and
// the CNA. A delivery seen twice, replayed under a new GUID, or arriving after
// a newer change was mirrored ends in one report state and one set of
// effects; a forged one is refused and nothing comes of it.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { processDueDeliveries } from '../../src/app/bot/deliveries.ts';
import type { BotSettings } from '../../src/app/bot/observe.ts';
import { pollAdvisories } from '../../src/app/bot/poller.ts';
import { botDeliveryHandlers } from '../../src/app/bot/webhook-handlers.ts';
import { listAudit, listDeliveries, listEffects, listReports } from '../../src/store/index.ts';
import { effectsWorld } from '../app/effects/world.ts';
import { forEachEngine } from '../support/engines.ts';
import { secret, signature, webhookServer } from './webhook-support.ts';

const bot: BotSettings = { team: 'psrt', name: 'psrt-bot', outsiders: async () => [] };

forEachEngine('faults in webhook deliveries, from GitHub to what psrt does', (engine) => {
  const world = effectsWorld(engine);
  const { app } = world;
  const github = () => world.github().control;
  const client = () => {
    if (!deps.services.github) throw new Error('no GitHub client');
    return deps.services.github;
  };
  let server: Awaited<ReturnType<typeof webhookServer>>;
  /** One psrt App, whose webhook delivers to psrt and whose client psrt reads and acts with. */
  let deps: ReturnType<typeof world.deps>;
  let appId: number;
  beforeEach(async () => {
    server = await webhookServer(engine.store(), { now: app.clock.now });
    deps = world.deps();
    const [installation] = await client().listInstallations();
    appId = installation?.app_id ?? 0;
    await github().setWebhook({ url: server.url, secret, appId });
  });
  afterEach(() => server?.close());

  async function everyReport() {
    const page = await listReports(
      app.store().db,
      { kind: 'all' },
      { now: app.clock.now(), limit: 100, offset: 0 },
    );
    return page.reports;
  }
  const recorded = async () =>
    (await listDeliveries(engine.store().db)).filter((d) => d.event === 'repository_advisory');

  /** The delivery processor until nothing is due, then the effect runner until nothing is due. */
  async function processAndSettle() {
    const handlers = botDeliveryHandlers(bot, client());
    while ((await processDueDeliveries(app.ctx(), handlers)).claimed > 0);
    await world.settle(deps);
  }
  async function pollAndSettle() {
    await pollAdvisories(app.ctx(), client(), bot);
    await world.settle(deps);
  }

  /** A private report filed on GitHub, and GitHub's `repository_advisory` delivery of it to psrt. */
  async function reported(summary?: string) {
    const ghsaId = world.reportedAdvisory(summary);
    await github().waitForDeliveries();
    const delivery = github()
      .deliveries()
      .find((d) => d.event === 'repository_advisory' && d.action === 'reported');
    if (!delivery) throw new Error('the simulator sent no repository_advisory delivery');
    expect(delivery.statusCode).toBe(202);
    return { ghsaId, delivery };
  }

  /** A member edits the GHSA on GitHub, a second after whatever happened before. */
  const edit = (ghsaId: string, changes: Record<string, unknown>) => {
    app.clock.advance(1_000);
    github().editAdvisory({ as: 'sethmlarson', owner: 'python', repo: 'cpython', ghsaId, changes });
  };

  /** What psrt did outside for the report: its effects, GitHub's advisory writes, CVE reservations. */
  async function actedOn(reportId: string | undefined) {
    const effects = await listEffects(app.store().db, { reportId });
    return {
      effects: effects.map((e) => `${e.kind} ${e.status}`).sort(),
      githubWrites: world.githubWrites(),
      cveReservations: world.cveRequests().filter((r) => r.startsWith('POST /cve-id')).length,
    };
  }

  it('the same delivery received twice (one X-GitHub-Delivery) is recorded once, and its report is opened once with one set of effects', async () => {
    const { ghsaId, delivery } = await reported();
    // GitHub redelivers before psrt processed the first, and again after.
    expect((await github().redeliver(delivery.guid)).statusCode).toBe(200);
    await processAndSettle();
    expect((await github().redeliver(delivery.guid)).statusCode).toBe(200);
    await processAndSettle();

    expect(await recorded()).toEqual([
      expect.objectContaining({ guid: delivery.guid, status: 'done', attempts: 1 }),
    ]);
    const reports = await everyReport();
    expect(reports).toMatchObject([{ ghsaId, state: 'triage' }]);
    expect(await actedOn(reports[0]?.id)).toEqual({
      effects: ['ghsa.add-collaborator done'],
      githubWrites: [`PATCH /repos/python/cpython/security-advisories/${ghsaId}`],
      cveReservations: 0,
    });
    expect(world.advisory(ghsaId).collaborating_teams?.map((t) => t.slug)).toEqual(['psrt']);
  });

  it('the same payload replayed under a new GUID is processed again, and changes nothing: one report, one set of effects', async () => {
    github().configure({ redeliveryGuid: 'new' });
    const { ghsaId, delivery } = await reported();
    await processAndSettle();
    const replays = [await github().redeliver(delivery.guid), await github().redeliver(delivery.guid)];
    expect(replays.map((r) => r.statusCode)).toEqual([202, 202]);
    await processAndSettle();

    const guids = [delivery.guid, ...replays.map((r) => r.guid)];
    expect(new Set(guids).size).toBe(3);
    expect((await recorded()).map((d) => [d.guid, d.status]).sort()).toEqual(
      guids.map((guid) => [guid, 'done']).sort(),
    );
    const reports = await everyReport();
    expect(reports).toMatchObject([{ ghsaId, state: 'triage', title: world.advisory(ghsaId).summary }]);
    expect(await actedOn(reports[0]?.id)).toEqual({
      effects: ['ghsa.add-collaborator done'],
      githubWrites: [`PATCH /repos/python/cpython/security-advisories/${ghsaId}`],
      cveReservations: 0,
    });
    const audit = (await listAudit(app.store().db, reports[0]?.id ?? '')).map((e) => e.action);
    expect(audit.filter((action) => action.startsWith('report.mirror'))).toEqual([]);
  });

  it('a report delivery that arrives after the poller mirrored a newer edit leaves the report as GitHub has it now', async () => {
    const { ghsaId, delivery } = await reported('zipfile: overflow');
    github().configure({ redeliveryGuid: 'new' });
    // The delivery waits unprocessed while a member retitles the GHSA and the poller mirrors it.
    edit(ghsaId, { summary: 'zipfile: heap overflow in the central directory' });
    await pollAndSettle();
    await processAndSettle();
    // And GitHub sends the old payload once more, later still.
    app.clock.advance(60_000);
    expect((await github().redeliver(delivery.guid)).statusCode).toBe(202);
    await processAndSettle();

    expect((await recorded()).every((d) => d.status === 'done')).toBe(true);
    const reports = await everyReport();
    expect(reports).toMatchObject([
      { ghsaId, state: 'triage', title: 'zipfile: heap overflow in the central directory' },
    ]);
    expect((await actedOn(reports[0]?.id)).effects).toEqual(['ghsa.add-collaborator done']);
  });

  it('a report delivery replayed after the report was accepted does not undo the acceptance, its CVE ID or its coordinator', async () => {
    github().configure({ redeliveryGuid: 'new' });
    const { ghsaId, delivery } = await reported();
    await processAndSettle();
    // Accepted on GitHub in the same second as the report came in: GitHub's
    // `updated_at` has whole seconds, so the old payload looks as new as the latest change.
    github().editAdvisory({
      as: 'sethmlarson',
      owner: 'python',
      repo: 'cpython',
      ghsaId,
      changes: {
        summary: '[ACCEPTED] zipfile: heap overflow',
        credits: [{ login: 'encukou', type: 'coordinator' }],
      },
    });
    await pollAndSettle();
    await pollAndSettle();
    const accepted = world.advisory(ghsaId);
    expect(accepted).toMatchObject({ state: 'draft', cve_id: expect.stringMatching(/^CVE-/) });
    const [before] = await everyReport();
    expect(before).toMatchObject({ state: 'accepted', coordinator: 'encukou', cveId: accepted.cve_id });
    const trailBefore = await listAudit(app.store().db, before?.id ?? '');

    expect((await github().redeliver(delivery.guid)).statusCode).toBe(202);
    await processAndSettle();

    const [after] = await everyReport();
    expect(after).toMatchObject({
      state: 'accepted',
      title: '[ACCEPTED] zipfile: heap overflow',
      coordinator: 'encukou',
      coordinatorSince: before?.coordinatorSince,
      cveId: accepted.cve_id,
    });
    // Nothing was mirrored from the old payload: the report's history ends where it did.
    expect(await listAudit(app.store().db, after?.id ?? '')).toEqual(trailBefore);
    expect(world.cveRequests().filter((r) => r.startsWith('POST /cve-id'))).toHaveLength(1);
  });

  it('forged deliveries of a real report are refused 401 with no detail, nothing is recorded and nothing is done', async () => {
    // GitHub's real delivery of a real report, captured on its way to a hook that is not psrt.
    await github().setWebhook({ url: 'http://127.0.0.1:9/webhooks/github', secret, appId });
    const ghsaId = world.reportedAdvisory('EMBARGOED tarfile: path traversal');
    await github().waitForDeliveries();
    const delivery = github()
      .deliveries()
      .find((d) => d.event === 'repository_advisory');
    if (!delivery) throw new Error('the simulator sent no repository_advisory delivery');
    const body = delivery.request.payload;
    const otherBody = JSON.stringify({ ...JSON.parse(body), action: 'published' });
    const forgeries: Record<string, string | null>[] = [
      { 'x-hub-signature-256': `sha256=${'0123456789abcdef'.repeat(4)}` },
      { 'x-hub-signature-256': signature(otherBody) },
      { 'x-hub-signature-256': null },
      { 'x-hub-signature-256': signature(body, 'the secret of another hook') },
    ];
    for (const forged of forgeries) {
      const answer = await server.deliver(body, { guid: delivery.guid, headers: forged });
      expect(answer).toEqual({ status: 401, text: JSON.stringify({ message: 'Unauthorized' }) });
    }
    await processAndSettle();

    expect(await recorded()).toEqual([]);
    expect(await everyReport()).toEqual([]);
    expect(world.githubWrites()).toEqual([]);
    expect(world.advisory(ghsaId)).toMatchObject({ state: 'triage', collaborating_teams: [] });
    expect(server.log()).not.toContain('EMBARGOED');
  });

  it('a report delivery for an advisory GitHub no longer shows the App is set aside as ignored, not retried, and opens no report', async () => {
    const { ghsaId, delivery } = await reported();
    github().injectFault({
      match: { method: 'GET', path: `/repos/python/cpython/security-advisories/${ghsaId}` },
      kind: 'status',
      status: 404,
    });
    await processAndSettle();

    expect(await recorded()).toEqual([
      expect.objectContaining({ guid: delivery.guid, status: 'ignored', attempts: 1 }),
    ]);
    expect(await everyReport()).toEqual([]);
  });

  it("a report's advisory entering the GitHub Advisory Database is noted on its timeline once, however often GitHub delivers it", async () => {
    const { ghsaId } = await reported('tarfile: path traversal');
    await processAndSettle();
    const ref = { as: 'sethmlarson', owner: 'python', repo: 'cpython', ghsaId };
    github().acceptReport(ref);
    github().editAdvisory({
      ...ref,
      changes: { severity: 'high', vulnerabilities: [{ package: { ecosystem: 'pip', name: 'cpython' } }] },
    });
    github().publishAdvisory(ref);
    github().reviewAdvisory(ref);
    await github().waitForDeliveries();
    const entered = github()
      .deliveries()
      .find((d) => d.event === 'security_advisory' && d.action === 'published');
    if (!entered) throw new Error('the simulator sent no security_advisory delivery');
    await processAndSettle();
    await github().redeliver(entered.id);
    await github().waitForDeliveries();
    await processAndSettle();

    const [report] = await everyReport();
    const noted = (await listAudit(app.store().db, report?.id ?? '')).filter(
      (event) => event.action === 'report.advisory-database',
    );
    expect(noted).toHaveLength(1);
    expect(noted[0]?.change).toMatchObject({ action: 'published', ghsaId });
  });
});
