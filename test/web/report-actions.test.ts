// What a member does from the report page, one form each: the form posts to
// /reports/:id/<action>, the use-case runs, and the browser is sent back to the report
// (303) where a flash message says what happened. Through `app.request()`.
import { describe, expect, it } from 'vitest';
import { grantAccess } from '../../src/app/grants.ts';
import { requestHandoff, showReport, transitionReport } from '../../src/app/reports.ts';
import { listEffects, listGrants } from '../../src/store/index.ts';
import { reportWorld, textOf } from './report-world.ts';

const world = reportWorld();

/** Posts the form as `login`, checks the redirect back to the report, and returns the page it lands on. */
async function act(login: string, reportId: string, action: string, fields: Record<string, string> = {}) {
  const response = await world.post(login, reportId, action, fields);
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe(`/reports/${reportId}`);
  const page = await world.follow(login, response);
  expect(page.status).toBe(200);
  return { html: page.html, flash: textOf(page.html.match(/<p class="flash"[^>]*>([^<]*)<\/p>/)?.[1] ?? '') };
}

const stateOf = async (id: string) =>
  (await showReport(world.ctx(), await world.as('sethmlarson'), id)).report;

describe('coordinating', () => {
  it('a member assigns themselves with one click and coordinates the report', async () => {
    const report = await world.newReport();
    const { flash } = await act('gpshead', report.id, 'assign', { login: 'gpshead' });
    expect(flash).toBe('You coordinate this report now.');
    expect((await stateOf(report.id)).coordinator).toBe('gpshead');
  });

  it('a member assigns another member as coordinator', async () => {
    const report = await world.newReport();
    const { flash } = await act('gpshead', report.id, 'assign', { login: 'encukou' });
    expect(flash).toBe('encukou coordinates this report now.');
    expect((await stateOf(report.id)).coordinator).toBe('encukou');
  });

  it('the coordinator asks another member to take over, and stays coordinator until they accept', async () => {
    const report = await world.triaged();
    const { flash } = await act('sethmlarson', report.id, 'handoff', { to: 'gpshead' });
    expect(flash).toBe('Asked gpshead to take over; you stay coordinator until they accept.');
    const asked = await stateOf(report.id);
    expect([asked.coordinator, asked.handoff?.to]).toEqual(['sethmlarson', 'gpshead']);
  });

  it('the member asked to take over accepts the handoff and coordinates the report', async () => {
    const report = await world.triaged();
    await requestHandoff(world.ctx(), await world.as('sethmlarson'), report.id, 'gpshead');
    const { flash } = await act('gpshead', report.id, 'handoff-accept');
    expect(flash).toBe('You took over: you coordinate this report now.');
    expect((await stateOf(report.id)).coordinator).toBe('gpshead');
  });

  it('the member asked to take over declines, and the coordinator stays', async () => {
    const report = await world.triaged();
    await requestHandoff(world.ctx(), await world.as('sethmlarson'), report.id, 'gpshead');
    const { flash } = await act('gpshead', report.id, 'handoff-decline');
    expect(flash).toBe('The handoff is off; sethmlarson stays coordinator.');
    const after = await stateOf(report.id);
    expect([after.coordinator, after.handoff]).toEqual(['sethmlarson', null]);
  });

  it('the coordinator withdraws the handoff they asked for, and stays coordinator', async () => {
    const report = await world.triaged();
    await requestHandoff(world.ctx(), await world.as('sethmlarson'), report.id, 'gpshead');
    const { flash } = await act('sethmlarson', report.id, 'handoff-decline');
    expect(flash).toBe('The handoff is off; sethmlarson stays coordinator.');
    expect((await stateOf(report.id)).handoff).toBeNull();
  });
});

