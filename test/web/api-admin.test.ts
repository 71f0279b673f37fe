// The team's own machinery through the JSON API, with a token and with a
// session: the roster (public; replaced by admins from CSV text), who you
// are, the audit log (paged and verified, admins), effects and webhook
// deliveries (members; a failed one driven again), coverage and the history
// import (admins), each refused to those the CLI refuses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vendored } from '../../sim/conformance/vendored.ts';
import { processDueDeliveries } from '../../src/app/bot/deliveries.ts';
import { receiveDelivery } from '../../src/app/bot/delivery-intake.ts';
import { assignCoordinator, determineReport, transitionReport } from '../../src/app/reports.ts';
import { claimEffects, failEffect } from '../../src/store/index.ts';
import { devguideRoster, sandboxFile } from '../app/support.ts';
import { forEachEngine } from '../support/engines.ts';
import { apiWorld, type CredentialKind } from './api-support.ts';

type Problem = { status: number; detail: string };

forEachEngine('the team machinery through the API', (engine) => {
  const { t, call, credentials } = apiWorld(engine);

  /** An accepted report: its CVE reservation and notices wait in the outbox. */
  async function acceptedReport() {
    const seth = await t.as('sethmlarson');
    const report = await t.newReport('sethmlarson');
    await assignCoordinator(t.ctx(), seth, report.id, 'sethmlarson');
    await determineReport(t.ctx(), seth, report.id, 'vulnerability');
    return transitionReport(t.ctx(), seth, report.id, 'accept');
  }

  describe.each<CredentialKind>(['token', 'session'])('with a %s', (kind) => {
    it('the roster is public; an admin replaces a list from CSV text, and a member may not', async () => {
      await t.importDevguideRoster();
      const listed = await call<{ entries: { list: string; login: string | null; roles: string[] }[] }>(
        {},
        'GET',
        '/v1/roster?list=member',
      );
      expect(listed.body.entries).toHaveLength(31);
      expect(listed.body.entries.find((e) => e.login === 'warsaw')?.roles).toContain('Admin');
      const csv = await call({}, 'GET', '/v1/roster/member/csv');
      expect(csv.text).toBe(sandboxFile('psrt.csv'));
      expect(csv.headers.get('content-type')).toContain('text/csv');
      // The same for a member signed in.
      const member = await credentials(kind, 'gpshead');
      expect((await call(member, 'GET', '/v1/roster')).body).toEqual({
        entries: expect.arrayContaining(listed.body.entries),
      });
      expect((await call(member, 'GET', '/v1/roster/emeritus/csv')).text).toBe(
        sandboxFile('psrt-emeritus.csv'),
      );

      const { emeritus } = devguideRoster();
      const byMember = await call<Problem>(await credentials(kind, 'gpshead'), 'POST', '/v1/roster/import', {
        emeritus,
      });
      expect(byMember.status).toBe(403);
      expect(byMember.body.detail).toContain('Only PSRT admins');
      const byAdmin = await call(await credentials(kind, 'warsaw'), 'POST', '/v1/roster/import', {
        emeritus,
      });
      expect(byAdmin.body).toEqual({ members: null, emeritus: 9, bootstrap: false });
      const emptied = await call<Problem>(await credentials(kind, 'warsaw'), 'POST', '/v1/roster/import', {
        emeritus: { text: '', source: 'empty.csv' },
      });
      expect(emptied.status).toBe(422);
      expect(emptied.body.detail).toContain('empty.csv has nobody in it');
    });

    it("a member leaves and members see the change on its way; admins record the Council's designations", async () => {
      await t.importDevguideRoster();
      const left = await call<{ kind: string; login: string; status: string }>(
        await credentials(kind, 'gpshead'),
        'POST',
        '/v1/roster/leave',
      );
      expect(left.body).toMatchObject({ kind: 'leave', login: 'gpshead', status: 'pending' });
      const outsider = await call<Problem>(
        await credentials(kind, 'mira-finds-bugs'),
        'GET',
        '/v1/roster/changes',
      );
      expect(outsider.status).toBe(403);
      const changes = await call<{ changes: { login: string }[] }>(
        await credentials(kind, 'hugovk'),
        'GET',
        '/v1/roster/changes',
      );
      expect(changes.body.changes.map((c) => c.login)).toEqual(['gpshead']);
      const designated = await call(await credentials(kind, 'warsaw'), 'POST', '/v1/roster/roles', {
        login: 'hugovk',
        role: 'Admin',
        on: true,
        decision: 'Steering Council vote, 2026-03-09',
      });
      expect(designated.body).toMatchObject({ login: 'hugovk', roles: ['Admin', 'Release Manager'] });
      const byMember = await call<Problem>(await credentials(kind, 'encukou'), 'POST', '/v1/roster/roles', {
        login: 'gpshead',
        role: 'Admin',
        on: true,
        decision: 'none',
      });
      expect(byMember.status).toBe(403);
    });

    it('says who you are: login, membership and roles', async () => {
      await t.importDevguideRoster();
      const me = await call(await credentials(kind, 'warsaw'), 'GET', '/v1/me');
      expect(me.body).toEqual({ login: 'warsaw', member: true, roles: ['Admin'] });
      expect((await call(await credentials(kind, 'mira-finds-bugs'), 'GET', '/v1/me')).body).toEqual({
        login: 'mira-finds-bugs',
        member: false,
        roles: [],
      });
      expect((await call({}, 'GET', '/v1/me')).body).toEqual({ login: null, member: false, roles: [] });
    });

    it('a member pages through the audit log, newest first; only an admin verifies its chain', async () => {
      await t.importDevguideRoster();
      const admin = await credentials(kind, 'warsaw');
      const report = await acceptedReport();
      type Page = { events: { seq: number; action: string }[]; next: string | null };
      const actions: string[] = [];
      let next: string | null = '';
      while (next !== null) {
        const page: Page = (await call<Page>(admin, 'GET', `/v1/audit/events?limit=2&cursor=${next}`)).body;
        expect(page.events.length).toBeLessThanOrEqual(2);
        actions.push(...page.events.map((e) => e.action));
        next = page.next;
      }
      // A token made for the call is audited too.
      expect(actions.filter((action) => action !== 'token.create')).toEqual([
        'report.accept',
        'report.determine',
        'report.assign',
        'report.create',
        'roster.import',
      ]);
      const about = await call<{ events: unknown[] }>(admin, 'GET', `/v1/audit/events?subject=${report.id}`);
      expect(about.body.events).toHaveLength(4);
      const verdict = await call<{ ok: boolean; count: number; lastSeq: number; lastHash: string }>(
        admin,
        'GET',
        '/v1/audit/verification',
      );
      expect(verdict.body).toMatchObject({ ok: true, count: actions.length });
      const head = `${verdict.body.lastSeq}:${verdict.body.lastHash}`;
      expect((await call(admin, 'GET', `/v1/audit/verification?expectHead=${head}`)).body).toMatchObject({
        ok: true,
      });
      const bad = await call<Problem>(admin, 'GET', '/v1/audit/verification?expectHead=nonsense');
      expect(bad.status).toBe(400);
      const member = await credentials(kind, 'gpshead');
      expect((await call(member, 'GET', '/v1/audit/events')).status).toBe(200);
      expect((await call(member, 'GET', '/v1/audit/verification')).status).toBe(403);
      const outsider = await credentials(kind, 'curious-visitor');
      expect((await call(outsider, 'GET', '/v1/audit/events')).status).toBe(403);
    });

    it("an admin's check of the chain is recorded in the log as the page's is; a GET only checks", async () => {
      await t.importDevguideRoster();
      const admin = await credentials(kind, 'warsaw');
      type Page = { events: { action: string; actor: string; change: unknown }[] };
      const newest = async () =>
        (await call<Page>(admin, 'GET', '/v1/audit/events?limit=1&actor=warsaw')).body.events[0];
      const before = await newest();
      expect((await call(admin, 'GET', '/v1/audit/verification')).body).toMatchObject({ ok: true });
      expect(await newest()).toEqual(before);
      const head = await call<{ lastSeq: number; lastHash: string }>(admin, 'GET', '/v1/audit/verification');
      const checked = await call<{ at: string; by: string; verdict: { ok: boolean; count: number } }>(
        admin,
        'POST',
        '/v1/audit/verification',
        { expectHead: `${head.body.lastSeq}:${head.body.lastHash}` },
      );
      expect(checked.status).toBe(201);
      expect(checked.body).toMatchObject({ by: 'warsaw', at: t.clock.now().toISOString() });
      expect(checked.body.verdict).toMatchObject({ ok: true, count: head.body.lastSeq });
      expect(await newest()).toMatchObject({
        action: 'audit.verify',
        actor: 'warsaw',
        change: checked.body.verdict,
      });
      const member = await credentials(kind, 'gpshead');
      const refused = await call<Problem>(member, 'POST', '/v1/audit/verification', {});
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toContain('Only PSRT admins');
    });

    it('a member lists the effects and drives a failed one again; an outsider may not see them', async () => {
      await t.importDevguideRoster();
      const report = await acceptedReport();
      const [claimed] = await claimEffects(t.store().db, {
        now: t.clock.now(),
        workerId: 'test',
        limit: 1,
        kinds: ['cve.reserve'],
      });
      if (!claimed) throw new Error('the accepted report has a CVE reservation to claim');
      await failEffect(t.store().db, claimed.id, 'CVE Services said no', t.clock.now(), { final: true });
      const seth = await credentials(kind, 'sethmlarson');
      const failed = await call<{
        effects: { id: number; kind: string; lastError: string }[];
        summary: unknown;
      }>(seth, 'GET', `/v1/effects?status=failed&report=${report.id}`);
      expect(failed.body.effects).toEqual([
        expect.objectContaining({ id: claimed.id, kind: 'cve.reserve', lastError: 'CVE Services said no' }),
      ]);
      expect(failed.body.summary).toMatchObject({ byStatus: { failed: 1 } });
      const retried = await call<{ status: string }>(seth, 'POST', `/v1/effects/${claimed.id}/retry`);
      expect(retried.body.status).toBe('pending');
      const again = await call<Problem>(seth, 'POST', `/v1/effects/${claimed.id}/retry`);
      expect(again.status).toBe(409);
      expect((await call(seth, 'POST', '/v1/effects/999999/retry')).status).toBe(404);
      expect((await call(await credentials(kind, 'mira-finds-bugs'), 'GET', '/v1/effects')).status).toBe(403);
    });

    it('a member lists the webhook deliveries without payloads and drives a failed one again', async () => {
      await t.importDevguideRoster();
      const payload = { action: 'reported', repository_advisory: { summary: 'EMBARGOED summary' } };
      await receiveDelivery(t.ctx(), {
        guid: 'delivery-1',
        event: 'repository_advisory',
        payload,
        body: JSON.stringify(payload),
      });
      for (let attempt = 0; attempt < 5; attempt++) {
        await processDueDeliveries(t.ctx(), {
          repository_advisory: async () => {
            throw new Error('could not mirror it');
          },
        });
        t.clock.advance(3_600_000);
      }
      const seth = await credentials(kind, 'sethmlarson');
      const listed = await call<{ deliveries: { guid: string; status: string }[] }>(
        seth,
        'GET',
        '/v1/webhook-deliveries?status=failed',
      );
      expect(listed.body.deliveries.map((d) => [d.guid, d.status])).toEqual([['delivery-1', 'failed']]);
      expect(listed.text).not.toContain('EMBARGOED');
      const retried = await call<{ status: string }>(seth, 'POST', '/v1/webhook-deliveries/delivery-1/retry');
      expect(retried.body.status).toBe('pending');
      expect((await call(seth, 'POST', '/v1/webhook-deliveries/delivery-1/retry')).status).toBe(409);
      expect(
        (await call(await credentials(kind, 'mira-finds-bugs'), 'GET', '/v1/webhook-deliveries')).status,
      ).toBe(403);
    });

    it('an admin imports a published OSV record as a published report; a broken one is skipped naming where', async () => {
      await t.importDevguideRoster();
      const record = JSON.parse(
        readFileSync(join(vendored.psfAdvisories, 'PSF-2023-12.json'), 'utf8'),
      ) as Record<string, unknown>;
      const admin = await credentials(kind, 'warsaw');
      const dry = await call(admin, 'POST', '/v1/history/osv?dryRun=true', record);
      expect(dry.body).toEqual({ status: 'unchanged', reportId: null, problems: [], differences: [] });
      const created = await call<{ status: string; reportId: string }>(
        admin,
        'POST',
        '/v1/history/osv',
        record,
      );
      expect(created.body).toMatchObject({
        status: 'created',
        reportId: expect.stringMatching(/^PSRT-2023-/),
      });
      const again = await call(admin, 'POST', '/v1/history/osv', record);
      expect(again.body).toMatchObject({ status: 'unchanged', reportId: created.body.reportId });
      const broken = await call<{ status: string; problems: { path: string }[] }>(
        admin,
        'POST',
        '/v1/history/osv',
        {
          ...record,
          published: 'yesterday',
        },
      );
      expect(broken.body.status).toBe('skipped');
      expect(broken.body.problems.map((p) => p.path)).toContain('/published');
      const byMember = await call<Problem>(
        await credentials(kind, 'gpshead'),
        'POST',
        '/v1/history/osv',
        record,
      );
      expect(byMember.status).toBe(403);
    });
  });

  it('coverage is read from GitHub: without the App it says what to configure; outsiders are refused first', async () => {
    await t.importDevguideRoster();
    const outsider = await call<Problem>(
      await credentials('token', 'mira-finds-bugs'),
      'GET',
      '/v1/coverage',
    );
    expect(outsider.status).toBe(403);
    const member = await call<Problem>(await credentials('token', 'sethmlarson'), 'GET', '/v1/coverage');
    expect(member.status).toBe(503);
    expect(member.body.detail).toContain('GITHUB_APP_PRIVATE_KEY');
    const applied = await call<Problem>(
      await credentials('session', 'sethmlarson'),
      'POST',
      '/v1/coverage/apply',
    );
    expect(applied.status).toBe(503);
  });

  it('an admin token made without the admin scope acts as a member', async () => {
    await t.importDevguideRoster();
    const act = await credentials('token', 'warsaw', 'act');
    expect((await call(act, 'GET', '/v1/audit/verification')).status).toBe(403);
    expect((await call(act, 'POST', '/v1/audit/verification', {})).status).toBe(403);
    expect((await call(act, 'GET', '/v1/me')).body).toEqual({ login: 'warsaw', member: true, roles: [] });
  });
});
