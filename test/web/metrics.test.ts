// The Metrics page through `app.request()`, over reports handled in psrt at fixed dates and the
// PSF's imported history: the numbers a member, a collaborator and a signed-out visitor see,
// and that what a visitor sees (the page and its charts) comes from published reports alone.
import { beforeAll, describe, expect, it } from 'vitest';
import { grantAccess } from '../../src/app/grants.ts';
import { importAdvisory } from '../../src/app/history.ts';
import { assignCoordinator, determineReport, editReport, transitionReport } from '../../src/app/reports.ts';
import type { ImportedAdvisory } from '../../src/domain/history.ts';
import { emptyPublication } from '../../src/domain/publication.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { chartNames } from '../../src/web/charts.ts';
import { at, testApp } from '../app/support.ts';
import { forEachEngine } from '../support/engines.ts';
import { signIn as signInAs, testGitHubSignIn } from '../support/sign-in.ts';

const critical = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
const high = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N';
const collaborator = 'mira-finds-bugs';

/** A PSF advisory as `psrt import osv|cve` reads it: reserved (CVE record) or not (OSV file only). */
const advisory = (
  n: number,
  published: string,
  reserved: string | null,
  cvssVector: string | null = null,
): ImportedAdvisory => ({
  format: reserved ? 'cve' : 'osv',
  cveId: `CVE-2025-${1000 + n}`,
  title: `Published advisory ${n}`,
  description: 'Published long ago.',
  cvssVector,
  affected: [{ ecosystem: 'GIT', repo: 'https://github.com/python/cpython', introduced: '0', fixed: [] }],
  publication: { ...emptyPublication(), psfId: reserved ? null : `PSF-2019-${n}` },
  publishedAt: at(published),
  reservedAt: reserved ? at(reserved) : null,
});

