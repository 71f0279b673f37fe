import { sql } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import { verifyAudit } from '../../src/app/audit.ts';
import { grantAccess, revokeAccess } from '../../src/app/grants.ts';
import {
  assignCoordinator,
  createReport,
  determineReport,
  editReport,
  transitionReport,
} from '../../src/app/reports.ts';
import { importRoster } from '../../src/app/roster.ts';
import { listAudit, openStore } from '../../src/store/index.ts';
import { forEachEngine } from '../support/engines.ts';
import { anonymous, bot, devguideRoster, failsWith, testApp } from './support.ts';

forEachEngine('the audit log through the use-cases', (engine) => {
  const app = testApp(engine);
  const ctx = () => app.ctx();
  beforeEach(() => app.importDevguideRoster());

  /** A day of work: a report coordinated, accepted, a collaborator added and removed. */
  async function dayOfWork(): Promise<string> {
    const seth = await app.as('sethmlarson');
    const report = await app.newReport('sethmlarson');
    for (const step of [
      () => assignCoordinator(ctx(), seth, report.id, 'sethmlarson'),
      () => determineReport(ctx(), seth, report.id, 'vulnerability'),
      () => transitionReport(ctx(), seth, report.id, 'accept'),
      () => grantAccess(ctx(), seth, report.id, { login: 'zip-expert', reason: 'reviews the fix' }),
      () => revokeAccess(ctx(), seth, report.id, 'zip-expert'),
    ]) {
      app.clock.advance(3_600_000);
      await step();
    }
    return report.id;
  }

  it('only admins (and the bot, on its schedule) may verify the audit log', async () => {
    await dayOfWork();
    for (const who of [await app.as('gpshead'), await app.as('hugovk'), await app.as('tiran'), anonymous]) {
      await failsWith('forbidden', verifyAudit(ctx(), who));
    }
    expect(await verifyAudit(ctx(), bot)).toMatchObject({ ok: true });
    expect(await verifyAudit(ctx(), await app.as('ned-deily'))).toMatchObject({ ok: true });
  });

  it('every change by every use-case is one event in one chain that verifies', async () => {
    const id = await dayOfWork();
    expect((await listAudit(app.store().db, id)).map((e) => [e.seq, e.action])).toEqual([
      [2, 'report.create'],
      [3, 'report.assign'],
      [4, 'report.determine'],
      [5, 'report.accept'],
      [6, 'grant.create'],
      [7, 'grant.revoke'],
    ]);
    const progress: number[] = [];
    const verdict = await verifyAudit(ctx(), await app.as('warsaw'), {
      onProgress: (checked) => progress.push(checked),
    });
    expect(verdict).toMatchObject({ ok: true, count: 7, lastSeq: 7 });
    expect(progress).toEqual([7]);
  });

  it('refused and failed changes leave the chain exactly as it was', async () => {
    const id = await dayOfWork();
    const admin = await app.as('warsaw');
    const before = await verifyAudit(ctx(), admin);
    const seth = await app.as('sethmlarson');
    await failsWith('refused', transitionReport(ctx(), seth, id, 'accept'));
    await failsWith('invalid', editReport(ctx(), seth, id, { cvssVector: 'CVSS:3.1/AV:N' }));
    await failsWith('not-found', transitionReport(ctx(), await app.as('zip-expert'), id, 'accept'));
    await failsWith('not-found', transitionReport(ctx(), anonymous, id, 'accept'));
    await failsWith('not-found', transitionReport(ctx(), seth, 'PSRT-2026-0404', 'accept'));
    await failsWith('forbidden', importRoster(ctx(), await app.as('gpshead'), devguideRoster()));
    expect(await verifyAudit(ctx(), admin)).toEqual(before);
  });

  it('an event edited in the database is found, and the first bad one is named', async () => {
    const id = await dayOfWork();
    await app
      .store()
      .db.execute(
        sql`update audit_events set change = '{"coordinator":{"from":null,"to":"mallory"}}' where subject = ${id} and action = 'report.assign'`,
      );
    expect(await verifyAudit(ctx(), await app.as('warsaw'))).toMatchObject({
      ok: false,
      firstBad: { seq: 3, reason: 'edited' },
    });
  });

  it('changes made at the same time, by several instances, chain into one log without gaps', async () => {
    const otherUrl = engine.databaseUrl();
    // On PostgreSQL a second store on the same database is a second psrt instance.
    const other = otherUrl ? await openStore({ databaseUrl: otherUrl }) : app.store();
    try {
      const seth = await app.as('sethmlarson');
      const contexts = [ctx(), { ...ctx(), store: other }];
      const created = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          createReport(contexts[i % 2] ?? ctx(), seth, {
            repository: 'python/cpython',
            title: `concurrent report ${i}`,
            description: 'filed at the same moment as the others',
          }),
        ),
      );
      expect(new Set(created.map((r) => r.id)).size).toBe(8);
      expect(created.map((r) => r.id).sort()).toEqual(
        Array.from({ length: 8 }, (_, i) => `PSRT-2026-000${i + 1}`),
      );
      expect(await verifyAudit(ctx(), await app.as('warsaw'))).toMatchObject({ ok: true, count: 9 });
    } finally {
      if (otherUrl) await other.close();
    }
  });
});
