// The public pages over the seeded sandbox, through `app.request()`: the
// published advisories (list, page, records, Atom feed) and the member list,
// as anyone, an outsider, a collaborator and a member see them. Embargo first:
// an unpublished report's id answers as one that names nothing, to everyone.
import { describe, expect, it } from 'vitest';
import { advisoryKey } from '../../src/app/advisories.ts';
import { createLogger } from '../../src/config/logger.ts';
import { osvFileText } from '../../src/records/osv.ts';
import { listRecordVersions } from '../../src/store/index.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { signIn } from '../support/sign-in.ts';
import { page, pagesWorld, people, sessionSecret, traces } from './pages-world.ts';

const world = pagesWorld();
const viewers = ['anonymous', people.outsider, people.collaborator, people.member] as const;
const cookieOf = async (who: (typeof viewers)[number]) =>
  who === 'anonymous' ? undefined : (await signIn(world().app, who)).cookie;

describe('published advisories', () => {
  it('the list shows every published advisory, newest first, and nothing else, whoever looks', async () => {
    const expected = [...world().published]
      .sort((a, b) => (b.finishedAt?.getTime() ?? 0) - (a.finishedAt?.getTime() ?? 0))
      .map(advisoryKey);
    expect(expected).toEqual(['CVE-2026-0005', 'PSF-2026-1']);
    for (const who of viewers) {
      const { status, html } = await page(world().app, '/advisories', await cookieOf(who));
      expect(status).toBe(200);
      expect([...html.matchAll(/<tr data-advisory="([^"]+)"/g)].map((m) => m[1])).toEqual(expected);
      for (const report of world().embargoed)
        for (const trace of traces(report)) expect(html, `${who} sees ${trace}`).not.toContain(trace);
    }
  });

  it("an advisory's page shows the email as announced and links its CVE and OSV records", async () => {
    const { status, html } = await page(world().app, '/advisories/PSF-2026-1');
    expect(status).toBe(200);
    expect(html).toContain(
      '<h1 class="advisory-title">shutil.unpack_archive writes outside the target directory</h1>',
    );
    expect(html).toContain('[CVE-2026-0004] shutil.unpack_archive writes outside the target directory');
    expect(html).toContain('There is a MEDIUM severity vulnerability affecting CPython.');
    expect(html).toContain('href="/advisories/PSF-2026-1.json?format=osv"');
    expect(html).toContain('href="/advisories/PSF-2026-1.json?format=cve"');
    expect(html).toContain('href="https://www.cve.org/CVERecord?id=CVE-2026-0004"');
    expect(html).toContain('href="https://osv.dev/vulnerability/PSF-2026-1"');
    // Its CVE ID and report id find the same page.
    const report = world().published.find((r) => r.publication.psfId === 'PSF-2026-1');
    for (const id of ['CVE-2026-0004', report?.id ?? '']) {
      expect((await page(world().app, `/advisories/${id}`)).html).toBe(html);
    }
  });

  it('an advisory outside the PSF advisory database links its CVE record and no OSV record', async () => {
    const { html } = await page(world().app, '/advisories/CVE-2026-0005');
    expect(html).toContain('href="/advisories/CVE-2026-0005.json?format=cve"');
    expect(html).not.toContain('format=osv');
    const osv = await world().app.request('/advisories/CVE-2026-0005.json?format=osv');
    expect(osv.status).toBe(404);
    expect(await osv.text()).toContain('has no OSV record');
  });

  it('the OSV and CVE records are served exactly as psrt stored and sent them', async () => {
    const report = world().published.find((r) => r.publication.psfId === 'PSF-2026-1');
    const stored = await listRecordVersions(world().store.db, report?.id ?? '');
    const latest = (format: string) => stored.filter((r) => r.format === format).at(-1)?.content;
    const osv = await world().app.request('/advisories/PSF-2026-1.json?format=osv');
    expect(osv.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await osv.text()).toBe(osvFileText(latest('osv') as never));
    const cve = await world().app.request('/advisories/CVE-2026-0004.json?format=cve');
    expect(JSON.parse(await cve.text())).toEqual(latest('cve'));
    const unnamed = await world().app.request('/advisories/PSF-2026-1.json');
    expect(unnamed.status).toBe(400);
    expect(await unnamed.text()).toContain('?format=osv');
  });

  it('an unpublished report answers exactly as an id that names nothing, on the page and its records, even to a member', async () => {
    for (const who of [undefined, (await signIn(world().app, people.member)).cookie]) {
      for (const report of world().embargoed) {
        const fake = report.id.replace(/\d{4}$/, '9999');
        for (const [id, missing] of [
          [report.id, fake],
          ...(report.cveId ? [[report.cveId, 'CVE-2026-999999']] : []),
        ] as const) {
          for (const suffix of ['', '.json?format=osv', '.json?format=cve']) {
            const denied = await page(world().app, `/advisories/${id}${suffix}`, who);
            const absent = await page(world().app, `/advisories/${missing}${suffix}`, who);
            expect(denied.status).toBe(404);
            expect(absent.status).toBe(404);
            expect(denied.html).toBe(absent.html.replaceAll(missing, id));
            expect(denied.location).toBeNull();
            expect(denied.html).not.toContain(report.title);
          }
        }
      }
    }
  });
});

describe('the Atom feed', () => {
  it('lists the published advisories newest first, with their emails, and nothing embargoed', async () => {
    const response = await world().app.request('/advisories.atom');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const atom = await response.text();
    expect(atom).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/,
    );
    expect(
      [...atom.matchAll(/<entry>\s*<title type="html"><!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]),
    ).toEqual([
      '[CVE-2026-0005] Wheel RECORD hashes not verified for .data files',
      '[CVE-2026-0004] shutil.unpack_archive writes outside the target directory',
    ]);
    expect(atom).toContain('There is a MEDIUM severity vulnerability affecting CPython.');
    for (const report of world().embargoed)
      for (const trace of traces(report)) expect(atom).not.toContain(trace);
  });

  it("links are absolute, from psrt's public URL when it has one, else from the address asked", async () => {
    const asked = await (await world().app.request('http://psrt.test:8080/advisories.atom')).text();
    expect(asked).toContain('<link href="http://psrt.test:8080/advisories/PSF-2026-1"/>');
    const behindProxy = createWebApp({
      ctx: world().ctx,
      sandbox: true,
      sessionSecret,
      publicUrl: 'https://psrt.example.org/',
    });
    const atom = await (await behindProxy.request('/advisories.atom')).text();
    expect(atom).toContain('<id>https://psrt.example.org/advisories</id>');
    expect(atom).toContain('<link rel="self" href="https://psrt.example.org/advisories.atom"/>');
    expect(atom).toContain('<id>https://psrt.example.org/advisories/PSF-2026-1</id>');
  });
});

