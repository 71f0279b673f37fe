// Retakes the sandbox walk-through's screenshots (docs/sandbox-walkthrough.md) into
// docs/screenshots/: a fresh sandbox in a temporary folder, driven in Chromium the way a
// newcomer goes through it. `npm run screenshots` (about three minutes: the sandbox waits its
// two idle minutes before it assigns a coordinator). CHROMIUM names the browser (default
// /usr/bin/chromium).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { loadConfig } from '../src/config/config.ts';
import { type RunningServer, startServer } from '../src/web/server.ts';

const out = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const title = 'zipfile: path traversal through a crafted member name';
const description =
  'Extracting an archive whose member name starts with "../" writes outside the target directory.';

/** Reloads `page` until `ready` holds: what a newcomer does while psrt works. */
async function until(page: Page, what: string, ready: () => Promise<boolean>, seconds = 240): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`Waited ${seconds} s and still not: ${what}.`);
    await new Promise((done) => setTimeout(done, 2000));
    await page.reload();
  }
}

async function walkThrough(server: RunningServer, page: Page): Promise<void> {
  const shoot = async (name: string) => {
    await page.screenshot({ path: join(out, name), fullPage: true });
    console.log(`  ${name}`);
  };
  const row = () => page.locator('tr[data-report]', { hasText: title });
  const cell = async (n: number) => (await row().locator(`td:nth-child(${n})`).textContent()) ?? '';

  console.log('1. Sign in with GitHub (the simulator) as a PSRT member and see the open reports.');
  await page.goto(`${server.url}/signin`);
  await shoot('sandbox-signin.png');
  await page.click('button:has-text("Sign in with GitHub")');
  await page.waitForURL('**/login/oauth/authorize?**');
  await shoot('github-sim-signin.png');
  await page.click('button[data-login="sethmlarson"]');
  await page.waitForURL('**/reports');
  await shoot('sandbox-reports.png');

  console.log('2. On the simulated GitHub, report a vulnerability as the demo reporter.');
  await page.click('header a:has-text("GitHub (simulated)")');
  await page.waitForURL('**/_sim/view/');
  await page.selectOption('#report-repository', 'python/cpython');
  await page.fill('#report-summary', title);
  await page.fill('#report-description', description);
  await shoot('github-sim-report-form.png');
  await page.click('button:has-text("Submit report as")');
  await page.waitForURL(/notice=/);
  const ghsa = /GHSA(-[23456789cfghjmpqrvwx]{4}){3}/.exec(
    (await page.locator('[role=status]').textContent()) ?? '',
  )?.[0];
  if (!ghsa) throw new Error('The simulator did not say which GHSA the report became.');
  const listed = page.locator(`tr[data-ghsa="${ghsa}"]`);
  await until(page, 'the PSRT team on the new advisory', async () =>
    ((await listed.textContent()) ?? '').includes('team python/psrt'),
  );
  await shoot('github-sim-advisories.png');

  console.log('3. psrt picked it up: a triage report, a coordinator due after the idle time.');
  await page.goto(`${server.url}/reports`);
  await until(page, 'the report in psrt', async () => (await row().count()) === 1);
  await shoot('sandbox-report-picked-up.png');

  console.log('4. A coordinator is assigned after the sandbox idle time (two minutes).');
  await until(page, 'a coordinator on the report', async () => (await cell(4)).trim() !== '—');
  const coordinator = (await cell(4)).trim();
  await shoot('sandbox-coordinator-assigned.png');
  await row().locator('a.ghsa').click();
  await page.waitForURL(`**/advisories/python/cpython/${ghsa}?as=sethmlarson`);
  await until(page, 'the coordinator credited on GitHub', async () =>
    ((await page.locator('dd.credits').textContent()) ?? '').includes(`${coordinator} (coordinator`),
  );
  await shoot('github-sim-coordinator.png');

  console.log(`5. As the coordinator (${coordinator}), tag the title [ACCEPTED].`);
  await page.selectOption('#act-as', coordinator);
  await page.click('header button:has-text("Switch")');
  await page.waitForURL(`**/advisories/python/cpython/${ghsa}?as=${coordinator}`);
  await page.fill('#edit-summary', `[ACCEPTED] ${title}`);
  await page.click('[data-action="edit"] button');
  await page.waitForURL(/notice=/);
  await until(page, 'the CVE ID on the draft advisory, and its private fork', async () => {
    const cve = (await page.locator('dd.cve').textContent()) ?? '';
    return /^CVE-\d{4}-\d+$/.test(cve.trim()) && (await page.locator('.label.state-draft').count()) === 1;
  });
  await until(page, 'the private fork', async () => (await page.locator('#pull-title').count()) === 1);

  console.log('6. Fix it in the temporary private fork: a pull request, never merged there.');
  await page.fill('#pull-title', 'gh-0000: zipfile: refuse member names outside the target');
  await page.fill('#pull-files', 'Lib/zipfile/__init__.py\nLib/test/test_zipfile/test_core.py');
  await page.click('[data-action="pull"] button');
  await page.waitForURL(/notice=/);
  await shoot('github-sim-advisory.png');

  console.log('7. psrt has it accepted, with its CVE ID.');
  await page.goto(`${server.url}/reports`);
  await until(page, 'the report accepted in psrt', async () => (await cell(3)).includes('accepted'));
  await shoot('sandbox-accepted.png');

  console.log('8. The webhook deliveries GitHub sent psrt.');
  await page.goto(`${server.services?.github.viewUrl}deliveries`);
  await shoot('github-sim-deliveries.png');
}

async function main(): Promise<void> {
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
    mkdirSync(out, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await walkThrough(server, page);
    console.log(`Screenshots are in ${out}`);
  } finally {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
