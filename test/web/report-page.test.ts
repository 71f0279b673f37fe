// The report page as a member, a collaborator (with a live grant and an expired one), an outsider
// and an anonymous visitor see it, through `app.request()`. Embargo first: a report someone may not
// see answers exactly as a report that does not exist.
import { describe, expect, it } from 'vitest';
import { grantAccess } from '../../src/app/grants.ts';
import { assignCoordinator, determineReport, requestHandoff } from '../../src/app/reports.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { wayBack } from '../support/sign-in.ts';
import { embargoedTitle, reportWorld, section, textOf } from './report-world.ts';

const world = reportWorld();
const missingId = 'PSRT-2026-9999';

/** Grants the reporter access, expiring at `expiresAt` (default: 14 days after the report is finished). */
async function grantMira(reportId: string, expiresAt: Date | null = null) {
  return grantAccess(world.ctx(), await world.as('sethmlarson'), reportId, {
    login: 'mira-finds-bugs',
    reason: 'reporter, sees the fix',
    expiresAt,
  });
}

/** The page with every mention of `id` replaced, to compare two answers "modulo the id". */
const withoutId = (html: string, id: string) => html.replaceAll(id, 'PSRT-ID');

describe('what a member sees', () => {
  it('the header names the report, its state, repository, GHSA (linked), CVE ID and severity', async () => {
    const report = await world.triaged();
    const { status, html } = await world.get('sethmlarson', `/reports/${report.id}`);
    expect(status).toBe(200);
    expect(html).toContain(`<h1 class="report-title">${embargoedTitle}</h1>`);
    expect(html).toContain(`<span class="badge state triage">triage</span>`);
    expect(html).toContain(
      `<a class="ghsa" href="https://github.com/python/cpython/security/advisories/${report.ghsaId}">${report.ghsaId}</a>`,
    );
    expect(textOf(html)).toContain('no CVE ID yet');
    expect(textOf(html)).toContain('not scored');
    expect(textOf(html)).toContain('determined: a vulnerability');
  });

  it('the clocks show the days left to disclosure and the deadline, 90 days from receipt', async () => {
    const report = await world.triaged();
    const clocks = textOf(section((await world.get('sethmlarson', `/reports/${report.id}`)).html, 'clocks'));
    expect(clocks).toContain('90 days left');
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const received = report.receivedAt.getTime();
    expect(clocks).toContain(
      `Disclosure deadline ${day(received + 90 * 86_400_000)} : 90 days from receipt ( ${day(received)} )`,
    );
    expect(clocks).toContain('CRA: no active exploitation recorded.');
  });

  it('the description is shown as text: markup in it is escaped, never rendered', async () => {
    const report = await world.newReport();
    const { html } = await world.get('sethmlarson', `/reports/${report.id}`);
    expect(html).toContain('A crafted ZIP64 archive &lt;b&gt;overflows&lt;/b&gt; a buffer.\nSecond line.');
    expect(html).not.toContain('<b>overflows</b>');
  });

  it('a report nobody coordinates offers "Assign me" and says when psrt assigns someone itself', async () => {
    const report = await world.newReport();
    const { html } = await world.get('sethmlarson', `/reports/${report.id}`);
    const coordinator = section(html, 'coordinator');
    expect(textOf(coordinator)).toContain('Nobody coordinates this report yet.');
    expect(coordinator).toContain(`action="/reports/${report.id}/assign"`);
    expect(textOf(coordinator)).toContain('Assign me');
    expect(textOf(section(html, 'clocks'))).toContain('No coordinator: auto-assign in 3 days');
  });

  it('the member asked to take over sees the handoff with Accept and Decline', async () => {
    const report = await world.triaged();
    await requestHandoff(world.ctx(), await world.as('sethmlarson'), report.id, 'gpshead');
    const coordinator = section((await world.get('gpshead', `/reports/${report.id}`)).html, 'coordinator');
    expect(textOf(coordinator)).toContain('Asked gpshead to take over');
    expect(coordinator).toContain(`action="/reports/${report.id}/handoff-accept"`);
    expect(coordinator).toContain(`action="/reports/${report.id}/handoff-decline"`);
  });

  it('accepting is one click once its checklist is met; before, the button is disabled and the missing items listed', async () => {
    const report = await world.newReport();
    const blocked = section((await world.get('sethmlarson', `/reports/${report.id}`)).html, 'next');
    expect(blocked).toMatch(/<button type="submit" class="primary" disabled="">Accept the report<\/button>/);
    expect(textOf(blocked)).toContain('No coordinator is assigned: assign a coordinator.');
    expect(textOf(blocked)).toContain('No determination is recorded: the coordinator records one.');

    await assignCoordinator(world.ctx(), await world.as('sethmlarson'), report.id, 'sethmlarson');
    await determineReport(world.ctx(), await world.as('sethmlarson'), report.id, 'vulnerability');
    const ready = section((await world.get('sethmlarson', `/reports/${report.id}`)).html, 'next');
    expect(ready).toMatch(/<button type="submit" class="primary">Accept the report<\/button>/);
    expect(ready).toContain(`action="/reports/${report.id}/accept"`);
    expect(ready).toContain(`action="/reports/${report.id}/reject"`);
  });

  it('collaborators are listed with their reason and when their access ends, each with Revoke', async () => {
    const report = await world.triaged();
    await grantMira(report.id, new Date('2026-04-01T00:00:00Z'));
    const grants = section((await world.get('sethmlarson', `/reports/${report.id}`)).html, 'collaborators');
    expect(textOf(grants)).toContain('mira-finds-bugs until 2026-04-01');
    expect(textOf(grants)).toContain('reporter, sees the fix');
    expect(grants).toContain(`action="/reports/${report.id}/revoke"`);
    expect(grants).toContain(`action="/reports/${report.id}/grant"`);
  });

  it('the timeline tells what happened in plain words, newest first, with the effects psrt performs', async () => {
    const seth = await world.as('sethmlarson');
    const report = await world.newReport();
    world.clock.advance(60_000);
    await assignCoordinator(world.ctx(), seth, report.id, 'sethmlarson');
    world.clock.advance(60_000);
    await determineReport(world.ctx(), seth, report.id, 'vulnerability');
    world.clock.advance(60_000);
    await grantMira(report.id);
    const timeline = textOf(
      section((await world.get('sethmlarson', `/reports/${report.id}`)).html, 'timeline'),
    );
    const order = [
      'psrt effect add mira-finds-bugs to the GHSA waiting',
      'sethmlarson gave mira-finds-bugs access until 14 days after the report is finished reporter, sees the fix',
      'sethmlarson determined the report is a vulnerability',
      'psrt effect credit sethmlarson as coordinator on the GHSA waiting',
      'sethmlarson became coordinator',
      'sethmlarson filed the report',
    ].map((line) => timeline.indexOf(line));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("in the sandbox the GHSA links to the GitHub simulator's page, acting there as the person signed in", async () => {
    const report = await world.triaged();
    const onSimulator = createWebApp({
      ctx: world.ctx(),
      sandbox: true,
      sessionSecret: 'test-session-secret-0123456789abcdef',
      githubSimulatorUrl: 'http://127.0.0.1:9/_sim/view/',
    });
    const { cookie } = await world.session('sethmlarson');
    const html = await (await onSimulator.request(`/reports/${report.id}`, { headers: { cookie } })).text();
    expect(html).toContain(
      `href="http://127.0.0.1:9/_sim/view/advisories/python/cpython/${report.ghsaId}?as=sethmlarson"`,
    );
  });
});

describe('what a collaborator sees', () => {
  it('with a live grant: the report, its clocks and its timeline, and no grants, effects or actions', async () => {
    const report = await world.triaged();
    await grantMira(report.id);
    const { status, html } = await world.get('mira-finds-bugs', `/reports/${report.id}`);
    expect(status).toBe(200);
    expect(html).toContain(embargoedTitle);
    expect(section(html, 'clocks')).toContain('90 days left');
    expect(textOf(section(html, 'timeline'))).toContain('sethmlarson became coordinator');
    for (const memberOnly of ['collaborators', 'next', 'publication'])
      expect(section(html, memberOnly)).toBe('');
    expect(html).not.toContain('reporter, sees the fix');
    expect(html).not.toContain('data-source="effect"');
    expect(html).not.toMatch(/<form method="post" action="\/reports\//);
  });

  it('with an expired grant: the same answer as for a report that does not exist', async () => {
    const report = await world.triaged();
    await grantMira(report.id, new Date(world.clock.now().getTime() + 60_000));
    world.clock.advance(120_000);
    const hidden = await world.get('mira-finds-bugs', `/reports/${report.id}`);
    const missing = await world.get('mira-finds-bugs', `/reports/${missingId}`);
    expect(hidden.status).toBe(404);
    expect(withoutId(hidden.html, report.id)).toBe(withoutId(missing.html, missingId));
    expect(hidden.html).not.toContain(embargoedTitle);
  });
});

describe('the embargo', () => {
  it('an outsider gets the same answer for an embargoed report as for one that does not exist', async () => {
    const report = await world.triaged();
    const hidden = await world.get('curious-visitor', `/reports/${report.id}`);
    const missing = await world.get('curious-visitor', `/reports/${missingId}`);
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(withoutId(hidden.html, report.id)).toBe(withoutId(missing.html, missingId));
    expect(hidden.response.headers.get('location')).toBeNull();
    for (const trace of [embargoedTitle, report.ghsaId ?? '']) expect(hidden.html).not.toContain(trace);
  });

  it('an anonymous visitor is sent to sign in, whatever the id', async () => {
    const report = await world.triaged();
    for (const id of [report.id, missingId]) {
      const { status, response } = await world.get(null, `/reports/${id}`);
      expect(status).toBe(303);
      expect(response.headers.get('location')).toBe('/signin');
      expect(wayBack(response)).toBe(`/reports/${id}`);
    }
  });

  it('the page is never cached, and its title names the id, not the embargoed title', async () => {
    const report = await world.triaged();
    const { html, response } = await world.get('sethmlarson', `/reports/${report.id}`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain(`<title>${report.id} · psrt</title>`);
  });
});
