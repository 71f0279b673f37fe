// The CRA section in a real browser (Debian's Chromium, no JavaScript of ours on the page): a
// member records awareness of active exploitation, completes the early warning's draft, records
// its submission with ENISA's reference and sees the frozen copy; axe finds no serious problem.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignCoordinator, createReport } from '../../src/app/reports.ts';
import { resolvePrincipal } from '../../src/app/roster.ts';
import { loadConfig } from '../../src/config/config.ts';
import type { Report } from '../../src/domain/report.ts';
import { type RunningServer, startServer } from '../../src/web/server.ts';
import { accessibilityProblems, chromiumPath, launchChromium } from '../support/browser.ts';

describe.runIf(existsSync(chromiumPath) || process.env.CI)('the CRA section in Chromium', () => {
  let dir: string;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let report: Report;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'psrt-cra-page-'));
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
    const { ctx } = started.value;
    const seth = await resolvePrincipal(ctx, 'sethmlarson');
    report = await createReport(ctx, seth, {
      repository: 'python/cpython',
      title: 'xml.sax: entity expansion exploited in the wild',
      description: 'Seen against XML APIs.',
    });
    await assignCoordinator(ctx, seth, report.id, 'sethmlarson');
    page = await launched.value.newPage({ javaScriptEnabled: false });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a member records awareness, completes the draft, records the submission and sees what was submitted', async () => {
    const url = server?.url ?? '';
    await page.goto(`${url}/signin`);
    await page.click('button:has-text("Sign in with GitHub")');
    await page.click('button[data-login="sethmlarson"]');
    await page.waitForURL('**/reports');
    await page.goto(`${url}/reports/${report.id}`);

    const hourAgo = new Date(Date.now() - 3_600_000).toISOString().slice(0, 16);
    await page.click('#cra summary:has-text("Record active exploitation")');
    await page.fill('#cra form[action$="/cra/aware"] input[name="awareAt"]', hourAgo);
    await page.fill(
      '#cra form[action$="/cra/aware"] textarea[name="evidence"]',
      'Two providers report attacks',
    );
    await page.click('#cra button:has-text("Record awareness")');
    expect(await page.locator('p.flash').textContent()).toBe(
      'Active exploitation recorded: the CRA clocks run.',
    );
    expect(await page.locator('[data-cra-missing]').first().textContent()).toContain('Member States');

    const draft = page.locator('[data-cra-draft="early-warning"]');
    await draft.locator('textarea[name="field.memberStates"]').fill('All EU Member States');
    await draft.locator('button:has-text("Save the draft")').click();
    expect(await page.locator('p.flash').textContent()).toBe('The draft of the early warning is saved.');

    await page.locator('[data-cra-draft="early-warning"] input[name="reference"]').fill('SRP-2026-0042');
    await page.locator('[data-cra-draft="early-warning"] button:has-text("Record as submitted")').click();
    expect(await page.locator('p.flash').textContent()).toContain(
      'recorded as submitted (reference SRP-2026-0042)',
    );
    const frozen = page.locator('[data-cra-submission="early-warning"]');
    expect(await frozen.textContent()).toContain('All EU Member States');
    expect(await page.locator('ol.timeline').textContent()).toContain(
      "submitted the CRA early warning on ENISA's Single Reporting Platform (reference SRP-2026-0042)",
    );
  });

  it('the report page with drafts and a submission has no serious accessibility problem (axe)', async () => {
    const context = await browser?.newContext();
    if (!context) throw new Error('The browser is launched in beforeAll.');
    const checked = await context.newPage();
    const url = server?.url ?? '';
    await checked.goto(`${url}/signin`);
    await checked.click('button:has-text("Sign in with GitHub")');
    await checked.click('button[data-login="sethmlarson"]');
    await checked.waitForURL('**/reports');
    await checked.goto(`${url}/reports/${report.id}`);
    expect(await accessibilityProblems(checked)).toEqual([]);
    await context.close();
  });
});
