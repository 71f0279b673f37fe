// The effect runner against a GitHub and a CVE Services that misbehave the way
// the real ones do: 5xx bursts, used-up and secondary rate limits, installation
// tokens that expire early, an hour-long CNA outage, and a stored effect that
// is not one. Whatever happens, each change is made once, never before the
// service said, and nothing embargoed ends up in an error.
import { expect, it } from 'vitest';
import { runDueEffects } from '../../../src/app/effects/runner.ts';
import { grantAccess } from '../../../src/app/grants.ts';
import { showReport, transitionReport } from '../../../src/app/reports.ts';
import { enqueueEffects, findCveReservation, listEffects } from '../../../src/store/index.ts';
import { forEachEngine } from '../../support/engines.ts';
import { effectsWorld } from './world.ts';

const MINUTE = 60_000;

forEachEngine('the effect runner rides out what GitHub and CVE Services do wrong', (engine) => {
  const world = effectsWorld(engine);
  const { app, triagedReport, settle } = world;
  const seth = () => app.as('sethmlarson');

  const advisoryPath = (ghsaId: string) => `/repos/python/cpython/security-advisories/${ghsaId}`;
  /** Every PATCH of the GHSA that reached GitHub, whatever GitHub answered. */
  const patchesSent = (ghsaId: string) =>
    world
      .github()
      .control.requests()
      .filter((r) => r.method === 'PATCH' && r.path === advisoryPath(ghsaId));
  /** The PATCHes GitHub carried out. */
  const patchesMade = (ghsaId: string) =>
    world.githubWrites().filter((write) => write === `PATCH ${advisoryPath(ghsaId)}`);
  const collaborators = (ghsaId: string) =>
    world.advisory(ghsaId).collaborating_users?.map((user) => user.login) ?? [];

  async function effectOf(reportId: string, kind: string) {
    const effect = (await listEffects(app.store().db, { reportId })).find((e) => e.kind === kind);
    if (!effect) throw new Error(`no ${kind} effect for ${reportId}`);
    return effect;
  }

  /** A triaged report whose own effects are done, so only what the test adds is left to do. */
  async function quietReport() {
    const triaged = await triagedReport();
    await settle();
    return triaged;
  }

  const grantZipExpert = async (reportId: string) =>
    grantAccess(app.ctx(), await seth(), reportId, { login: 'zip-expert', reason: 'zipfile expert' });

  it('a GHSA change that meets a burst of GitHub server errors is retried later and made exactly once', async () => {
    const { report, ghsaId } = await quietReport();
    const madeBefore = patchesMade(ghsaId).length;
    world.github().control.injectFault({
      match: { method: 'PATCH', path: advisoryPath(ghsaId) },
      kind: 'status',
      status: 502,
      times: 3,
    });
    await grantZipExpert(report.id);
    const deps = world.deps();

    expect(await runDueEffects(deps)).toMatchObject({ claimed: 1, retrying: 1 });
    const afterFirst = await effectOf(report.id, 'ghsa.add-collaborator');
    expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1 });
    expect(afterFirst.lastError).toContain('502');
    // Later, not at once: a pass at the same moment leaves it alone.
    expect(afterFirst.nextAttemptAt.getTime()).toBeGreaterThan(app.clock.now().getTime());
    expect((await runDueEffects(deps)).claimed).toBe(0);

    for (let minute = 0; minute < 10; minute++) {
      app.clock.advance(MINUTE);
      await settle(deps);
    }
    expect(await effectOf(report.id, 'ghsa.add-collaborator')).toMatchObject({
      status: 'done',
      attempts: 3,
    });
    expect(patchesSent(ghsaId).filter((r) => r.status === 502)).toHaveLength(3);
    expect(patchesMade(ghsaId).length - madeBefore).toBe(1);
    expect(collaborators(ghsaId)).toContain('zip-expert');
  });

  it.each([403, 429])(
    'a GHSA change refused because the App used up its GitHub rate limit (%i) is not tried again before the reset GitHub sent, then made once',
    async (status) => {
      world.github().control.configure({ rateLimitStatus: status as 403 | 429 });
      const { report, ghsaId } = await quietReport();
      const madeBefore = patchesMade(ghsaId).length;
      world.github().control.injectFault({
        match: { method: 'PATCH', path: advisoryPath(ghsaId) },
        kind: 'rate-limit',
        times: 1,
      });
      await grantZipExpert(report.id);
      const deps = world.deps();
      await runDueEffects(deps);

      const [answer] = world.slowDowns();
      expect(answer).toMatchObject({ status, path: advisoryPath(ghsaId), reset: expect.any(Date) });
      const reset = answer?.reset as Date;
      // The reset is later than psrt's own backoff would wait: waiting for it is GitHub's doing.
      expect(reset.getTime()).toBeGreaterThan(app.clock.now().getTime() + 15 * MINUTE);
      const waiting = await effectOf(report.id, 'ghsa.add-collaborator');
      expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
      expect(waiting.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(reset.getTime());
      expect(waiting.lastError).toMatch(/rate limit/i);

      // A runner passing every minute until the reset sends GitHub nothing more.
      while (app.clock.now().getTime() + MINUTE < reset.getTime()) {
        app.clock.advance(MINUTE);
        await settle(deps);
      }
      expect(patchesSent(ghsaId)).toHaveLength(madeBefore + 1);
      expect(await effectOf(report.id, 'ghsa.add-collaborator')).toMatchObject({ attempts: 1 });

      app.clock.set(waiting.nextAttemptAt);
      await settle(deps);
      expect(await effectOf(report.id, 'ghsa.add-collaborator')).toMatchObject({
        status: 'done',
        attempts: 1,
      });
      expect(patchesMade(ghsaId).length - madeBefore).toBe(1);
      expect(collaborators(ghsaId)).toContain('zip-expert');
    },
  );

  it("a GHSA change refused by GitHub's secondary rate limit is not tried again before its Retry-After, then made once", async () => {
    const { report, ghsaId } = await quietReport();
    const madeBefore = patchesMade(ghsaId).length;
    world.github().control.injectFault({
      match: { method: 'PATCH', path: advisoryPath(ghsaId) },
      kind: 'secondary-rate-limit',
      retryAfter: 600,
      times: 1,
    });
    await grantZipExpert(report.id);
    const deps = world.deps();
    await runDueEffects(deps);

    const [answer] = world.slowDowns();
    expect(answer).toMatchObject({ status: 403, retryAfterSeconds: 600 });
    const askedFor = (answer?.date.getTime() ?? Number.NaN) + 600_000;
    const waiting = await effectOf(report.id, 'ghsa.add-collaborator');
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(askedFor);
    expect(waiting.lastError).toMatch(/secondary rate limit/i);

    while (app.clock.now().getTime() + MINUTE < askedFor) {
      app.clock.advance(MINUTE);
      await settle(deps);
    }
    expect(patchesSent(ghsaId)).toHaveLength(madeBefore + 1);

    app.clock.set(waiting.nextAttemptAt);
    await settle(deps);
    expect(await effectOf(report.id, 'ghsa.add-collaborator')).toMatchObject({
      status: 'done',
      attempts: 1,
    });
    expect(patchesMade(ghsaId).length - madeBefore).toBe(1);
  });

  it('an installation token that expires in the middle of a run is renewed by the client, and the changes are made without a failed attempt', async () => {
    const { report, ghsaId } = await quietReport();
    const madeBefore = patchesMade(ghsaId).length;
    await grantZipExpert(report.id);
    await grantAccess(app.ctx(), await seth(), report.id, { login: 'gpshead', reason: 'second opinion' });
    const deps = world.deps();
    // The run starts with a good token; GitHub drops it at the first PATCH.
    world.github().control.injectFault({
      match: { method: 'PATCH', path: advisoryPath(ghsaId) },
      kind: 'token-expiry',
      times: 1,
    });
    const tokensMinted = () =>
      world
        .github()
        .control.requests()
        .filter((r) => r.method === 'POST' && r.path.endsWith('/access_tokens') && r.status === 201).length;
    const mintedBefore = tokensMinted();

    const passes = await settle(deps);

    expect(passes.reduce((sum, pass) => sum + pass.retrying + pass.failed, 0)).toBe(0);
    const grants = (await listEffects(app.store().db, { reportId: report.id })).filter(
      (e) => e.kind === 'ghsa.add-collaborator',
    );
    expect(grants).toHaveLength(2);
    for (const grant of grants) expect(grant).toMatchObject({ status: 'done', attempts: 0, lastError: null });
    expect(patchesSent(ghsaId).filter((r) => r.status === 401)).toHaveLength(1);
    expect(patchesMade(ghsaId).length - madeBefore).toBe(2);
    // One token for the run, and one more when GitHub refused the first.
    expect(tokensMinted() - mintedBefore).toBe(2);
    expect(collaborators(ghsaId)).toEqual(expect.arrayContaining(['zip-expert', 'gpshead']));
  });

  it('CVE Services down for an hour: the reservation waits it out within its attempts, and the report ends with exactly one CVE ID', async () => {
    const { report, ghsaId } = await quietReport();
    await transitionReport(app.ctx(), await seth(), report.id, 'accept');
    world.cve().control.injectFault({ path: '/cve-id', status: 503, times: 'always' });
    const deps = world.deps();
    const reservation = () => effectOf(report.id, 'cve.reserve');

    const seen: { minute: number; status: string; attempts: number }[] = [];
    for (let minute = 0; minute <= 60; minute++) {
      await settle(deps);
      const { status, attempts } = await reservation();
      seen.push({ minute, status, attempts });
      if (minute < 60) app.clock.advance(MINUTE);
    }
    const { maxAttempts } = await reservation();
    const hour = seen.at(-1);
    expect(seen.filter((s) => s.status === 'failed')).toEqual([]);
    expect(hour?.attempts).toBeGreaterThan(1);
    expect(hour?.attempts).toBeLessThan(maxAttempts);

    // CVE Services is back.
    world.cve().control.clearFaults();
    for (let minute = 0; minute < 6 * 60 && (await reservation()).status !== 'done'; minute++) {
      app.clock.advance(MINUTE);
      await settle(deps);
    }
    const { report: accepted } = await showReport(app.ctx(), await seth(), report.id);
    expect(await reservation()).toMatchObject({ status: 'done' });
    expect(accepted.cveId).toMatch(/^CVE-2026-\d{4,}$/);
    // No reservation lost (the intent was resolved with the ID) and none duplicated at the CNA.
    const intent = await findCveReservation(app.store().db, (await reservation()).key);
    expect(intent?.cveId).toBe(accepted.cveId);
    const reservedAtCna = world
      .cve()
      .control.requests()
      .filter((r) => r.method === 'POST' && r.path === '/api/cve-id' && r.status < 400);
    expect(reservedAtCna).toHaveLength(1);
    const held = await deps.services.cna?.listCveIds({ state: 'RESERVED' });
    expect(held?.map((id) => id.cve_id)).toEqual([accepted.cveId]);
    expect(world.advisory(ghsaId).cve_id).toBe(accepted.cveId);
  });

  it('an effect whose stored payload is not a valid effect fails at once, naming the field but never its value', async () => {
    const { report, ghsaId } = await quietReport();
    const writesBefore = world.githubWrites().length;
    const embargoed = 'zipfile-overflow-poc';
    const advisory = { reportId: report.id, repository: 'python/cpython', ghsaId };
    await enqueueEffects(
      app.store().db,
      [
        {
          key: 'ghsa.add-collaborator:bad-login',
          kind: 'ghsa.add-collaborator',
          reportId: report.id,
          payload: {
            kind: 'ghsa.add-collaborator',
            key: 'ghsa.add-collaborator:bad-login',
            ...advisory,
            login: `${embargoed} see attached`,
          },
        },
        {
          key: 'ghsa.comment:no-body',
          kind: 'ghsa.comment',
          reportId: report.id,
          payload: { kind: 'ghsa.comment', key: 'ghsa.comment:no-body', ...advisory, purpose: embargoed },
        },
      ],
      app.clock.now(),
    );

    expect(await runDueEffects(world.deps())).toMatchObject({ claimed: 2, failed: 2 });

    const effects = await listEffects(app.store().db, { reportId: report.id });
    const badLogin = effects.find((e) => e.key === 'ghsa.add-collaborator:bad-login');
    const noBody = effects.find((e) => e.key === 'ghsa.comment:no-body');
    expect(badLogin).toMatchObject({ status: 'failed', attempts: 1 });
    expect(noBody).toMatchObject({ status: 'failed', attempts: 1 });
    expect(badLogin?.lastError).toMatch(/not a valid effect \(login: /);
    expect(noBody?.lastError).toMatch(/not a valid effect \(body: /);
    for (const effect of [badLogin, noBody]) expect(effect?.lastError).not.toContain(embargoed);
    expect(world.githubWrites()).toHaveLength(writesBefore);
  });
});
