import { expect, it } from 'vitest';
import { runDueEffects } from '../../../src/app/effects/runner.ts';
import { grantAccess, revokeAccess } from '../../../src/app/grants.ts';
import { assignCoordinator, showReport, transitionReport } from '../../../src/app/reports.ts';
import { listAudit, listEffects } from '../../../src/store/index.ts';
import { forEachEngine } from '../../support/engines.ts';
import { effectsWorld } from './world.ts';

forEachEngine('the effect runner performs what the use-cases decide', (engine) => {
  const world = effectsWorld(engine);
  const { app } = world;
  const seth = () => app.as('sethmlarson');

  const { triagedReport, settle, advisory } = world;

  it('accepting a report reserves one CVE ID at the CNA and writes it to the report and to the GHSA', async () => {
    const { report, ghsaId } = await triagedReport();
    await transitionReport(app.ctx(), await seth(), report.id, 'accept');
    await settle();

    const { report: accepted } = await showReport(app.ctx(), await seth(), report.id);
    expect(accepted.cveId).toMatch(/^CVE-2026-\d{4,}$/);
    expect(world.cveRequests().filter((r) => r.startsWith('POST /cve-id'))).toHaveLength(1);
    expect(advisory(ghsaId)).toMatchObject({ state: 'draft', cve_id: accepted.cveId });
    // The coordinator holds the GHSA's coordinator credit, and was told on the GHSA.
    expect(advisory(ghsaId).credits).toContainEqual(
      expect.objectContaining({ login: 'sethmlarson', type: 'coordinator' }),
    );
    const effects = await listEffects(app.store().db, { reportId: report.id });
    expect(effects.every((e) => e.status === 'done')).toBe(true);
    const actions = (await listAudit(app.store().db, report.id)).map((e) => e.action);
    expect(actions).toContain('report.cve-reserved');
    expect(actions.filter((a) => a === 'effect.done')).toHaveLength(effects.length);
  });

  it('rejecting a report with a CVE ID rejects the ID at the CNA and closes the GHSA', async () => {
    const { report, ghsaId } = await triagedReport();
    await transitionReport(app.ctx(), await seth(), report.id, 'accept');
    await settle();
    const { report: accepted } = await showReport(app.ctx(), await seth(), report.id);
    await transitionReport(app.ctx(), await seth(), report.id, 'reject', {
      rejection: { reason: 'duplicate', detail: 'CVE-2025-0001' },
    });
    await settle();
    const cveId = accepted.cveId as string;
    expect(
      world
        .cve()
        .control.requests()
        .some((r) => r.method === 'POST' && r.path.endsWith(`${cveId}/reject`)),
    ).toBe(true);
    expect(advisory(ghsaId).state).toBe('closed');
    // The reporter reads the devguide's reply for a duplicate on the GHSA, once.
    const comments = world.github().control.advisoryComments({ owner: 'python', repo: 'cpython', ghsaId });
    const replies = comments.filter((c) => c.body.includes('this submission is a duplicate'));
    expect(replies).toHaveLength(1);
  });

  it('a report rejected as spam is closed on GitHub without any reply', async () => {
    const ghsaId = world.reportedAdvisory();
    const report = await app.newReport('sethmlarson', { ghsaId, reporter: 'mira-finds-bugs' });
    await transitionReport(app.ctx(), await seth(), report.id, 'reject', {
      rejection: { reason: 'spam', detail: null },
    });
    await settle();
    expect(advisory(ghsaId).state).toBe('closed');
    expect(world.githubWrites().filter((w) => w.endsWith('/comments'))).toEqual([]);
  });

  it('a grant adds the collaborator to the GHSA, and revoking takes them off again', async () => {
    const { report, ghsaId } = await triagedReport();
    await grantAccess(app.ctx(), await seth(), report.id, { login: 'zip-expert', reason: 'zipfile expert' });
    await settle();
    expect(advisory(ghsaId).collaborating_users?.map((u) => u.login)).toContain('zip-expert');
    await revokeAccess(app.ctx(), await seth(), report.id, 'zip-expert');
    await settle();
    expect(advisory(ghsaId).collaborating_users?.map((u) => u.login)).not.toContain('zip-expert');
  });

  it('a retry after the CNA reserved but psrt never recorded it adopts that ID instead of reserving another', async () => {
    const { report } = await triagedReport();
    await transitionReport(app.ctx(), await seth(), report.id, 'accept');
    // The reservation is made, and its answer lost on the way back.
    world.cve().control.injectFault({ method: 'POST', path: '/cve-id', status: 502, when: 'after' });
    const first = await runDueEffects(world.deps());
    expect(first.retrying).toBeGreaterThan(0);
    app.clock.advance(24 * 3_600_000);
    await settle();

    const { report: accepted } = await showReport(app.ctx(), await seth(), report.id);
    expect(world.cveRequests().filter((r) => r.startsWith('POST /cve-id'))).toHaveLength(1);
    const reserved = world
      .cve()
      .control.requests()
      .filter((r) => r.method === 'POST' && r.path === '/api/cve-id');
    expect(reserved).toHaveLength(1);
    expect(accepted.cveId).toMatch(/^CVE-2026-/);
  });

  it('a comment whose post succeeded but was not recorded is not posted twice', async () => {
    const { report } = await triagedReport();
    const crashAfterPost = async (step: string) => {
      if (step === 'ghsa.comment:posted') throw new Error('the process died here');
    };
    await runDueEffects(world.deps(), { checkpoint: crashAfterPost });
    app.clock.advance(24 * 3_600_000);
    await settle();
    const posted = world.githubWrites().filter((w) => w.startsWith('POST') && w.endsWith('/comments'));
    expect(posted).toHaveLength(1);
    const effects = await listEffects(app.store().db, { reportId: report.id });
    expect(effects.find((e) => e.kind === 'ghsa.comment')).toMatchObject({
      status: 'done',
      result: expect.objectContaining({ unchanged: 'already posted' }),
    });
  });

  it('a notice for a report without a GHSA reaches the team by mail, once', async () => {
    const report = await app.newReport('sethmlarson');
    await assignCoordinator(app.ctx(), await seth(), report.id, 'encukou');
    await settle();
    await settle();
    expect(world.mail()).toHaveLength(1);
    expect(world.mail()[0]).toMatchObject({
      to: ['psrt@python.example'],
      subject: `[PSRT] ${report.id}: encukou coordinates`,
    });
  });

  it('an effect whose service is not configured waits, pending and visible, instead of failing', async () => {
    const { report } = await triagedReport();
    await transitionReport(app.ctx(), await seth(), report.id, 'accept');
    await settle(world.deps({ cna: null }));
    const effects = await listEffects(app.store().db, { reportId: report.id });
    expect(effects.find((e) => e.kind === 'cve.reserve')).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('GitHub server errors are retried later; the last attempt leaves the effect failed with a message free of report text', async () => {
    const { report, ghsaId } = await triagedReport();
    world.github().control.injectFault({
      match: { method: 'PATCH', path: `^/repos/python/cpython/security-advisories/${ghsaId}$` },
      kind: 'status',
      status: 502,
    });
    await grantAccess(app.ctx(), await seth(), report.id, { login: 'zip-expert', reason: 'zipfile expert' });
    for (let attempt = 0; attempt < 10; attempt++) {
      await runDueEffects(world.deps());
      app.clock.advance(7 * 3_600_000);
    }
    const [grant] = (await listEffects(app.store().db, { reportId: report.id })).filter(
      (e) => e.kind === 'ghsa.add-collaborator',
    );
    expect(grant).toMatchObject({ status: 'failed', attempts: 8 });
    expect(grant?.lastError).toContain('502');
    expect(grant?.lastError).not.toContain('zipfile');
  });
});