describe('the member list', () => {
  it('is public: names and GitHub logins for anyone, roles and work for members only', async () => {
    for (const who of viewers) {
      const { status, html } = await page(world().app, '/members', await cookieOf(who));
      expect(status).toBe(200);
      expect(html).toContain('<td class="name">Seth Larson</td>');
      expect(html).toContain('href="https://github.com/sethmlarson"');
      expect(html).toContain('Christian Heimes');
      const detailed = who === people.member;
      expect(html.includes('Coordinating'), who).toBe(detailed);
      expect(html.includes('>Admin</span>'), who).toBe(detailed);
    }
  });
});

describe('where signed-out visitors land', () => {
  it('outside the sandbox, the home page sends them to the published advisories', async () => {
    const production = createWebApp({
      ctx: { ...world().ctx, log: createLogger('silent') },
      sandbox: false,
      sessionSecret,
    });
    expect((await production.request('/')).headers.get('location')).toBe('/advisories');
    const { html } = await page(production, '/advisories');
    expect(html).toContain('href="/signin"');
  });

  it('the header offers anyone the advisories, members and metrics, whoever signed in their tokens, and the team pages only to members', async () => {
    const links = (html: string) =>
      [...html.matchAll(/<a class="nav" href="([^"]+)"[^>]*>/g)].map((m) => m[1]);
    const navOf = async (who: (typeof viewers)[number]) =>
      links((await page(world().app, '/advisories', await cookieOf(who))).html);
    expect(await navOf('anonymous')).toEqual(['/advisories', '/members', '/stats', '/signin', '/sandbox']);
    expect(await navOf(people.outsider)).toEqual([
      '/reports',
      '/advisories',
      '/members',
      '/stats',
      '/tokens',
      '/sandbox',
    ]);
    expect(await navOf(people.member)).toEqual([
      '/reports',
      '/advisories',
      '/members',
      '/nominations',
      '/stats',
      '/audit',
      '/coverage',
      '/effects',
      '/tokens',
      '/sandbox',
      '/sandbox/github',
      '/sandbox/mail',
    ]);
  });
});
