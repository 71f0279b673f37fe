// The team's pages over the seeded sandbox, through `app.request()`: the
// audit log (and its verification), the effects (and Retry), repository
// coverage and the sandbox page. Members only: their content carries embargoed
// report text, so anyone else is refused without a word of it.
import { describe, expect, it } from 'vitest';
import { performDueEffects } from '../../src/app/effects/runner.ts';
import { grantAccess } from '../../src/app/grants.ts';
import { resolvePrincipal } from '../../src/app/roster.ts';
import { serviceClients } from '../../src/app/service-clients.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { signIn } from '../support/sign-in.ts';
import { page, pagesWorld, people, sessionSecret, traces } from './pages-world.ts';

const world = pagesWorld();
const teamPages = ['/audit', '/effects', '/coverage'] as const;

describe('members only', () => {
  it.each(teamPages)('%s sends someone signed out to sign in', async (path) => {
    expect(await page(world().app, path)).toMatchObject({ status: 303, location: '/signin' });
  });

  it.each(teamPages)(
    '%s refuses a collaborator and an outsider, without a word of any report',
    async (path) => {
      for (const who of [people.collaborator, people.outsider]) {
        const { status, html } = await page(world().app, path, (await signIn(world().app, who)).cookie);
        expect(status).toBe(403);
        expect(html).toMatch(/Only PSRT members/);
        for (const report of [...world().embargoed, ...world().published])
          for (const trace of traces(report)) expect(html).not.toContain(trace);
      }
    },
  );
});