forEachEngine(
  'the Metrics page',
  (engine) => {
    const psrt = testApp(engine, at('2026-06-01T12:00:00.000Z'));
    let app: ReturnType<typeof createWebApp>;
    let embargoed: string;
    let untouched: string;

    beforeAll(async () => {
      const ctx = psrt.ctx;
      psrt.clock.set(at('2026-01-05T00:00:00.000Z'));
      await psrt.importDevguideRoster();
      const seth = await psrt.as('sethmlarson');
      // Received 1 March: a coordinator after 2 days, determined after 4, accepted after 5; still embargoed.
      psrt.clock.set(at('2026-03-01T00:00:00.000Z'));
      const accepted = await psrt.newReport('sethmlarson');
      embargoed = accepted.id;
      await editReport(ctx(), seth, accepted.id, { cvssVector: critical });
      psrt.clock.set(at('2026-03-03T00:00:00.000Z'));
      await assignCoordinator(ctx(), seth, accepted.id, 'sethmlarson');
      psrt.clock.set(at('2026-03-05T00:00:00.000Z'));
      await determineReport(ctx(), seth, accepted.id, 'vulnerability');
      psrt.clock.set(at('2026-03-06T00:00:00.000Z'));
      await transitionReport(ctx(), seth, accepted.id, 'accept');
      await grantAccess(ctx(), seth, accepted.id, { login: collaborator, reason: 'the reporter' });
      // Received 10 March: a coordinator after a day, determined after 4, rejected after 10.
      psrt.clock.set(at('2026-03-10T00:00:00.000Z'));
      const rejected = await psrt.newReport('sethmlarson');
      psrt.clock.set(at('2026-03-11T00:00:00.000Z'));
      await assignCoordinator(ctx(), seth, rejected.id, 'gpshead');
      psrt.clock.set(at('2026-03-14T00:00:00.000Z'));
      await determineReport(ctx(), seth, rejected.id, 'not-a-vulnerability');
      psrt.clock.set(at('2026-03-20T00:00:00.000Z'));
      await transitionReport(ctx(), seth, rejected.id, 'reject', {
        rejection: { reason: 'not-a-vulnerability', detail: null },
      });
      // Received 2 April, nothing done yet.
      psrt.clock.set(at('2026-04-02T00:00:00.000Z'));
      untouched = (await psrt.newReport('sethmlarson')).id;
      // The PSF's history: published 30 and 150 days after the CVE ID was reserved, and one OSV file alone.
      const warsaw = await psrt.as('warsaw');
      await importAdvisory(ctx(), warsaw, advisory(1, '2025-02-09T00:00:00Z', '2025-01-10T00:00:00Z', high));
      await importAdvisory(ctx(), warsaw, advisory(2, '2025-06-19T00:00:00Z', '2025-01-20T00:00:00Z'));
      await importAdvisory(ctx(), warsaw, advisory(3, '2019-06-14T10:00:00Z', null));
      psrt.clock.set(psrt.clock.start);
      app = createWebApp({
        ctx: ctx(),
        sandbox: true,
        sessionSecret: 'test-session-secret-0123456789abcdef',
        gitHubSignIn: testGitHubSignIn(),
      });
    });

    /** The session cookie of `login`, signed in with GitHub (the test simulator). */
    const signIn = async (login: string): Promise<string> => (await signInAs(app, login)).cookie;

    async function page(cookie?: string): Promise<string> {
      const response = await app.request('/stats', cookie ? { headers: { cookie } } : {});
      expect(response.status).toBe(200);
      return response.text();
    }

    /** The `index`-th table of this kind (0: by month, 1: by severity), as group → cell name → text. */
    function table(html: string, kind: 'days' | 'goal', index: number): Map<string, Record<string, string>> {
      const tables = html.split(`data-table="${kind}"`).slice(1);
      const body = (tables[index] ?? '').split('</table>')[0] ?? '';
      const rows = new Map<string, Record<string, string>>();
      for (const [, group, cells] of body.matchAll(/<tr data-group="([^"]+)">(.*?)<\/tr>/g)) {
        const values: Record<string, string> = {};
        for (const [, step, value, text] of (cells ?? '').matchAll(
          /<td(?: data-step="([^"]+)")? data-value="([^"]+)">([^<]*)<\/td>/g,
        )) {
          values[step ? `${step} ${value}` : (value ?? '')] = text ?? '';
        }
        rows.set(group ?? '', values);
      }
      return rows;
    }

    const figure = (html: string, step: string): string =>
      new RegExp(`<li data-step="${step}"><span class="figure">([^<]*)</span>`).exec(html)?.[1] ?? '';

    const counted = (html: string): string => /<p class="counted">([^<]*)<\/p>/.exec(html)?.[1] ?? '';

    async function chart(name: string, cookie?: string) {
      const response = await app.request(`/stats/charts/${name}.svg`, cookie ? { headers: { cookie } } : {});
      return { response, svg: await response.text() };
    }

    describe('a member', () => {
      it('counts every report, the imported history included, and says so', async () => {
        const html = await page(await signIn('gpshead'));
        expect(counted(html)).toBe(
          '6 reports, 3 of them imported from the PSF advisory database. Every report is counted, embargoed ones included.',
        );
        expect(html).toMatch(/<a class="nav" href="\/stats" aria-current="page">Metrics<\/a>/);
      });

      it('sees the median days from receipt to each step and the share finished within 90 days', async () => {
        const html = await page(await signIn('gpshead'));
        expect(
          ['coordinator', 'determination', 'accepted', 'published', 'goal'].map((s) => figure(html, s)),
        ).toEqual(['1.5', '4.0', '5.0', '90.0', '67%']);
      });

      it('by month of receipt: steps taken in psrt, and the imported history from receipt to publication', async () => {
        const html = await page(await signIn('gpshead'));
        const days = table(html, 'days', 0);
        expect([...days.keys()]).toEqual(['2019-06', '2025-01', '2026-03', '2026-04']);
        expect(days.get('2026-03')).toMatchObject({
          'coordinator count': '2',
          'coordinator median': '1.5',
          'coordinator p90': '1.9',
          'determination median': '4.0',
          'accepted count': '1',
          'accepted median': '5.0',
          'published count': '0',
          'published median': '—',
        });
        expect(days.get('2025-01')).toMatchObject({
          'coordinator count': '0',
          'published count': '2',
          'published median': '90.0',
          'published p90': '138.0',
        });
        expect(days.get('2019-06')).toMatchObject({ 'published count': '0' });
        const goal = table(html, 'goal', 0);
        expect(goal.get('2025-01')).toEqual({ finished: '2', within: '1', share: '50%' });
        expect(goal.get('2026-03')).toEqual({ finished: '1', within: '1', share: '100%' });
        expect(goal.get('2026-04')).toEqual({ finished: '0', within: '0', share: '—' });
        expect(goal.get('2019-06')).toEqual({ finished: '0', within: '0', share: '—' });
      });

      it('by severity, from the CVSS vectors; reports without one are unscored', async () => {
        const html = await page(await signIn('gpshead'));
        expect([...table(html, 'days', 1).keys()]).toEqual(['Critical', 'High', 'unscored']);
        expect(table(html, 'days', 1).get('Critical')).toMatchObject({ 'accepted median': '5.0' });
        expect(table(html, 'goal', 1).get('unscored')).toEqual({ finished: '2', within: '1', share: '50%' });
      });

      it('gets the charts as SVG images, drawn from the same numbers and never cached', async () => {
        const cookie = await signIn('gpshead');
        const html = await page(cookie);
        for (const name of chartNames) {
          expect(html).toMatch(new RegExp(`<img class="chart" src="/stats/charts/${name}.svg" alt="[^"]+"`));
          const { response, svg } = await chart(name, cookie);
          expect(response.status).toBe(200);
          expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
          expect(response.headers.get('cache-control')).toBe('no-store');
          expect(svg).toMatch(/^<svg /);
        }
        expect((await chart('days-by-severity', cookie)).svg).toContain('>Critical</text>');
      });
    });

    describe('a signed-out visitor', () => {
      it('counts published reports only, and is told so', async () => {
        const html = await page();
        expect(counted(html)).toBe(
          '3 published reports, 3 of them imported from the PSF advisory database. Only published reports are counted: sign in as a PSRT member to count embargoed ones too.',
        );
        expect([...table(html, 'days', 0).keys()]).toEqual(['2019-06', '2025-01']);
        expect([...table(html, 'days', 1).keys()]).toEqual(['High', 'unscored']);
        expect(['coordinator', 'published', 'goal'].map((s) => figure(html, s))).toEqual([
          '—',
          '90.0',
          '50%',
        ]);
        expect(html).not.toContain(embargoed);
      });

      it('gets charts of published reports only, which any cache may keep a few minutes', async () => {
        const { response, svg } = await chart('days-by-severity');
        expect(response.headers.get('cache-control')).toBe('public, max-age=300');
        expect(response.headers.get('vary')).toBe('Cookie');
        expect(svg).toContain('>High</text>');
        expect(svg).not.toContain('>Critical</text>');
      });

      it('sees nothing change when an embargoed report is filed, assigned and accepted', async () => {
        // vega numbers the clip paths of every drawing in turn: a chart drawn again differs in those ids only.
        const seen = async () =>
          [await page(), ...(await Promise.all(chartNames.map(async (n) => (await chart(n)).svg)))].map(
            (text) => text.replace(/clip\d+/g, 'clip'),
          );
        const before = await seen();
        const seth = await psrt.as('sethmlarson');
        const report = await psrt.newReport('sethmlarson');
        await editReport(psrt.ctx(), seth, report.id, { cvssVector: critical });
        await assignCoordinator(psrt.ctx(), seth, report.id, 'sethmlarson');
        await determineReport(psrt.ctx(), seth, report.id, 'vulnerability');
        await transitionReport(psrt.ctx(), seth, report.id, 'accept');
        expect(await seen()).toEqual(before);
        // A member's numbers did change: the report is counted for them.
        expect(counted(await page(await signIn('gpshead')))).toMatch(/^7 reports/);
      });
    });

    it('a collaborator counts published reports and the embargoed report they were granted', async () => {
      const html = await page(await signIn(collaborator));
      expect(counted(html)).toBe(
        '4 reports, 3 of them imported from the PSF advisory database. Counted: published reports, and the embargoed reports you collaborate on.',
      );
      expect(figure(html, 'accepted')).toBe('5.0');
    });

    it('a chart that does not exist is not found, and says where the charts are', async () => {
      const response = await app.request('/stats/charts/everything.svg');
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('No such chart: the Metrics page links every chart there is.');
    });

    it('a member sees every change at once, even one recorded with an earlier time than the last', async () => {
      const cookie = await signIn('gpshead');
      expect(table(await page(cookie), 'days', 0).get('2026-04')).toMatchObject({ 'coordinator count': '0' });
      // The sandbox's stories and imports write reports with past times; the numbers must follow them too.
      psrt.clock.set(at('2026-04-03T00:00:00.000Z'));
      await assignCoordinator(psrt.ctx(), await psrt.as('sethmlarson'), untouched, 'gpshead');
      expect(table(await page(cookie), 'days', 0).get('2026-04')).toMatchObject({
        'coordinator count': '1',
        'coordinator median': '1.0',
      });
    });
  },
  { shared: true },
);
