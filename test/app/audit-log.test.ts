// Reading the audit log (members), and its verification recorded in the log
// itself: who verified the chain, when, and what they found.
import { sql } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import {
  auditLogAs,
  auditStatusAs,
  schedulerPrincipal,
  verifyAndRecordAudit,
} from '../../src/app/audit-log.ts';
import { grantAccess } from '../../src/app/grants.ts';
import { assignCoordinator, determineReport } from '../../src/app/reports.ts';
import { forEachEngine } from '../support/engines.ts';
import { anonymous, failsWith, testApp } from './support.ts';

forEachEngine('the audit log as members read it', (engine) => {
  const app = testApp(engine);
  const ctx = () => app.ctx();
  beforeEach(() => app.importDevguideRoster());

  /** Two reports worked on by two members: seven events after the roster import. */
  async function twoReports(): Promise<[string, string]> {
    const seth = await app.as('sethmlarson');
    const greg = await app.as('gpshead');
    const first = await app.newReport('sethmlarson');
    app.clock.advance(60_000);
    const second = await app.newReport('gpshead', { title: 'tarfile: symlink escape' });
    app.clock.advance(60_000);
    await assignCoordinator(ctx(), seth, first.id, 'sethmlarson');
    await assignCoordinator(ctx(), greg, second.id, 'gpshead');
    await determineReport(ctx(), seth, first.id, 'vulnerability');
    await grantAccess(ctx(), seth, first.id, { login: 'zip-expert', reason: 'reviews the fix' });
    return [first.id, second.id];
  }

  it('a member reads every event newest first, a page at a time, to the first one', async () => {
    await twoReports();
    const member = await app.as('hugovk');
    const first = await auditLogAs(ctx(), member, { limit: 4 });
    expect(first.events.map((e) => e.seq)).toEqual([7, 6, 5, 4]);
    expect(first.next).toBe(4);
    const second = await auditLogAs(ctx(), member, { limit: 4, before: first.next ?? 0 });
    expect(second.events.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(second.next).toBeNull();
    expect(second.events.at(-1)?.action).toBe('roster.import');
  });

  it("a member narrows the log to one report's events, or to one person's, whatever the login's case", async () => {
    const [first] = await twoReports();
    const member = await app.as('hugovk');
    const ofReport = await auditLogAs(ctx(), member, { subject: first });
    expect(ofReport.events.map((e) => e.action)).toEqual([
      'grant.create',
      'report.determine',
      'report.assign',
      'report.create',
    ]);
    const byGreg = await auditLogAs(ctx(), member, { actor: 'GPSHead' });
    expect(byGreg.events.map((e) => [e.actor, e.action])).toEqual([
      ['gpshead', 'report.assign'],
      ['gpshead', 'report.create'],
    ]);
  });

  it('collaborators and the public may not read the audit log: it carries embargoed report text', async () => {
    await twoReports();
    for (const who of [await app.as('zip-expert'), await app.as('someone-else'), anonymous]) {
      await failsWith('forbidden', auditLogAs(ctx(), who));
      await failsWith('forbidden', auditStatusAs(ctx(), who));
    }
  });

  it('until someone verifies the chain, the log says it was never verified', async () => {
    await twoReports();
    expect(await auditStatusAs(ctx(), await app.as('hugovk'))).toEqual({ last: null, headSeq: 7 });
  });

  it("an admin's verification is recorded in the log: who, when, and the head they found intact", async () => {
    await twoReports();
    app.clock.advance(3_600_000);
    const verified = await verifyAndRecordAudit(ctx(), await app.as('warsaw'));
    expect(verified).toMatchObject({ by: 'warsaw', at: app.clock.now(), verdict: { ok: true, lastSeq: 7 } });
    const status = await auditStatusAs(ctx(), await app.as('hugovk'));
    expect(status).toEqual({ last: verified, headSeq: 8 });
    const [event] = (await auditLogAs(ctx(), await app.as('hugovk'), { limit: 1 })).events;
    expect(event).toMatchObject({ seq: 8, actor: 'warsaw', action: 'audit.verify', subject: 'audit' });
  });

  it('the daily check is recorded as the scheduler, and its own event leaves the next check a valid chain', async () => {
    await twoReports();
    await verifyAndRecordAudit(ctx(), schedulerPrincipal);
    app.clock.advanceDays(1);
    const again = await verifyAndRecordAudit(ctx(), schedulerPrincipal);
    expect(again).toMatchObject({ by: 'system:scheduler', verdict: { ok: true, count: 8, lastSeq: 8 } });
  });

  it('only admins and the scheduler verify: a member is refused and nothing is recorded', async () => {
    await twoReports();
    await failsWith('forbidden', verifyAndRecordAudit(ctx(), await app.as('gpshead')));
    expect((await auditStatusAs(ctx(), await app.as('gpshead'))).last).toBeNull();
  });

  it('a tampered log is recorded as found: the status names the first bad event', async () => {
    const [first] = await twoReports();
    await app
      .store()
      .db.execute(
        sql`update audit_events set actor = 'mallory' where subject = ${first} and action = 'report.assign'`,
      );
    await verifyAndRecordAudit(ctx(), await app.as('warsaw'));
    const { last } = await auditStatusAs(ctx(), await app.as('hugovk'));
    expect(last).toMatchObject({
      by: 'warsaw',
      verdict: { ok: false, firstBad: { seq: 4, reason: 'edited' } },
    });
  });
});
