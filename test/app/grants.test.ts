import { beforeEach, describe, expect, it } from 'vitest';
import { grantAccess, revokeAccess } from '../../src/app/grants.ts';
import {
  assignCoordinator,
  determineReport,
  editReport,
  extendDeadline,
  listOpenReports,
  requestHandoff,
  showReport,
  transitionReport,
} from '../../src/app/reports.ts';
import type { Principal, Report } from '../../src/domain/report.ts';
import { listEffects, listGrants } from '../../src/store/index.ts';
import { forEachEngine } from '../support/engines.ts';
import { anonymous, bot, DAY_MS, daysAfter, failsWith, failureOf, testApp } from './support.ts';

const GHSA = 'GHSA-7x2c-3vq9-h4mf';
const outOfScope = { rejection: { reason: 'out-of-scope' as const, detail: null } };

forEachEngine('access through the use-cases', (engine) => {
  const app = testApp(engine);
  const ctx = () => app.ctx();
  let coordinator: Principal;
  let mira: Principal;
  let report: Report;

  beforeEach(async () => {
    await app.importDevguideRoster();
    coordinator = await app.as('sethmlarson');
    mira = await app.as('mira-finds-bugs');
    report = await app.newReport('sethmlarson', { ghsaId: GHSA, reporter: 'mira-finds-bugs' });
    await assignCoordinator(ctx(), coordinator, report.id, 'sethmlarson');
    // Out of scope, as the coordinator determines: the tests below reject it so.
    await determineReport(ctx(), coordinator, report.id, 'not-a-vulnerability');
  });

  const grantMira = (extra: { expiresAt?: Date | null } = {}) =>
    grantAccess(ctx(), coordinator, report.id, {
      login: 'mira-finds-bugs',
      reason: 'the reporter',
      ...extra,
    });

  /** Whether `who` can open the report (true), or gets "not found" (false). */
  async function sees(who: Principal): Promise<boolean> {
    try {
      await showReport(ctx(), who, report.id);
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === 'not-found') return false;
      throw error;
    }
  }

  describe('the embargo', () => {
    it('someone without a grant gets the same "not found" as for a report that does not exist', async () => {
      const missing = 'PSRT-2026-9999';
      for (const who of [mira, await app.as('tiran'), anonymous]) {
        const hidden = await failsWith('not-found', showReport(ctx(), who, report.id));
        const absent = await failsWith('not-found', showReport(ctx(), who, missing));
        expect(hidden.message.replace(report.id, '<id>')).toBe(absent.message.replace(missing, '<id>'));
        expect([hidden.detail, absent.detail]).toEqual([undefined, undefined]);
        expect(hidden.message).not.toContain(report.title);
      }
    });

    it('someone without a grant who tries to change a report learns nothing either: "not found", not "forbidden"', async () => {
      const before = await app.trail(report.id);
      await failsWith('not-found', transitionReport(ctx(), mira, report.id, 'reject', outOfScope));
      await failsWith('not-found', assignCoordinator(ctx(), mira, report.id, 'sethmlarson'));
      await failsWith(
        'not-found',
        grantAccess(ctx(), mira, report.id, { login: 'mira-finds-bugs', reason: 'me' }),
      );
      await failsWith('not-found', revokeAccess(ctx(), mira, report.id, 'mira-finds-bugs'));
      expect(await app.trail(report.id)).toEqual(before);
    });

    it('anonymous visitors and signed-in strangers see no open reports', async () => {
      await grantMira();
      for (const who of [anonymous, await app.as('curious-visitor'), await app.as('tiran')]) {
        expect(await listOpenReports(ctx(), who)).toMatchObject({ reports: [], total: 0 });
      }
    });

    it('members see every report, and who else has access to it', async () => {
      const grant = await grantMira();
      const shown = await showReport(ctx(), await app.as('hugovk'), report.id);
      expect(shown.grants).toEqual([grant]);
      expect((await listOpenReports(ctx(), await app.as('hugovk'))).total).toBe(1);
      expect((await showReport(ctx(), bot, report.id)).grants).toHaveLength(1);
    });
  });

  describe('collaborators', () => {
    it('a collaborator with a grant sees that report and its clocks, but not who else has access', async () => {
      const other = await app.newReport('sethmlarson', { title: 'Another embargoed report' });
      await grantMira();
      const shown = await showReport(ctx(), mira, report.id);
      expect(shown.report.id).toBe(report.id);
      expect(shown.clocks.disclosure.daysLeft).toBe(90);
      expect(shown.grants).toBeNull();
      const listed = await listOpenReports(ctx(), mira);
      expect(listed.reports.map((r) => r.report.id)).toEqual([report.id]);
      expect(listed.total).toBe(1);
      await failsWith('not-found', showReport(ctx(), mira, other.id));
    });

    it('logins are case-insensitive, as on GitHub', async () => {
      await grantMira();
      expect(await sees(await app.as('Mira-Finds-Bugs'))).toBe(true);
      await failsWith(
        'conflict',
        grantAccess(ctx(), coordinator, report.id, { login: 'MIRA-finds-bugs', reason: 'again' }),
      );
    });

    it('a collaborator cannot coordinate, decide, extend, edit or grant', async () => {
      await grantMira();
      const before = await app.trail(report.id);
      const attempts = [
        () => transitionReport(ctx(), mira, report.id, 'reject', outOfScope),
        () => determineReport(ctx(), mira, report.id, 'vulnerability'),
        () => assignCoordinator(ctx(), mira, report.id, 'sethmlarson'),
        () => requestHandoff(ctx(), mira, report.id, 'gpshead'),
        () => editReport(ctx(), mira, report.id, { title: 'changed by the reporter' }),
        () => extendDeadline(ctx(), mira, report.id, { days: 30, reason: 'more time', reporterAgreed: true }),
        () => grantAccess(ctx(), mira, report.id, { login: 'a-friend', reason: 'helps me' }),
        () => revokeAccess(ctx(), mira, report.id, 'mira-finds-bugs'),
      ];
      for (const attempt of attempts) {
        const error = await failsWith('forbidden', attempt());
        expect(error.message).toBe('Only PSRT members may do this.');
      }
      expect(await app.trail(report.id)).toEqual(before);
      expect((await showReport(ctx(), coordinator, report.id)).report.state).toBe('triage');
    });

    it('granting on a report mirrored from GHSA adds the collaborator there too, and revoking removes them', async () => {
      const grant = await grantMira();
      await revokeAccess(ctx(), coordinator, report.id, 'mira-finds-bugs');
      const effects = (await listEffects(app.store().db, { reportId: report.id })).filter((e) =>
        e.kind.endsWith('-collaborator'),
      );
      expect(effects.map((e) => [e.kind, e.key, e.payload])).toEqual([
        [
          'ghsa.add-collaborator',
          `ghsa.add-collaborator:${grant.id}`,
          expect.objectContaining({ ghsaId: GHSA, repository: 'python/cpython', login: 'mira-finds-bugs' }),
        ],
        [
          'ghsa.remove-collaborator',
          `ghsa.remove-collaborator:${grant.id}`,
          expect.objectContaining({ ghsaId: GHSA, repository: 'python/cpython', login: 'mira-finds-bugs' }),
        ],
      ]);
      expect((await app.trail(report.id)).audit.slice(-2)).toEqual(['grant.create', 'grant.revoke']);
    });

    it('after their access is revoked, the collaborator gets "not found" again', async () => {
      await grantMira();
      app.clock.advanceDays(3);
      const revoked = await revokeAccess(ctx(), coordinator, report.id, 'mira-finds-bugs');
      expect(revoked).toMatchObject([
        { login: 'mira-finds-bugs', revokedAt: app.clock.now(), revokedBy: 'sethmlarson' },
      ]);
      expect(await sees(mira)).toBe(false);
      expect((await listOpenReports(ctx(), mira)).total).toBe(0);
      const again = await failsWith(
        'not-found',
        revokeAccess(ctx(), coordinator, report.id, 'mira-finds-bugs'),
      );
      expect(again.message).toBe(`mira-finds-bugs has no access to ${report.id} to revoke.`);
    });

    it('a grant needs a GitHub login, a reason and, if given, an expiry in the future', async () => {
      const now = app.clock.now();
      await failsWith(
        'invalid',
        grantAccess(ctx(), coordinator, report.id, { login: 'not a login', reason: 'x' }),
      );
      await failsWith(
        'invalid',
        grantAccess(ctx(), coordinator, report.id, { login: 'expert', reason: ' ' }),
      );
      await failsWith(
        'invalid',
        grantAccess(ctx(), coordinator, report.id, { login: 'expert', reason: 'x', expiresAt: now }),
      );
      expect(await listGrants(app.store().db, report.id)).toEqual([]);
    });
  });

  describe('grant expiry', () => {
    it('access granted while the report is open lasts until 14 days after the report is finished', async () => {
      const grant = await grantMira();
      expect(grant.expiresAt).toBeNull();
      app.clock.advanceDays(20);
      await transitionReport(ctx(), coordinator, report.id, 'reject', outOfScope);

      app.clock.advance(14 * DAY_MS - 1);
      expect(await sees(mira)).toBe(true);
      expect((await listOpenReports(ctx(), mira, { open: false })).total).toBe(1);
      app.clock.advance(1);
      expect(await sees(mira)).toBe(false);
      expect((await listOpenReports(ctx(), mira, { open: false })).total).toBe(0);
      expect((await listOpenReports(ctx(), mira)).total).toBe(0);
    });

    it('an expiry chosen when granting is kept when the report is finished', async () => {
      const chosen = daysAfter(app.clock.now(), 30);
      await grantMira({ expiresAt: chosen });
      await transitionReport(ctx(), coordinator, report.id, 'reject', outOfScope);
      expect((await listGrants(app.store().db, report.id)).map((g) => g.expiresAt)).toEqual([chosen]);
    });

    it('a grant with a chosen expiry ends then, even while the report is open', async () => {
      await grantMira({ expiresAt: daysAfter(app.clock.now(), 7) });
      app.clock.advanceDays(7);
      expect(await sees(mira)).toBe(false);
      expect((await listOpenReports(ctx(), mira)).total).toBe(0);
    });

    it('access granted after the report is finished already ends 14 days after it finished', async () => {
      await transitionReport(ctx(), coordinator, report.id, 'reject', outOfScope);
      const finishedAt = app.clock.now();
      app.clock.advanceDays(5);
      const grant = await grantMira();
      expect(grant.expiresAt).toEqual(daysAfter(finishedAt, 14));
    });

    it('expiring a lapsed grant leaves a newer grant to the same person in place', async () => {
      await grantMira({ expiresAt: daysAfter(app.clock.now(), 7) });
      app.clock.advanceDays(8);
      const renewed = await grantMira({ expiresAt: daysAfter(app.clock.now(), 30) });
      const expired = await revokeAccess(ctx(), bot, report.id, 'mira-finds-bugs', 'expired');
      expect(expired.map((g) => g.id)).not.toContain(renewed.id);
      expect(expired).toHaveLength(1);
      expect(await sees(mira)).toBe(true);
      expect((await app.trail(report.id)).audit.at(-1)).toBe('grant.expire');
    });

    it('reopening a rejected report gives its collaborators back access until it is finished again', async () => {
      await grantMira();
      await transitionReport(ctx(), coordinator, report.id, 'reject', outOfScope);
      app.clock.advanceDays(3);
      await transitionReport(ctx(), coordinator, report.id, 'reopen', {
        reason: 'The reporter found a way to reach it from untrusted input.',
      });
      // The report is open again: "until 14 days after it is finished" has no date any more.
      app.clock.advanceDays(30);
      expect(await sees(mira)).toBe(true);
      expect((await listOpenReports(ctx(), mira)).total).toBe(1);
    });
  });

  describe('published advisories', () => {
    it('once published, anyone may read the advisory, while embargoed reports stay hidden', async () => {
      const embargoed = await app.newReport('sethmlarson', { title: 'Still embargoed' });
      await determineReport(ctx(), coordinator, report.id, 'vulnerability');
      await transitionReport(ctx(), coordinator, report.id, 'accept');
      const notReady = await failureOf(transitionReport(ctx(), coordinator, report.id, 'publish'));
      expect(notReady.code).toBe('refused');
      await editReport(ctx(), coordinator, report.id, {
        cveId: 'CVE-2026-41234',
        cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N',
        affected: [
          {
            ecosystem: 'PyPI',
            package: 'cpython',
            vulnerableVersionRange: '< 3.14.1',
            patchedVersions: '3.14.1',
          },
        ],
        fixPullRequests: [
          {
            url: 'https://github.com/python/cpython/pull/140211',
            public: true,
            merged: true,
            backport: false,
          },
        ],
        creditPreference: { credit: true, name: 'Mira' },
      });
      await transitionReport(ctx(), coordinator, report.id, 'publish');

      expect((await showReport(ctx(), anonymous, report.id)).report.state).toBe('published');
      expect((await showReport(ctx(), anonymous, report.id)).grants).toBeNull();
      const published = await listOpenReports(ctx(), anonymous, { open: false });
      expect(published.reports.map((r) => r.report.id)).toEqual([report.id]);
      await failsWith('not-found', showReport(ctx(), anonymous, embargoed.id));
      await failsWith('forbidden', transitionReport(ctx(), anonymous, report.id, 'reopen', { reason: 'x' }));
    });
  });
});
