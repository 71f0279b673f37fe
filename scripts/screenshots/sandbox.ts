// What both picture tours share: a fresh sandbox in a temporary folder, Chromium at 1280 pixels
// wide, signing in the way a newcomer does (GitHub's button, then a person on the simulator's
// page), full-page pictures into docs/screenshots/, and waiting for psrt to get somewhere.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config/config.ts';
import { type RunningServer, startServer } from '../../src/web/server.ts';

export const screenshotsFolder = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

export interface Sandbox {
  server: RunningServer;
  browser: Browser;
  /** A new browser window with nobody signed in. */
  newPage(): Promise<Page>;
}

/** Runs `tour` against a fresh sandbox and a fresh browser, and removes both afterwards. */
export async function withSandbox(tour: (sandbox: Sandbox) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'psrt-screenshots-'));
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  try {
    // The sandbox's own settings, but for how often it looks: less waiting, the same pictures.
    writeFileSync(
      join(dir, 'psrt.config.json'),
      JSON.stringify({
        server: { port: 0 },
        database: { dataDir: 'data' },
        github: { pollSeconds: 5 },
        scheduler: { intervalSeconds: 5 },
        log: { level: 'warn' },
      }),
    );
    server = await startServer(loadConfig({ file: join(dir, 'psrt.config.json'), env: {}, cwd: dir }));
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
    mkdirSync(screenshotsFolder, { recursive: true });
    const opened = browser;
    await tour({
      server,
      browser,
      newPage: async () => (await opened.newContext({ viewport: { width: 1280, height: 800 } })).newPage(),
    });
  } finally {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Saves the whole page (not only what the window shows) as docs/screenshots/NAME. */
export async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotsFolder, name), fullPage: true });
  console.log(`  ${name}`);
}

/**
 * Signs in as `login` through "Sign in with GitHub" and the simulator's page of demo people,
 * taking a picture of that page on the way when asked to.
 */
export async function signIn(
  page: Page,
  server: RunningServer,
  login: string,
  picture?: { github: string },
): Promise<void> {
  await page.goto(`${server.url}/signin`);
  await page.click('button:has-text("Sign in with GitHub")');
  await page.waitForURL('**/login/oauth/authorize?**');
  if (picture) await shoot(page, picture.github);
  await page.click(`button[data-login="${login}"]`);
  await page.waitForURL('**/reports');
}

/** Reloads `page` until `ready` holds: what a newcomer does while psrt works. */
export async function until(
  page: Page,
  what: string,
  ready: () => Promise<boolean>,
  seconds = 240,
): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`Waited ${seconds} s and still not: ${what}.`);
    await new Promise((done) => setTimeout(done, 2000));
    await page.reload();
  }
}
