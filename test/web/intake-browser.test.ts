// The security@ triage queue in a real browser (Debian's Chromium through playwright-core)
// against psrt's web app on a free port: an admin opens a thread from the queue and asks the
// reporter for what is missing with the keyboard alone; both pages pass axe.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { readPendingMail, receiveMail } from '../../src/app/intake.ts';
import { importRoster } from '../../src/app/roster.ts';
import { createLogger } from '../../src/config/logger.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { noServices } from '../../src/web/api/index.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { type Listener, listen } from '../../src/web/listener.ts';
import { bot, devguideRoster } from '../app/support.ts';
import { accessibilityProblems, haveChromium, launchChromium } from '../support/browser.ts';
import { signIn, testGitHubSignIn } from '../support/sign-in.ts';

const subject = 'tarfile: <script>alert(1)</script> traversal in extractall';

describe.runIf(haveChromium || process.env.CI)('the security@ triage queue in Chromium', () => {
  let store: Store;
  let listener: Listener | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const failures: string[] = [];

  beforeAll(async () => {
    store = await openStore({ memory: true });
    await store.migrate();
    const ctx: AppContext = { store, now: () => new Date(), log: createLogger('silent') };
    await importRoster(ctx, bot, devguideRoster());
    await receiveMail(ctx, {
      source: 'smtp',
      raw: Buffer.from(
        [
          'From: Finder <finder@example.org>',
          'To: security@python.org',
          `Subject: ${subject}`,
          'Message-ID: <browser-1@example.org>',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Extracting a crafted archive writes outside the target directory.',
          '',
        ].join('\r\n'),
      ),
    });
    await readPendingMail(ctx, { teamKey: null, acknowledgeDays: 7, ownAddresses: [] });
    const app = createWebApp({
      ctx,
      sandbox: false,
      sessionSecret: 'test-session-secret-0123456789abcdef',
      gitHubSignIn: testGitHubSignIn(),
      services: { ...noServices, forwardTo: [{ name: 'PyPI', address: 'security@pypi.org' }] },
    });
    listener = await listen('127.0.0.1', 0);
    listener.serve(app.fetch);
    browser = await launchChromium();
    // Signed in as the admin: the session cookie `POST /signin` and GitHub's callback set.
    const { cookie } = await signIn(app, 'sethmlarson');
    const [name = '', value = ''] = cookie.split('=');
    const context = await browser.newContext();
    await context.addCookies([{ name, value, url: listener.url }]);
    page = await context.newPage();
    page.on('pageerror', (error) => failures.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400 && !new URL(response.url()).pathname.startsWith('/favicon'))
        failures.push(`${response.status()} ${response.url()}`);
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await listener?.close(performance.now() + 1000);
    await store?.close();
  });

  /** Presses Tab until the focused element is `selector` (as a keyboard user moves through the page). */
  async function tabTo(selector: string): Promise<void> {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      if (
        await page.evaluate<boolean>(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)
      )
        return;
    }
    throw new Error(`Tab never reached ${selector}`);
  }

  it('an admin opens a thread from the queue and asks the reporter for the proof of concept the policy check found missing, with the keyboard alone', async () => {
    await page.goto(`${listener?.url}/intake`);
    expect(await page.locator('h1').textContent()).toBe('Intake');
    expect(await accessibilityProblems(page)).toEqual([]);

    await tabTo('td.title a');
    expect(await page.evaluate<string>('document.activeElement?.textContent')).toBe(subject);
    await Promise.all([page.waitForURL('**/intake/*'), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toBe(subject);
    expect(await page.locator('pre.mail-body').textContent()).toContain('writes outside the target');
    expect(await accessibilityProblems(page)).toEqual([]);

    // The policy check found no versions and no proof of concept: both are ticked already.
    expect(await page.locator('section[data-slot="policy-check"]').count()).toBe(1);
    expect(await page.locator('input[name="missing"][value^="a proof-of-concept"]').isChecked()).toBe(true);
    expect(await page.locator('input[name="missing"][value^="the versions of Python"]').isChecked()).toBe(
      true,
    );
    // The admin asks for the proof of concept alone: the versions box is unticked with the keyboard.
    await tabTo('input[name="missing"][value^="the versions of Python"]');
    await page.keyboard.press('Space');
    expect(await page.locator('input[name="missing"][value^="the versions of Python"]').isChecked()).toBe(
      false,
    );
    await tabTo('form:has(input[value="needs-information"]) button[type="submit"]');
    await Promise.all([page.waitForSelector('p.flash'), page.keyboard.press('Enter')]);
    expect(await page.locator('p.flash').textContent()).toContain(
      'psrt asks the reporter for what is missing',
    );
    expect(await page.locator('ul.facts .thread-status').textContent()).toBe('Needs information');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(failures).toEqual([]);
  });
});
