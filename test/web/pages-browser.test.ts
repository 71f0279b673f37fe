// The team's and the public pages in a real browser: Debian's Chromium driven
// by playwright-core against `startServer` in sandbox mode. A member finds them
// in the navigation, an admin verifies the audit log with one click, anyone
// reads the advisories and subscribes to a feed that parses as Atom, and axe
// finds no serious accessibility problem on any of them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { type RunningServer, startServer } from '../../src/web/server.ts';
import {
  chromiumPath,
  haveChromium,
  launchChromium,
  accessibilityProblems as problemsOn,
} from '../support/browser.ts';

if (!haveChromium && process.env.CI) {
  describe('the team and public pages in Chromium', () => {
    it('has Chromium to run in (required in CI)', () => {
      throw new Error(`No Chromium at ${chromiumPath}: install Debian's chromium package.`);
    });
  });
}

describe.runIf(haveChromium)('the team and public pages in Chromium', () => {
  let dir: string;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'psrt-pages-'));
    writeFileSync(
      join(dir, 'psrt.config.json'),
      JSON.stringify({ server: { port: 0 }, database: { dataDir: 'data' }, log: { level: 'silent' } }),
    );
    const config = loadConfig({ file: join(dir, 'psrt.config.json'), env: {}, cwd: dir });
    const [started, launched] = await Promise.allSettled([startServer(config), launchChromium()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    // axe needs a page of its own context.
    page = await (await launched.value.newContext()).newPage();
    const own = (url: string) => !new URL(url).pathname.startsWith('/favicon');
    page.on('console', (m) => {
      if (m.type() === 'error' && own(m.location().url || page.url())) problems.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && own(r.url())) problems.push(`${r.status()} ${r.url()}`);
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const url = (path: string) => `${server?.url}${path}`;

  /** Serious or critical accessibility violations on the page as it is now. */
  const accessibilityProblems = () => problemsOn(page);

  it('anyone reads the published advisories and opens one from the list', async () => {
    await page.goto(url('/advisories'));
    expect(await page.locator('h1').textContent()).toBe('Security advisories');
    expect(await accessibilityProblems()).toEqual([]);
    await page.click('tr[data-advisory="PSF-2026-1"] td.title a');
    await page.waitForURL('**/advisories/PSF-2026-1');
    expect(await page.locator('.mail-text .subject').textContent()).toBe(
      '[CVE-2026-0004] shutil.unpack_archive writes outside the target directory',
    );
    expect(await accessibilityProblems()).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('the Atom feed parses as Atom, one entry per advisory, each linking its page by an absolute URL', async () => {
    // Parsed by the browser's own XML parser: a feed that is not well-formed XML yields a parsererror.
    const parsed = await page.evaluate<{ root: string; ns: string | null; errors: number; links: string[] }>(`
      fetch('/advisories.atom').then((r) => r.text()).then((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        const atom = 'http://www.w3.org/2005/Atom';
        return {
          root: doc.documentElement.localName,
          ns: doc.documentElement.namespaceURI,
          errors: doc.getElementsByTagName('parsererror').length,
          links: [...doc.getElementsByTagNameNS(atom, 'entry')].map(
            (entry) => entry.getElementsByTagNameNS(atom, 'link')[0].getAttribute('href'),
          ),
        };
      })`);
    expect(parsed).toEqual({
      root: 'feed',
      ns: 'http://www.w3.org/2005/Atom',
      errors: 0,
      links: [url('/advisories/CVE-2026-0005'), url('/advisories/PSF-2026-1')],
    });
  });

  it('an admin finds the audit log in the navigation and verifies the chain with one click', async () => {
    await page.goto(url('/signin'));
    await page.click('button:has-text("Sign in with GitHub")');
    await page.click('button[data-login="warsaw"]');
    await page.waitForURL('**/reports');
    await page.click('header nav.main a:has-text("Audit")');
    await page.waitForURL('**/audit');
    expect(await page.locator('.banner strong').textContent()).toBe('Not verified yet.');
    await page.click('button:has-text("Verify now")');
    await page.waitForURL('**/audit');
    expect(await page.locator('.banner strong').textContent()).toBe('Chain intact.');
    expect(await page.locator('.banner').textContent()).toContain('by warsaw');
    // The verification is itself the newest event.
    expect(await page.locator('tr[data-seq] td.action').first().textContent()).toBe('audit.verify');
    expect(await accessibilityProblems()).toEqual([]);
  });

  it('the effects, coverage, members, metrics, tokens and sandbox pages are one click away, and accessible', async () => {
    for (const [link, heading] of [
      ['header nav.main a:has-text("Effects")', 'Effects'],
      ['header nav.main a:has-text("Coverage")', 'Repository coverage'],
      ['header nav.main a:has-text("Members")', 'Members'],
      ['header nav.main a:has-text("Metrics")', 'Metrics'],
      ['header nav.main a:has-text("Tokens")', 'API tokens'],
      ['header nav.sandbox-strip a:has-text("Sandbox")', 'Sandbox'],
    ] as const) {
      await page.click(link);
      await page.waitForFunction(`document.querySelector('h1')?.textContent === ${JSON.stringify(heading)}`);
      expect(await accessibilityProblems(), heading).toEqual([]);
    }
    expect(problems).toEqual([]);
  });

  it('an admin previews the inactivity report, produces it and records a Council vote without JavaScript, all accessible', async () => {
    await page.goto(url('/members/inactivity'));
    expect(await page.locator('h1').textContent()).toBe('Inactivity reports');
    expect(await accessibilityProblems()).toEqual([]);
    await page.click('button:has-text("Produce this report")');
    // The sandbox has last year's report already: this one is the next.
    await page.waitForURL(/\/members\/inactivity\/\d+$/);
    const produced = page.url();
    await page.click('button:has-text("Send to the Steering Council")');
    await page.waitForURL(produced);
    await page.selectOption('select[name="login"]', 'tim-one');
    await page.check('input[name="verdict"][value="keep"]');
    await page.fill('input[name="decision"]', 'SC vote of 2026-12-10');
    await page.click('button:has-text("Record the decision")');
    await page.waitForURL(produced);
    expect(await page.locator('li[data-login="tim-one"][data-verdict="keep"]').count()).toBe(1);
    expect(await accessibilityProblems()).toEqual([]);
    expect(problems).toEqual([]);
  });
});