describe('the audit log', () => {
  it('a member reads the events newest first, each change as "before → after"', async () => {
    const cookie = (await signIn(world().app, people.member)).cookie;
    const { status, html } = await page(world().app, '/audit', cookie);
    expect(status).toBe(200);
    const seqs = [...html.matchAll(/<tr data-seq="(\d+)"/g)].map((m) => Number(m[1]));
    expect(seqs).toHaveLength(50);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(html).toContain('href="/audit?before=');
    const report = world().embargoed.find((r) => r.state !== 'triage');
    if (!report) throw new Error('the sandbox has accepted reports');
    const { html: reportEvents } = await page(world().app, `/audit?subject=${report.id}`, cookie);
    expect(reportEvents).toMatch(
      /<th scope="row">state<\/th><td class="from"><span class="value">triage<\/span><\/td>/,
    );
  });

  it("a member narrows the log to one report's events, and paging keeps the filter", async () => {
    const cookie = (await signIn(world().app, people.member)).cookie;
    const report = world().embargoed[0];
    if (!report) throw new Error('the sandbox has open reports');
    const { html } = await page(world().app, `/audit?subject=${report.id}`, cookie);
    const subjects = [...html.matchAll(/<a class="plain" href="\/audit\?subject=([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(subjects)).toEqual(new Set([report.id]));
    const older = await page(world().app, `/audit?subject=${report.id}&before=2`, cookie);
    expect(older.html).toContain('No events match.');
    expect(older.html).toContain(`<a href="/audit?subject=${report.id}">← newest</a>`);
    expect((await page(world().app, '/audit?before=soon', cookie)).status).toBe(400);
  });

  it('an admin verifies the chain from the page; the banner then says it is intact, when and by whom', async () => {
    const member = await signIn(world().app, people.member);
    const before = await page(world().app, '/audit', member.cookie);
    expect(before.html).not.toContain('action="/audit/verify"');
    const refused = await world().app.request('/audit/verify', { method: 'POST', headers: member.headers });
    expect(refused.status).toBe(403);

    const admin = await signIn(world().app, people.admin);
    expect((await page(world().app, '/audit', admin.cookie)).html).toContain('action="/audit/verify"');
    const verified = await world().app.request('/audit/verify', { method: 'POST', headers: admin.headers });
    expect(verified.status).toBe(303);
    expect(verified.headers.get('location')).toBe('/audit');
    const { html } = await page(world().app, '/audit', member.cookie);
    expect(html).toMatch(
      /<strong>Chain intact\.<\/strong> \d+ events verified \d{4}-\d\d-\d\d \d\d:\d\d UTC by warsaw\./,
    );
  });
});

describe('effects', () => {
  it('a failed effect is listed first with its error; Retry puts it back in the queue, and the runner performs it', async () => {
    const { ctx, services, runner, app } = world();
    const report = world().embargoed.find(
      (r) => r.ghsaId && r.repository === 'python/cpython' && r.state !== 'rejected',
    );
    if (!report?.ghsaId) throw new Error('the sandbox has an open CPython report with a GHSA');
    const github = services.simulators.github;
    github.injectFault({
      match: { method: 'PATCH', path: `/repos/python/cpython/security-advisories/${report.ghsaId}` },
      kind: 'status',
      status: 404,
    });
    await grantAccess(ctx, await resolvePrincipal(ctx, 'sethmlarson'), report.id, {
      login: 'jaraco',
      reason: 'zipfile maintainer',
    });
    await performDueEffects(runner);

    const member = await signIn(app, people.member);
    const { html } = await page(app, '/effects', member.cookie);
    const failed = html.slice(
      html.indexOf('data-status="failed"'),
      html.indexOf('</section>', html.indexOf('data-status="failed"')),
    );
    const id = /<tr data-effect="(\d+)"/.exec(failed)?.[1];
    expect(id).toBeDefined();
    expect(failed).toContain('Add a collaborator to the GHSA');
    expect(failed).toContain(`href="/reports/${report.id}"`);
    expect(failed).toMatch(/<td class="error">[^<]*404/);
    expect(failed).toContain(`action="/effects/${id}/retry"`);
    expect(html.indexOf('data-status="failed"')).toBeLessThan(html.indexOf('data-status="done"'));

    const outsider = await signIn(app, people.outsider);
    expect(
      (await app.request(`/effects/${id}/retry`, { method: 'POST', headers: outsider.headers })).status,
    ).toBe(403);
    github.clearFaults();
    const retried = await app.request(`/effects/${id}/retry`, { method: 'POST', headers: member.headers });
    expect(retried.status).toBe(303);
    expect(retried.headers.get('location')).toBe(`/effects?retried=${id}`);
    const waiting = await page(app, `/effects?retried=${id}`, member.cookie);
    expect(waiting.html).toContain(`Effect ${id} is waiting again`);
    expect(waiting.html).toMatch(new RegExp(`data-status="pending"[\\s\\S]*data-effect="${id}"`));

    await performDueEffects(runner);
    const done = await page(app, '/effects?status=done', member.cookie);
    expect(done.html).toContain(`data-effect="${id}"`);
    const again = await app.request(`/effects/${id}/retry`, { method: 'POST', headers: member.headers });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('only a failed effect is retried');
  });
});

describe('repository coverage', () => {
  it('each repository is OK or needs action, with what to do; turning private reporting on is one button', async () => {
    const { services, ctx } = world();
    services.simulators.github.addRepo({
      owner: 'python',
      name: 'covered',
      files: { 'SECURITY.md': 'Report at https://github.com/python/covered/security/advisories/new' },
    });
    services.simulators.github.addRepo({
      owner: 'python',
      name: 'quiet',
      privateVulnerabilityReporting: false,
    });
    // A fresh app: the page shows the last check of its server, which this one has yet to make.
    const { github } = serviceClients(
      { github: { ...services.github, serializeWrites: false } },
      { log: ctx.log },
    );
    const app = createWebApp({
      ctx,
      sandbox: true,
      sessionSecret,
      github,
      gitHubSignIn: services.github.signIn,
    });
    const member = await signIn(app, people.member);
    const row = (html: string, repository: string) => {
      const start = html.indexOf(`<tr data-repository="${repository}"`);
      return html.slice(start, html.indexOf('</tr>', start));
    };
    const first = await page(app, '/coverage', member.cookie);
    expect(first.status).toBe(200);
    expect(row(first.html, 'python/covered')).toContain('>OK</span>');
    expect(row(first.html, 'python/quiet')).toContain('>Needs action</span>');
    expect(row(first.html, 'python/quiet')).toContain('<span class="no">off</span>');
    expect(row(first.html, 'python/quiet')).toContain(
      'href="https://github.com/python/quiet/security/advisories/new"',
    );
    expect(first.html).toContain('action="/coverage/apply"');

    const applied = await app.request('/coverage/apply', { method: 'POST', headers: member.headers });
    expect(applied.status).toBe(303);
    const after = await page(app, '/coverage', member.cookie);
    expect(row(after.html, 'python/quiet')).toContain('<span class="yes">on</span>');
    expect(row(after.html, 'python/quiet')).toContain('turned on by this check');
    expect(after.html).toContain('by gpshead.');
  });

  it('without a GitHub App the page says coverage is read from GitHub, and how to configure it', async () => {
    const { ctx, services } = world();
    const app = createWebApp({ ctx, sandbox: true, sessionSecret, gitHubSignIn: services.github.signIn });
    const { html } = await page(app, '/coverage', (await signIn(app, people.member)).cookie);
    expect(html).toContain('GitHub is not configured (github.appId and GITHUB_APP_PRIVATE_KEY)');
  });
});

describe('the sandbox page', () => {
  it("links members to the simulators' pages and request logs and to the outgoing mail", async () => {
    const { services, app } = world();
    const { html } = await page(app, '/sandbox', (await signIn(app, people.member)).cookie);
    expect(html).toContain(`href="${services.github.viewUrl}?as=${people.member}"`);
    expect(html).toContain(`href="${services.github.viewUrl}deliveries?as=${people.member}"`);
    expect(html).toContain(`href="${services.github.url}/_sim/requests"`);
    expect(html).toContain(`href="${new URL(services.cve.apiUrl).origin}/_sim/requests"`);
    expect(html).toContain('href="/sandbox/mail"');
  });

  it('shows others what is simulated but no link to them: the simulators hold embargoed reports', async () => {
    const { app, services } = world();
    const { status, html } = await page(app, '/sandbox', (await signIn(app, people.collaborator)).cookie);
    expect(status).toBe(200);
    expect(html).not.toContain(services.github.url);
    expect(html).not.toContain('href="/sandbox/mail"');
    const production = createWebApp({ ctx: world().ctx, sandbox: false, sessionSecret });
    expect((await production.request('/sandbox')).status).toBe(404);
  });
});
