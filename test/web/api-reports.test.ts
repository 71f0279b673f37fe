// A coordinator's work on reports through the JSON API, with a personal API
// token and with a browser session (its CSRF header), on both engines: list
// and filter, read, file, edit, coordinate, decide, extend. Each answer is
// checked against the description; refusals are problems; the embargo holds.
import { describe, expect, it } from 'vitest';
import { grantAccess } from '../../src/app/grants.ts';
import { assignCoordinator, determineReport, showReport } from '../../src/app/reports.ts';
import { createApiToken } from '../../src/app/sessions.ts';
import { forEachEngine } from '../support/engines.ts';
import { apiWorld, bearer, type CredentialKind } from './api-support.ts';

type Report = { id: string; state: string; coordinator: string | null; title: string; cveId: string | null };
type Problem = { type: string; title: string; status: number; detail: string; errors?: unknown };
type Page = { reports: { report: Report }[]; total: number; page: number; next: string | null };

forEachEngine('reports through the API', (engine) => {
  const world = apiWorld(engine);
  const { t, call, credentials } = world;

  describe.each<CredentialKind>(['token', 'session'])('with a %s', (kind) => {
    const seth = () => credentials(kind, 'sethmlarson');

    it('lists the reports a member may see, filtered by repository, severity, coordinator and "mine"', async () => {
      await t.importDevguideRoster();
      const mine = await t.newReport('sethmlarson', { title: 'mine' });
      await assignCoordinator(t.ctx(), await t.as('sethmlarson'), mine.id, 'sethmlarson');
      await t.newReport('sethmlarson', { repository: 'python/peps', title: 'elsewhere' });
      const who = await seth();
      const ids = async (query: string) =>
        (await call<Page>(who, 'GET', `/v1/reports${query}`)).body.reports.map((r) => r.report.title);
      expect((await ids('')).sort()).toEqual(['elsewhere', 'mine']);
      expect(await ids('?repository=PYTHON/peps')).toEqual(['elsewhere']);
      expect(await ids('?coordinator=sethmlarson')).toEqual(['mine']);
      expect(await ids('?coordinator=none')).toEqual(['elsewhere']);
      expect(await ids('?mine=true')).toEqual(['mine']);
      expect(await ids('?severity=unscored&state=all')).toHaveLength(2);
      expect(await ids('?severity=high')).toEqual([]);
      expect(await ids('?state=finished')).toEqual([]);
      const numbered = await call<Page>(who, 'GET', '/v1/reports?limit=1&page=2');
      expect(numbered.body).toMatchObject({ total: 2, page: 2 });
      expect(numbered.body.reports).toHaveLength(1);
    });

    it('reads one report with its clocks, checklists, collaborators and effects, and answers 304 while unchanged', async () => {
      await t.importDevguideRoster();
      const report = await t.newReport('sethmlarson');
      const who = await seth();
      const read = await call<{
        report: Report;
        checklists: unknown[];
        grants: unknown[];
        effects: unknown[];
      }>(who, 'GET', `/v1/reports/${report.id}`);
      expect(read.status).toBe(200);
      expect(read.body.report.id).toBe(report.id);
      expect(read.body.checklists.length).toBeGreaterThan(0);
      expect(read.body.grants).toEqual([]);
      expect(read.body.effects).toEqual([]);
      const etag = read.headers.get('etag') ?? '';
      expect(etag).toMatch(/^W\/"/);
      const again = await call(who, 'GET', `/v1/reports/${report.id}`, undefined, {
        headers: { 'if-none-match': etag },
      });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      // Time passing moves the countdowns, not the report: still 304.
      t.clock.advance(60_000);
      const later = await call(who, 'GET', `/v1/reports/${report.id}`, undefined, {
        headers: { 'if-none-match': etag },
      });
      expect(later.status).toBe(304);
      await determineReport(t.ctx(), await t.as('sethmlarson'), report.id, 'vulnerability');
      const changed = await call(who, 'GET', `/v1/reports/${report.id}`, undefined, {
        headers: { 'if-none-match': etag },
      });
      expect(changed.status).toBe(200);
    });

    it('files a report, edits its fields, and refuses an edit the rules do not allow', async () => {
      await t.importDevguideRoster();
      const who = await seth();
      const created = await call<Report>(who, 'POST', '/v1/reports', {
        repository: 'python/cpython',
        title: 'tarfile: path traversal',
        description: 'details',
        receivedAt: '2026-03-01T00:00:00Z',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ state: 'triage', receivedAt: '2026-03-01T00:00:00.000Z' });
      const edited = await call<Report>(who, 'PATCH', `/v1/reports/${created.body.id}`, {
        title: 'tarfile: path traversal on extraction',
        cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N',
      });
      expect(edited.body.title).toBe('tarfile: path traversal on extraction');
      const bad = await call<Problem>(who, 'PATCH', `/v1/reports/${created.body.id}`, { cveId: 'CVE-26' });
      expect(bad.status).toBe(400);
      expect(bad.body.detail).toContain('CVE');
      const unknownField = await call<Problem>(
        who,
        'PATCH',
        `/v1/reports/${created.body.id}`,
        { state: 'x' },
        { invalid: true },
      );
      expect(unknownField.status).toBe(400);
      expect(unknownField.body.detail).toContain('state');
      const future = await call<Problem>(who, 'POST', '/v1/reports', {
        repository: 'python/cpython',
        title: 't',
        receivedAt: '2099-01-01T00:00:00Z',
      });
      expect(future.status).toBe(400);
      expect(future.body.detail).toBe('Cannot create the report: received time is in the future.');
    });

    it('takes a report from triage to accepted, refusing acceptance with the checklist until it is ready', async () => {
      await t.importDevguideRoster();
      const report = await t.newReport('sethmlarson');
      const who = await seth();
      const path = `/v1/reports/${report.id}`;
      const early = await call<Problem>(who, 'POST', `${path}/accept`);
      expect(early.status).toBe(422);
      expect(early.body.type).toBe('/api/problems/refused');
      expect(early.body.detail).toContain('Cannot accept the report.');
      expect(early.body.errors).toMatchObject({ transition: 'accept', allowed: false });
      expect((await call<Report>(who, 'POST', `${path}/coordinator`, {})).body.coordinator).toBe(
        'sethmlarson',
      );
      const determined = await call<Report>(who, 'POST', `${path}/determination`, {
        determination: 'vulnerability',
      });
      expect(determined.status).toBe(200);
      expect((await call<Report>(who, 'POST', `${path}/accept`)).body.state).toBe('accepted');
      const extended = await call<{ extensions: { days: number }[] }>(who, 'POST', `${path}/extensions`, {
        days: 14,
        reason: 'every branch',
        reporterAgreed: true,
      });
      expect(extended.body.extensions).toEqual([
        expect.objectContaining({ days: 14, grantedBy: 'sethmlarson' }),
      ]);
    });

    it('hands coordination over: requested, declined, requested again and accepted by the successor', async () => {
      await t.importDevguideRoster();
      const report = await t.newReport('sethmlarson');
      await assignCoordinator(t.ctx(), await t.as('sethmlarson'), report.id, 'sethmlarson');
      const from = await seth();
      const to = await credentials(kind, 'encukou');
      const path = `/v1/reports/${report.id}/handoff`;
      expect(
        (await call<{ handoff: unknown }>(from, 'POST', path, { to: 'encukou' })).body.handoff,
      ).toMatchObject({
        to: 'encukou',
      });
      expect((await call<{ handoff: unknown }>(to, 'POST', `${path}/decline`)).body.handoff).toBeNull();
      await call(from, 'POST', path, { to: 'encukou' });
      expect((await call<Report>(to, 'POST', `${path}/accept`)).body.coordinator).toBe('encukou');
    });

    it('rejects with the reason and reopens with why', async () => {
      await t.importDevguideRoster();
      const report = await t.newReport('sethmlarson');
      await assignCoordinator(t.ctx(), await t.as('sethmlarson'), report.id, 'sethmlarson');
      await determineReport(t.ctx(), await t.as('sethmlarson'), report.id, 'not-a-vulnerability');
      const who = await seth();
      const rejected = await call<Report>(who, 'POST', `/v1/reports/${report.id}/reject`, {
        reason: 'not-a-vulnerability',
        detail: 'documented behaviour',
      });
      expect(rejected.body.state).toBe('rejected');
      const reopened = await call<Report>(who, 'POST', `/v1/reports/${report.id}/reopen`, {
        reason: 'new facts',
      });
      expect(reopened.body.state).toBe('triage');
    });

    it('an embargoed report does not exist for a collaborator without a grant: the same 404 as an unknown id', async () => {
      await t.importDevguideRoster();
      const report = await t.newReport('sethmlarson');
      const mira = await credentials(kind, 'mira-finds-bugs');
      const unknown = report.id.replace(/\d{4}$/, '9999');
      const denied = await call(mira, 'GET', `/v1/reports/${report.id}`);
      const missing = await call(mira, 'GET', `/v1/reports/${unknown}`);
      expect(denied.status).toBe(404);
      expect(denied.text).toBe(missing.text.replaceAll(unknown, report.id));
      expect(denied.text).not.toContain('zipfile');
      expect((await call<Page>(mira, 'GET', '/v1/reports')).body.total).toBe(0);
      // Her actions on it are the same 404, never a 403 that would confirm it exists.
      const acted = await call(mira, 'POST', `/v1/reports/${report.id}/determination`, {
        determination: 'vulnerability',
      });
      expect(acted.status).toBe(404);
      await grantAccess(t.ctx(), await t.as('sethmlarson'), report.id, {
        login: 'mira-finds-bugs',
        reason: 'reporter',
        expiresAt: null,
      });
      const granted = await call<{ grants: unknown; effects: unknown }>(
        mira,
        'GET',
        `/v1/reports/${report.id}`,
      );
      expect(granted.status).toBe(200);
      expect(granted.body).toMatchObject({ grants: null, effects: null });
      const refused = await call<Problem>(mira, 'POST', `/v1/reports/${report.id}/accept`);
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toBe('Only PSRT members may do this.');
    });
  });

  it('a read-only token may read but not act; an unknown token is refused; a session needs its CSRF header', async () => {
    await t.importDevguideRoster();
    const report = await t.newReport('sethmlarson');
    const { secret } = await createApiToken(t.ctx(), await t.as('sethmlarson'), { name: 'r', scope: 'read' });
    expect((await call(bearer(secret), 'GET', `/v1/reports/${report.id}`)).status).toBe(200);
    const acting = await call<Problem>(bearer(secret), 'POST', `/v1/reports/${report.id}/accept`);
    expect(acting.status).toBe(403);
    expect(acting.body.detail).toContain('may only read');
    const unknown = await call<Problem>(bearer('psrt_unknown'), 'GET', '/v1/reports');
    expect(unknown.status).toBe(401);
    const session = await credentials('session', 'sethmlarson');
    const { 'x-csrf-token': _, ...withoutCsrf } = session;
    const forged = await call<Problem>(withoutCsrf, 'POST', `/v1/reports/${report.id}/coordinator`, {});
    expect(forged.status).toBe(403);
    expect(forged.body.detail).toContain('out of date');
    const elsewhere = await call<Problem>(
      { ...session, origin: 'https://evil.example' },
      'POST',
      `/v1/reports/${report.id}/coordinator`,
      {},
    );
    expect(elsewhere.status).toBe(403);
    // Nothing refused above changed the report.
    const { report: after } = await showReport(t.ctx(), await t.as('sethmlarson'), report.id);
    expect(after).toMatchObject({ coordinator: null, state: 'triage' });
  });

  it('pages by cursor through reports without repeats, and refuses a made-up cursor', async () => {
    await t.importDevguideRoster();
    for (let i = 0; i < 5; i++) {
      await t.newReport('sethmlarson');
      t.clock.advance(1000);
    }
    const who = await credentials('token', 'sethmlarson');
    const seen: string[] = [];
    let next: string | null = '';
    while (next !== null) {
      const page: Page = (await call<Page>(who, 'GET', `/v1/reports?limit=2&cursor=${next}`)).body;
      seen.push(...page.reports.map((r) => r.report.id));
      next = page.next;
    }
    expect(new Set(seen).size).toBe(5);
    expect((await call(who, 'GET', '/v1/reports?cursor=made-up')).status).toBe(400);
    const tooMany = await call(who, 'GET', '/v1/reports?limit=501', undefined, { invalid: true });
    expect(tooMany.status).toBe(400);
  });
});
