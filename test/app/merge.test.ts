// Merging a duplicate report into the original, end to end on both engines:
// both reports saved in one go, each audited naming the other, the duplicate's
// reply, GHSA closing and CVE rejection queued, and refusals for what the
// process does not allow, with "not found" for a report one may not see.
import { beforeEach, expect, it } from 'vitest';
import { grantAccess } from '../../src/app/grants.ts';
import { mergeReport } from '../../src/app/merge.ts';
import { editReport, listOpenReports, showReport } from '../../src/app/reports.ts';
import { reportTimeline } from '../../src/app/timeline.ts';
import { listAudit, listEffects } from '../../src/store/index.ts';
import { forEachEngine } from '../support/engines.ts';
import { at, failsWith, testApp } from './support.ts';

forEachEngine('merging duplicate reports', (engine) => {
  const app = testApp(engine);
  beforeEach(() => app.importDevguideRoster());

  async function pair() {
    const original = await app.newReport('sethmlarson', {
      reporter: 'alice',
      receivedAt: at('2026-03-05T00:00:00Z'),
    });
    const duplicate = await app.newReport('sethmlarson', {
      reporter: 'bob',
      ghsaId: 'GHSA-9q8w-7c6r-5f4x',
      receivedAt: at('2026-03-01T00:00:00Z'),
    });
    await editReport(app.ctx(), await app.as('sethmlarson'), duplicate.id, { cveId: 'CVE-2026-40001' });
    return { original, duplicate };
  }

  it('the original keeps the earliest receipt and gains the reporter; the duplicate is rejected as its duplicate', async () => {
    const { original, duplicate } = await pair();
    const outcome = await mergeReport(app.ctx(), await app.as('sethmlarson'), duplicate.id, original.id);
    expect(outcome.receivedEarlier).toBe(true);
    const seth = await app.as('sethmlarson');
    const survivor = (await showReport(app.ctx(), seth, original.id)).report;
    expect(survivor.receivedAt).toEqual(at('2026-03-01T00:00:00Z'));
    expect(survivor.publication.credits).toEqual([
      { name: 'bob', type: 'reporter', login: 'bob', state: 'accepted' },
    ]);
    const dropped = (await showReport(app.ctx(), seth, duplicate.id)).report;
    expect(dropped).toMatchObject({
      state: 'rejected',
      rejection: { reason: 'duplicate', detail: original.id },
    });
    expect(outcome.original).toEqual(survivor);
  });

  it('the original moves up the open reports, its disclosure deadline now 90 days from the earlier receipt', async () => {
    const { original, duplicate } = await pair();
    const between = await app.newReport('sethmlarson', { receivedAt: at('2026-03-03T00:00:00Z') });
    const seth = await app.as('sethmlarson');
    const order = async () => (await listOpenReports(app.ctx(), seth)).reports.map((r) => r.report.id);
    expect(await order()).toEqual([duplicate.id, between.id, original.id]);
    await mergeReport(app.ctx(), seth, duplicate.id, original.id);
    expect(await order()).toEqual([original.id, between.id]);
  });

  it("the duplicate's reply, its GHSA closing and its CVE ID's rejection are queued", async () => {
    const { original, duplicate } = await pair();
    await mergeReport(app.ctx(), await app.as('sethmlarson'), duplicate.id, original.id);
    const effects = await listEffects(app.store().db, { reportId: duplicate.id });
    expect(effects.map((e) => e.kind).sort()).toEqual(['cve.reject', 'ghsa.update-state', 'reply.send']);
    expect(await listEffects(app.store().db, { reportId: original.id })).toEqual([]);
  });

  it('each report is audited, naming the other', async () => {
    const { original, duplicate } = await pair();
    await mergeReport(app.ctx(), await app.as('sethmlarson'), duplicate.id.toLowerCase(), original.id);
    const [onOriginal] = (await listAudit(app.store().db, original.id)).filter(
      (e) => e.action === 'report.merge',
    );
    const [onDuplicate] = (await listAudit(app.store().db, duplicate.id)).filter(
      (e) => e.action === 'report.merged',
    );
    expect(onOriginal).toMatchObject({ actor: 'sethmlarson', change: { duplicate: duplicate.id } });
    expect(onDuplicate).toMatchObject({ actor: 'sethmlarson', change: { original: original.id } });
  });

  it("both timelines say so: the original's with its new clock and credit, the duplicate's naming the original", async () => {
    const { original, duplicate } = await pair();
    const seth = await app.as('sethmlarson');
    await mergeReport(app.ctx(), seth, duplicate.id, original.id);
    const said = async (id: string) =>
      (await reportTimeline(app.ctx(), seth, id)).map((e) => `${e.who} ${e.what}`);
    expect(await said(original.id)).toContain(
      `sethmlarson merged ${duplicate.id} into this report: its disclosure clock now runs from 2026-03-01, 1 credit added`,
    );
    expect(await said(duplicate.id)).toContain(
      `sethmlarson merged this report into ${original.id}: rejected as its duplicate`,
    );
  });

  it('refuses merging into itself or into a rejected report, and a refused merge changes nothing', async () => {
    const { original, duplicate } = await pair();
    const seth = await app.as('sethmlarson');
    expect(
      (await failsWith('refused', mergeReport(app.ctx(), seth, original.id, original.id))).message,
    ).toMatch(/into itself/);
    await mergeReport(app.ctx(), seth, duplicate.id, original.id);
    const third = await app.newReport('sethmlarson');
    expect(
      (await failsWith('refused', mergeReport(app.ctx(), seth, third.id, duplicate.id))).message,
    ).toMatch(new RegExp(`${duplicate.id} is rejected`));
    // Nothing changed on the refused merge.
    expect((await showReport(app.ctx(), seth, third.id)).report.state).toBe('triage');
  });

  it('someone who may not see a report gets "not found", as for one that does not exist; a collaborator may not merge', async () => {
    const { original, duplicate } = await pair();
    const stranger = await app.as('mira-finds-bugs');
    const missing = await failsWith('not-found', mergeReport(app.ctx(), stranger, duplicate.id, original.id));
    const none = await failsWith(
      'not-found',
      mergeReport(app.ctx(), stranger, 'PSRT-2026-0999', original.id),
    );
    expect(missing.message.replace(duplicate.id, 'ID')).toBe(none.message.replace('PSRT-2026-0999', 'ID'));
    const seth = await app.as('sethmlarson');
    for (const id of [original.id, duplicate.id]) {
      await grantAccess(app.ctx(), seth, id, {
        login: 'mira-finds-bugs',
        reason: 'reporter',
        expiresAt: null,
      });
    }
    await failsWith(
      'forbidden',
      mergeReport(app.ctx(), await app.as('mira-finds-bugs'), duplicate.id, original.id),
    );
    expect((await showReport(app.ctx(), seth, duplicate.id)).report.state).toBe('triage');
  });
});
