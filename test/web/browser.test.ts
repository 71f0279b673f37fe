// The sandbox as a newcomer meets it, in a real browser: Debian's Chromium
// driven by playwright-core against `startServer` on a free port. A member
// signs in with GitHub (the simulator's page) and sees the open reports with
// their clocks, overdue first; a visitor sees none.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { reportClocks } from '../../src/domain/clocks.ts';
import { listReports } from '../../src/store/index.ts';
import { type RunningServer, startServer } from '../../src/web/server.ts';

const chromiumPath = '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);

if (!haveChromium) {
  if (process.env.CI) {
    describe('the sandbox in Chromium', () => {
      it('has Chromium to run in (required in CI)', () => {
        throw new Error(`No Chromium at ${chromiumPath}: install Debian's chromium package.`);
      });
    });
  } else {
    console.warn(
      `\n⚠ Browser tests skipped: no Chromium at ${chromiumPath} (apt-get install chromium). In CI they fail instead.\n`,
    );
  }
}

describe.runIf(haveChromium)('the sandbox in Chromium', () => {
  let dir: string;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'psrt-browser-'));
    writeFileSync(
      join(dir, 'psrt.config.json'),
      JSON.stringify({ server: { port: 0 }, database: { dataDir: 'data' }, log: { level: 'silent' } }),
    );
    const config = loadConfig({ file: join(dir, 'psrt.config.json'), env: {}, cwd: dir });
    expect(config.sandbox).toBe(true);
    // Start both at once; whichever started is stopped in afterAll even when the other failed.
    const [started, launched] = await Promise.allSettled([
      startServer(config),
      chromium.launch({
        executablePath: chromiumPath,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
        ],
      }),
    ]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    page = await launched.value.newPage();
    // The browser's own favicon probe is not something a page asked for.
    const ownRequest = (url: string) => !new URL(url).pathname.startsWith('/favicon');
    page.on('console', (message) => {
      if (message.type() === 'error' && ownRequest(message.location().url || page.url()))
        consoleErrors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && ownRequest(response.url()))
        failedRequests.push(`${response.status()} ${response.url()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function running(): RunningServer {
    if (!server) throw new Error('The server is started in beforeAll.');
    return server;
  }

  /** Open reports in the order the store ranks them (the page must show the same). */
  async function openReports() {
    const { ctx } = running();
    const now = ctx.now();
    const { reports } = await listReports(ctx.store.db, { kind: 'all' }, { now, open: true, limit: 500 });
    return reports.map((report) => ({ report, clock: reportClocks(report, now).disclosure }));
  }

  /** "Sign in with GitHub", then the person's button on the GitHub simulator's sign-in page. */
  async function signInAs(login: string) {
    await page.click('button:has-text("Sign in with GitHub")');
    await page.waitForURL('**/login/oauth/authorize?**');
    expect(await page.locator('h1').textContent()).toBe('Sign in to psrt');
    await page.click(`button[data-login="${login}"]`);
    await page.waitForURL('**/reports');
  }

  it('a member signs in with GitHub (the simulator’s page) and lands on the open reports', async () => {
    await page.goto(`${running().url}/`);
    await page.waitForURL('**/signin');
    await signInAs('sethmlarson');
    expect(await page.locator('h1').textContent()).toBe('Open reports');
    expect(await page.locator('header .who').textContent()).toContain('sethmlarson');
  });

  it('every open report is a row, overdue first, with its disclosure clock visible', async () => {
    const expected = await openReports();
    const rows = page.locator('tr[data-report]');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-report')))).toEqual(
      expected.map(({ report }) => report.id),
    );

    const overdue = expected.filter(({ clock }) => clock.overdue);
    expect(overdue).toHaveLength(1);
    const first = rows.first();
    expect(await first.getAttribute('data-report')).toBe(overdue[0]?.report.id);
    const firstClock = first.locator('.clock');
    expect(await firstClock.isVisible()).toBe(true);
    expect(await firstClock.textContent()).toMatch(/^overdue by \d+ (day|hour)s?$/);

    const secondClock = rows.nth(1).locator('.clock');
    expect(await secondClock.isVisible()).toBe(true);
    expect(await secondClock.textContent()).toMatch(/^\d+ days? left$/);
  });

  it('the page loads its stylesheet under the content security policy, with no failed request or error', async () => {
    // A string, evaluated in the page: the project compiles without the DOM library.
    const rules = await page.evaluate<number>(
      '[...document.styleSheets].reduce((n, sheet) => n + sheet.cssRules.length, 0)',
    );
    expect(rules).toBeGreaterThan(0);
    expect(failedRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('a member opens the outgoing mail from the navigation and reads what psrt sent', async () => {
    const { services } = running();
    if (!services) throw new Error('The sandbox starts its SMTP server.');
    const mailer = createTransport({ host: services.smtp.host, port: services.smtp.port, secure: false });
    await mailer.sendMail({
      from: 'psrt@python.org',
      to: 'mira@example.org',
      subject: 'Your report was received',
      text: 'Thank you for reporting <this>.',
    });
    mailer.close();
    await page.click('header a:has-text("Outgoing mail")');
    await page.waitForURL('**/sandbox/mail');
    expect(await page.locator('h1').textContent()).toBe('Outgoing mail');
    // Found by its subject: the sandbox's own reminders may arrive after it (the order is mail-page.test.ts's).
    const sent = page.locator('li[data-mail]', {
      has: page.locator('h2', { hasText: /^Your report was received$/ }),
    });
    expect(await sent.count()).toBe(1);
    expect(await sent.locator('pre.body').textContent()).toContain('Thank you for reporting <this>.');
    expect(failedRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('signing out returns to the sign-in page', async () => {
    await page.click('header button:has-text("Sign out")');
    await page.waitForURL('**/signin');
    expect(await page.locator('button:has-text("Sign in with GitHub")').isVisible()).toBe(true);
    // A page for members sends them to sign in, on the way back to it.
    await page.goto(`${running().url}/reports`);
    await page.waitForURL('**/signin');
    expect(await page.locator('input[name="next"]').inputValue()).toBe('/reports');
  });

  it('Cancel on GitHub’s page comes back to the sign-in page, signed out', async () => {
    await page.click('button:has-text("Sign in with GitHub")');
    await page.waitForURL('**/login/oauth/authorize?**');
    await page.click('button:has-text("Cancel")');
    await page.waitForURL('**/signin?problem=denied');
    expect(await page.locator('[role=status]').textContent()).toBe(
      'You cancelled on GitHub, so nobody is signed in.',
    );
    expect(await page.locator('header .who').count()).toBe(0);
  });

  it('a visitor with no grant sees the empty state and no report at all', async () => {
    await signInAs('curious-visitor');
    expect(await page.locator('p.empty').textContent()).toBe('No open reports you can see.');
    expect(await page.locator('tr[data-report]').count()).toBe(0);
    const text = await page.locator('body').textContent();
    for (const { report } of await openReports()) expect(text).not.toContain(report.title);
  });
});
