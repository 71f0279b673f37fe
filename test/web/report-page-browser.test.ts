// The report page in a real browser (Debian's Chromium through playwright-core, no JavaScript of
// ours on the page): a member opens a report from the list, accepts it with one click and sees
// it on the timeline; a refused action shows why on the page; a duplicate is merged from its card.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignCoordinator, createReport, determineReport } from '../../src/app/reports.ts';
import { resolvePrincipal } from '../../src/app/roster.ts';
import { loadConfig } from '../../src/config/config.ts';
import type { Report } from '../../src/domain/report.ts';
import { type RunningServer, startServer } from '../../src/web/server.ts';

const chromiumPath = '/usr/bin/chromium';

describe.runIf(existsSync(chromiumPath) || process.env.CI)('the report page in Chromium', () => {
  let dir: string;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let ready: Report;
  let undetermined: Report;
  const problems: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'psrt-report-page-'));
    writeFileSync(
      join(dir, 'psrt.config.json'),
      JSON.stringify({ server: { port: 0 }, database: { dataDir: 'data' }, log: { level: 'silent' } }),
    );
    const [started, launched] = await Promise.allSettled([
      startServer(loadConfig({ file: join(dir, 'psrt.config.json'), env: {}, cwd: dir })),
      chromium.launch({
        executablePath: chromiumPath,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      }),
    ]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    const { ctx } = started.value;
    const seth = await resolvePrincipal(ctx, 'sethmlarson');
    const file = (title: string) =>
      createReport(ctx, seth, {
        repository: 'python/cpython',
        title,
        description: 'Found in a fuzzing run.',
      });
    ready = await file('zlib: decompressor reads past the window on a crafted stream');
    await assignCoordinator(ctx, seth, ready.id, 'sethmlarson');
    await determineReport(ctx, seth, ready.id, 'vulnerability');
    undetermined = await file('bz2: a crafted stream makes the decompressor loop');
    page = await launched.value.newPage({ javaScriptEnabled: false });
    const ours = (url: string) =>
      url.startsWith(started.value.url) && !new URL(url).pathname.startsWith('/favicon');
    page.on('console', (message) => {
      if (message.type() === 'error' && ours(message.location().url || page.url()))
        problems.push(message.text());
    });
    page.on('response', (response) => {
      // A refused form answers 4xx on purpose (the last test); anything else failing is a problem.
      if (response.status() >= 400 && ours(response.url()) && response.request().method() !== 'POST')
        problems.push(`${response.status()} ${response.url()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const url = () => server?.url ?? '';

  it('a member opens a report from the list, accepts it with one click and sees it on the timeline', async () => {
    await page.goto(`${url()}/signin`);
    await page.click('button:has-text("Sign in with GitHub")');
    await page.click('button[data-login="sethmlarson"]');
    await page.waitForURL('**/reports');
    await page.click(`tr[data-report="${ready.id}"] td.id a`);
    await page.waitForURL(`**/reports/${ready.id}`);
    expect(await page.locator('h1').textContent()).toBe(ready.title);
    expect(await page.locator('[data-clock="disclosure"]').textContent()).toMatch(/^\d+ days left$/);

    await page.click('[data-transition="accept"] button:has-text("Accept the report")');
    await page.waitForURL(`**/reports/${ready.id}`);
    expect(await page.locator('p.flash').textContent()).toBe(
      'Accepted. psrt reserves its CVE ID and moves the GHSA to draft.',
    );
    expect(await page.locator('.report-head .badge.state').textContent()).toBe('accepted');
    const latest = page.locator('ol.timeline li[data-source="event"]').first();
    expect(await latest.textContent()).toContain('sethmlarson accepted the report');
    expect(problems).toEqual([]);
  });

  it('the flash is gone on the next visit', async () => {
    await page.reload();
    expect(await page.locator('p.flash').count()).toBe(0);
  });

  it("a refused action shows the use-case's words on the report page", async () => {
    await page.goto(`${url()}/reports/${undetermined.id}`);
    expect(await page.locator('[data-transition="accept"] button').isDisabled()).toBe(true);
    await page.selectOption('[data-transition="reject"] select[name="reason"]', 'duplicate');
    await page.click('[data-transition="reject"] button:has-text("Reject the report")');
    expect(await page.locator('p.problem').textContent()).toContain(
      'A duplicate must name the report it duplicates',
    );
    expect(await page.locator('h1').textContent()).toBe(undetermined.title);
    // The browser notes the 422 it was answered; nothing else went wrong.
    expect(problems).toEqual([expect.stringMatching(/status of 422/)]);
  });

  it('a member merges a report into another from its Duplicates card, and lands on it rejected as the duplicate', async () => {
    await page.goto(`${url()}/reports/${undetermined.id}`);
    await page.click('#duplicates details summary');
    await page.fill('#duplicates details input[name="into"]', ready.id);
    await page.click('#duplicates details button[type="submit"]');
    await page.waitForURL(`**/reports/${undetermined.id}`);
    expect(await page.locator('p.flash').textContent()).toContain(
      `Merged into ${ready.id}: this report is rejected as its duplicate.`,
    );
    expect(await page.locator('.report-head .badge.state').textContent()).toBe('rejected');
    const latest = page.locator('ol.timeline li[data-source="event"]').first();
    expect(await latest.textContent()).toContain(`sethmlarson merged this report into ${ready.id}`);
  });

  it('the list and the report page have no serious accessibility problem (axe)', async () => {
    // axe runs in the page: a page of its own with scripts on, signed in as the same member.
    const context = await browser?.newContext();
    if (!context) throw new Error('The browser is launched in beforeAll.');
    const checked = await context.newPage();
    await checked.goto(`${url()}/signin`);
    await checked.click('button:has-text("Sign in with GitHub")');
    await checked.click('button[data-login="sethmlarson"]');
    await checked.waitForURL('**/reports');
    const serious: string[] = [];
    for (const path of ['/reports', `/reports/${ready.id}`, `/reports/${undetermined.id}`]) {
      await checked.goto(`${url()}${path}`);
      const { violations } = await new AxeBuilder({ page: checked }).analyze();
      for (const violation of violations)
        if (violation.impact === 'serious' || violation.impact === 'critical')
          serious.push(`${path}: ${violation.id} (${violation.nodes.length}): ${violation.help}`);
    }
    await context.close();
    expect(serious).toEqual([]);
  });
});
