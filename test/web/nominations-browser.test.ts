// Nominations in a real browser (Debian's Chromium, without JavaScript): a
// member nominates someone, votes in favour and sees the vote and how the vote
// stands; axe finds no serious problem on the nominations pages.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { type RunningServer, startServer } from '../../src/web/server.ts';
import { accessibilityProblems, chromiumPath, launchChromium } from '../support/browser.ts';

describe.runIf(existsSync(chromiumPath) || process.env.CI)('nominations in Chromium', () => {
  let dir: string;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'psrt-nominations-page-'));
    writeFileSync(
      join(dir, 'psrt.config.json'),
      JSON.stringify({ server: { port: 0 }, database: { dataDir: 'data' }, log: { level: 'silent' } }),
    );
    const [started, launched] = await Promise.allSettled([
      startServer(loadConfig({ file: join(dir, 'psrt.config.json'), env: {}, cwd: dir })),
      launchChromium(),
    ]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    page = await launched.value.newPage({ javaScriptEnabled: false });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a member nominates someone and votes in favour through the pages', { timeout: 120_000 }, async () => {
    const url = server?.url ?? '';
    await page.goto(`${url}/signin`);
    await page.click('button:has-text("Sign in with GitHub")');
    await page.click('button[data-login="sethmlarson"]');
    await page.waitForURL('**/reports');
    await page.goto(`${url}/nominations/new`);
    await page.fill('input[name="login"]', 'keen-contributor');
    await page.fill('input[name="name"]', 'Keen Contributor');
    await page.fill('textarea[name="why"]', 'Reported and fixed three vulnerabilities in tarfile.');
    await page.click('button:has-text("Nominate")');
    expect(await page.locator('p.flash').textContent()).toContain(
      'Nominated Keen Contributor: members vote until',
    );
    expect(await page.locator('[data-outcome]').getAttribute('data-outcome')).toBe('open');

    await page.check('input[name="vote"][value="for"]');
    await page.click('button:has-text("Vote")');
    expect(await page.locator('p.flash').textContent()).toBe(
      'Your vote is recorded: in favour. You may change it until the vote closes.',
    );
    expect(await page.locator('table.votes tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/^sethmlarsonin favour/),
    ]);
    expect(await page.locator('[data-outcome]').textContent()).toContain('so far 1 of 1 vote cast in favour');
    await page.goto(`${url}/nominations`);
    expect(await page.locator('tr[data-nomination]').first().textContent()).toContain('Keen Contributor');
  });

  it('the nominations pages have no serious accessibility problem (axe)', { timeout: 120_000 }, async () => {
    // axe runs as a script: a context of its own, with JavaScript.
    const context = await browser?.newContext();
    if (!context) throw new Error('The browser is launched in beforeAll.');
    const checked = await context.newPage();
    const url = server?.url ?? '';
    await checked.goto(`${url}/signin`);
    await checked.click('button:has-text("Sign in with GitHub")');
    await checked.click('button[data-login="gpshead"]');
    await checked.waitForURL('**/reports');
    for (const path of ['/nominations', '/nominations/1', '/nominations/new']) {
      await checked.goto(`${url}${path}`);
      expect(await accessibilityProblems(checked), path).toEqual([]);
    }
    await context.close();
  });
});
