// The GitHub simulator's own pages as a newcomer to the sandbox uses them, in Debian's Chromium:
// from psrt's navigation to the simulator, report a vulnerability as the demo reporter, edit its
// title, comment, and accept it as a PSRT member, each through a plain form that redirects back.
// (`npm run screenshots` takes the walk-through's pictures.)
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { type RunningServer, startServer } from '../../src/web/server.ts';

const chromiumPath = '/usr/bin/chromium';

// Without Chromium, browser.test.ts says so (and fails in CI); this file has nothing to add.
describe.runIf(existsSync(chromiumPath))("the GitHub simulator's pages in the sandbox", () => {
  let dir: string;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  const title = 'tarfile: path traversal when extracting a crafted archive';
  let ghsa = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'psrt-github-view-'));
    writeFileSync(
      join(dir, 'psrt.config.json'),
      JSON.stringify({
        server: { port: 0 },
        database: { dataDir: 'data' },
        scheduler: { intervalSeconds: 0 },
        log: { level: 'silent' },
      }),
    );
    const config = loadConfig({ file: join(dir, 'psrt.config.json'), env: {}, cwd: dir });
    const [started, launched] = await Promise.allSettled([
      startServer(config),
      chromium.launch({
        executablePath: chromiumPath,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      }),
    ]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    page = await launched.value.newPage({ viewport: { width: 1280, height: 900 } });
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

  const simulator = () => {
    const services = server?.services;
    if (!services) throw new Error('The sandbox starts the GitHub simulator.');
    return services.simulators.github;
  };
  const stateOnGitHub = () => simulator().advisory({ owner: 'python', repo: 'cpython', ghsaId: ghsa });

  it("a member follows psrt's navigation to the simulator's advisories, acting as the demo reporter", async () => {
    await page.goto(`${server?.url}/signin`);
    await page.click('button:has-text("Sign in with GitHub")');
    await page.click('button[data-login="sethmlarson"]');
    await page.waitForURL('**/reports');
    await page.click('header a:has-text("GitHub (simulated)")');
    await page.waitForURL('**/_sim/view/');
    expect(await page.locator('h1').textContent()).toBe('Repository security advisories');
    expect(await page.locator('#act-as').inputValue()).toBe('mira-finds-bugs');
    // The demo GHSAs are there, by repository and state.
    expect(
      await page.locator('section[data-repository="python/cpython"] tr[data-ghsa]').count(),
    ).toBeGreaterThan(0);
    expect(await page.locator('section[data-repository="pypa/pip"]').count()).toBe(1);
  });

  it('a vulnerability reported through the form is listed in triage, credited to its reporter', async () => {
    await page.selectOption('#report-repository', 'python/cpython');
    await page.fill('#report-summary', title);
    await page.fill('#report-description', 'Extracting a crafted archive writes outside the target folder.');
    await page.click('button:has-text("Submit report as mira-finds-bugs")');
    await page.waitForURL(/notice=/);
    const notice = await page.locator('[role=status]').textContent();
    ghsa = /GHSA(-[23456789cfghjmpqrvwx]{4}){3}/.exec(notice ?? '')?.[0] ?? '';
    expect(notice).toBe(`mira-finds-bugs reported ${ghsa} to python/cpython.`);

    const row = page.locator(
      `section[data-repository="python/cpython"] [data-state="triage"] tr[data-ghsa="${ghsa}"]`,
    );
    expect(await row.locator('.title').textContent()).toBe(title);
    expect(await row.textContent()).toContain('mira-finds-bugs (finder)');
    expect(stateOnGitHub()).toMatchObject({
      summary: title,
      state: 'triage',
      author: { login: 'mira-finds-bugs' },
    });
  });

  it('the reporter edits the title and comments; both show on the advisory and on GitHub', async () => {
    await page.click(`tr[data-ghsa="${ghsa}"] a`);
    await page.waitForURL(`**/_sim/view/advisories/python/cpython/${ghsa}?as=mira-finds-bugs`);
    expect(await page.locator('h1.summary').textContent()).toBe(title);

    await page.fill('#edit-summary', 'tarfile: path traversal on extraction');
    await page.click('[data-action="edit"] button');
    await page.waitForURL(/notice=/);
    expect(await page.locator('h1.summary').textContent()).toBe('tarfile: path traversal on extraction');

    await page.fill('#comment-body', 'A proof of concept is attached.\n<b>not markup</b>');
    await page.click('[data-action="comment"] button');
    await page.waitForURL(/notice=/);
    expect(await page.locator('[role=status]').textContent()).toBe(`Commented on ${ghsa}.`);
    const comment = page.locator('li[data-comment]').last();
    expect(await comment.locator('.author').textContent()).toBe('mira-finds-bugs');
    expect(await comment.locator('pre.body').textContent()).toBe(
      'A proof of concept is attached.\n<b>not markup</b>',
    );

    expect(stateOnGitHub().summary).toBe('tarfile: path traversal on extraction');
    const comments = simulator().advisoryComments({ owner: 'python', repo: 'cpython', ghsaId: ghsa });
    // As a browser sends a form's text, with CRLF line ends (GitHub keeps a web comment's CRLFs too).
    expect(comments.map((c) => c.body)).toEqual(['A proof of concept is attached.\r\n<b>not markup</b>']);
  });

  it('accepting as the reporter is refused as GitHub words it, and changes nothing', async () => {
    await page.click('[data-action="accept"] button');
    await page.waitForURL(/error=/);
    expect(await page.locator('[role=alert]').textContent()).toBe(
      '403 Must have admin rights to Repository.',
    );
    expect(stateOnGitHub().state).toBe('triage');
  });

  it('a PSRT member picked as the actor accepts it as a draft', async () => {
    await page.selectOption('#act-as', 'sethmlarson');
    await page.click('header button:has-text("Switch")');
    await page.waitForURL(`**/advisories/python/cpython/${ghsa}?as=sethmlarson`);
    await page.click('[data-action="accept"] button');
    await page.waitForURL(/notice=/);
    expect(await page.locator('[role=status]').textContent()).toBe(`${ghsa} accepted: it is a draft now.`);
    expect(await page.locator('.label.state-draft').count()).toBe(1);
    expect(stateOnGitHub().state).toBe('draft');
  });

  it('the member starts the temporary private fork and opens a pull request in it', async () => {
    await page.click('[data-action="fork"] button');
    await page.waitForURL(/notice=/);
    const fork = stateOnGitHub().private_fork;
    expect(fork?.full_name).toBe(`python/cpython-${ghsa.toLowerCase()}`);

    await page.fill('#pull-title', 'gh-0000: tarfile: refuse members outside the destination');
    await page.fill('#pull-files', 'Lib/tarfile.py\nLib/test/test_tarfile.py');
    await page.click('[data-action="pull"] button');
    await page.waitForURL(/notice=/);
    expect(await page.locator('[role=status]').textContent()).toBe(
      `Pull request #1 opened in ${fork?.full_name}.`,
    );
    const pull = page.locator('tr[data-pull="1"]');
    expect(await pull.textContent()).toContain('gh-0000: tarfile: refuse members outside the destination');
    expect(await pull.locator('.files div').allTextContents()).toEqual([
      'Lib/tarfile.py',
      'Lib/test/test_tarfile.py',
    ]);
  });

  it('the webhook deliveries page lists what the simulator sent', async () => {
    await page.click('header a:has-text("Webhook deliveries")');
    await page.waitForURL('**/_sim/view/deliveries?as=sethmlarson');
    expect(await page.locator('h1').textContent()).toBe('Webhook deliveries');
    const deliveries = simulator().deliveries();
    expect(await page.locator('tr[data-delivery]').count()).toBe(deliveries.length);
  });

  it('every page loaded its stylesheet, with no failed request or script error', async () => {
    const rules = await page.evaluate<number>(
      '[...document.styleSheets].reduce((n, sheet) => n + sheet.cssRules.length, 0)',
    );
    expect(rules).toBeGreaterThan(0);
    expect(failedRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