describe('deciding', () => {
  it('the coordinator records the determination', async () => {
    const report = await world.newReport();
    await act('sethmlarson', report.id, 'assign', { login: 'sethmlarson' });
    const { flash } = await act('sethmlarson', report.id, 'determine', { determination: 'not-security-bug' });
    expect(flash).toBe('Determination recorded: not-security-bug.');
    expect((await stateOf(report.id)).determination).toBe('not-security-bug');
  });

  it('the coordinator accepts the report with one click, and psrt reserves its CVE ID', async () => {
    const report = await world.triaged();
    const { flash, html } = await act('sethmlarson', report.id, 'accept');
    expect(flash).toBe('Accepted. psrt reserves its CVE ID and moves the GHSA to draft.');
    expect(html).toContain('<span class="badge state accepted">accepted</span>');
    expect((await stateOf(report.id)).state).toBe('accepted');
    const effects = (await listEffects(world.ctx().store.db, { reportId: report.id })).map((e) => e.kind);
    expect(effects).toContain('cve.reserve');
    expect(textOf(html)).toContain('sethmlarson accepted the report');
  });

  it('the coordinator rejects the report as a duplicate, naming the original', async () => {
    const report = await world.triaged();
    const { flash } = await act('sethmlarson', report.id, 'reject', {
      reason: 'duplicate',
      detail: 'PSRT-2026-0001',
    });
    expect(flash).toBe(
      "Rejected (duplicate). psrt sends the reporter the devguide's reply and closes the GHSA.",
    );
    expect((await stateOf(report.id)).rejection).toEqual({ reason: 'duplicate', detail: 'PSRT-2026-0001' });
  });

  it('a member reopens a rejected report with a reason: it is back in triage', async () => {
    const report = await world.triaged();
    await transitionReport(world.ctx(), await world.as('sethmlarson'), report.id, 'reject', {
      rejection: { reason: 'spam', detail: null },
    });
    const { flash } = await act('gpshead', report.id, 'reopen', { reason: 'not spam after all' });
    expect(flash).toBe('Reopened: the report is back in triage.');
    expect((await stateOf(report.id)).state).toBe('triage');
  });
});

describe('clocks and access', () => {
  it('the coordinator extends the disclosure deadline, the reporter agreeing', async () => {
    const report = await world.triaged();
    const { flash, html } = await act('sethmlarson', report.id, 'extend', {
      days: '14',
      reason: 'the fix needs a release',
      reporterAgreed: 'yes',
    });
    expect(flash).toBe('The disclosure deadline moved by 14 days.');
    expect((await stateOf(report.id)).extensions).toMatchObject([
      { days: 14, reason: 'the fix needs a release', reporterAgreed: true, grantedBy: 'sethmlarson' },
    ]);
    expect(textOf(html)).toContain('104 days left');
  });

  it('a member gives the reporter access until a date, and psrt adds her to the GHSA', async () => {
    const report = await world.triaged();
    const { flash } = await act('gpshead', report.id, 'grant', {
      login: 'mira-finds-bugs',
      reason: 'the reporter',
      expires: '2026-05-01',
    });
    expect(flash).toBe('mira-finds-bugs may now see this report until 2026-05-01.');
    const [grant] = await listGrants(world.ctx().store.db, report.id);
    expect(grant).toMatchObject({ login: 'mira-finds-bugs', grantedBy: 'gpshead', reason: 'the reporter' });
    expect(grant?.expiresAt?.toISOString()).toBe('2026-05-01T00:00:00.000Z');
    const effects = (await listEffects(world.ctx().store.db, { reportId: report.id })).map((e) => e.kind);
    expect(effects).toContain('ghsa.add-collaborator');
  });

  it("a member revokes a collaborator's access, and she no longer sees the report", async () => {
    const report = await world.triaged();
    await grantAccess(world.ctx(), await world.as('sethmlarson'), report.id, {
      login: 'mira-finds-bugs',
      reason: 'the reporter',
    });
    const { flash } = await act('gpshead', report.id, 'revoke', { login: 'mira-finds-bugs' });
    expect(flash).toBe('mira-finds-bugs no longer has access.');
    expect((await world.get('mira-finds-bugs', `/reports/${report.id}`)).status).toBe(404);
  });
});

describe('the flash message', () => {
  it('says what happened once: the page that shows it clears it, and the URL carries no report text', async () => {
    const report = await world.newReport();
    const response = await world.post('sethmlarson', report.id, 'assign', { login: 'sethmlarson' });
    const flash = response.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(response.headers.get('set-cookie')).toMatch(/^psrt_flash=.*HttpOnly/);
    expect(response.headers.get('location')).toBe(`/reports/${report.id}`);
    const cookie = `${(await world.session('sethmlarson')).cookie}; ${flash}`;
    const shown = await world.app().request(`/reports/${report.id}`, { headers: { cookie } });
    expect(await shown.text()).toContain(
      '<p class="flash" role="status">You coordinate this report now.</p>',
    );
    expect(shown.headers.get('set-cookie')).toMatch(/^psrt_flash=;.*Max-Age=0/);
  });

  it('is shown only on the report it is about', async () => {
    const [report, other] = [await world.newReport(), await world.newReport()];
    const response = await world.post('sethmlarson', report.id, 'assign', { login: 'sethmlarson' });
    const flash = response.headers.get('set-cookie')?.split(';')[0] ?? '';
    const cookie = `${(await world.session('sethmlarson')).cookie}; ${flash}`;
    const elsewhere = await world.app().request(`/reports/${other.id}`, { headers: { cookie } });
    expect(await elsewhere.text()).not.toContain('class="flash"');
  });
});
