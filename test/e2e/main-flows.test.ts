// The PSRT's main flows end to end, as people click through them: the real `psrt serve` in
// sandbox mode (its GitHub and CVE Services simulators, its demo reports) and Debian's Chromium.
// A member signs in with GitHub, takes a triage report to accepted, scores it, grants a
// collaborator (GitHub refuses once: the effect is retried), publishes a ready report, and hands
// the first one off to another member, who takes over. Then every main page is worked with the
// keyboard alone and checked by axe, with the data the flows left. Each step relies on the ones
// before it: one server and one browser for the file.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCvss } from '../../src/domain/cvss.ts';
import { demoMail } from '../../src/sandbox/intake-mail.ts';
import { stories } from '../../src/sandbox/stories.ts';
import { accessibilityProblems, haveChromium, launchChromium } from '../support/browser.ts';
import { invisibleFocus, tabTo } from './keyboard.ts';
import { type Sandbox, startSandbox } from './sandbox-serve.ts';

const titleOf = (key: string) => {
  const story = stories.find((s) => s.key === key);
  if (!story) throw new Error(`No sandbox story "${key}".`);
  return story.title;
};
/** In triage on pypa/pip, nobody coordinating it yet. */
const triage = titleOf('pip-index');
/** Accepted on python/cpython, every publication check met. */
const ready = titleOf('plistlib');

describe.runIf(haveChromium || process.env.CI)('the main flows in Chromium against psrt serve', () => {
  let sandbox: Sandbox | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let failed = false;
  const problems: string[] = [];
  /** Credentials the flows saw (a token made on the Tokens page): no log line may hold one. */
  const secretsSeen: string[] = [];

  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([
      // The scheduler off: no automatic assignment takes the triage report from under the member.
      // Every log line, debug included: the last step reads them all for what must not be there.
      startSandbox({ scheduler: { intervalSeconds: 0 }, log: { level: 'debug' } }),
      launchChromium(),
    ]);
    if (started.status === 'fulfilled') sandbox = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    page = await (await launched.value.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    // A control that never appears fails its step in seconds, saying which.
    page.setDefaultTimeout(10_000);
    const ours = (url: string) => url.startsWith(started.value.url) && !url.includes('/favicon');
    page.on('console', (m) => {
      if (m.type() === 'error' && ours(m.location().url || page.url())) problems.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && ours(r.url()))
        problems.push(`${r.status()} ${r.request().method()} ${r.url()}`);
    });
  }, 120_000);

  afterEach((context) => {
    if (context.task.result?.state === 'fail') failed = true;
  });

  afterAll(async () => {
    await browser?.close();
    const exit = await sandbox?.stop();
    if (failed && exit) console.error(`psrt serve's output:\n${exit.stdout}\n${exit.stderr}`);
  });

  const url = (path: string) => `${sandbox?.url}${path}`;
  const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const flash = () => text(page.locator('p.flash[role=status]'));
  /** Reloads the page until `read` gives what `check` wants: psrt acts outside moments after a click. */
  const reloadUntil = <T>(read: () => Promise<T>) =>
    expect.poll(
      async () => {
        await page.reload();
        return read();
      },
      { timeout: 20_000, interval: 250 },
    );

  async function signIn(login: string) {
    await page.goto(url('/signin'));
    await page.click('button:has-text("Sign in with GitHub")');
    await page.click(`button[data-login="${login}"]`);
    await page.waitForURL('**/reports');
    expect(await text(page.locator('header .who'))).toBe(`signed in as ${login}`);
  }

  async function openReport(title: string, list = '/reports') {
    await page.goto(url(list));
    await page.locator('tr[data-report]', { hasText: title }).locator('a.title').click();
    await page.waitForURL('**/reports/PSRT-*');
    expect(await text(page.locator('h1'))).toBe(title);
  }

  /**
   * Reaches `target` (a link or a form's button) with Tab from the top of the page, sees the focus
   * on it, and presses Enter; resolves once the page it leads to has loaded.
   */
  async function pressWithKeyboard(target: Locator) {
    await tabTo(page, target);
    expect(await invisibleFocus(page)).toBeNull();
    const navigated = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
    await page.keyboard.press('Enter');
    await navigated;
    await page.waitForLoadState();
  }

  it('a member signs in with GitHub from the keyboard and lands on the open reports', async () => {
    await page.goto(url('/signin'));
    expect(await accessibilityProblems(page)).toEqual([]);
    await pressWithKeyboard(page.getByRole('button', { name: 'Sign in with GitHub' }));
    await page.waitForURL('**/login/oauth/authorize?**');
    await page.click('button[data-login="sethmlarson"]');
    await page.waitForURL('**/reports');
    expect(await text(page.locator('h1'))).toBe('Open reports');
    expect(await text(page.locator('header .who'))).toBe('signed in as sethmlarson');
  });

  it('the member takes a triage report: assigns themself, records a vulnerability, accepts it, and psrt reserves its CVE ID', async () => {
    await openReport(triage);
    expect(await text(page.locator('.report-head .badge.state'))).toBe('triage');
    await page.click('#coordinator button:has-text("Assign me")');
    expect(await flash()).toBe('You coordinate this report now.');
    expect(await text(page.locator('[data-field=coordinator] strong'))).toBe('sethmlarson');
    await page.selectOption('select[name=determination]', 'vulnerability');
    await page.click('button:has-text("Record")');
    expect(await flash()).toBe('Determination recorded: vulnerability.');
    await pressWithKeyboard(page.getByRole('button', { name: 'Accept the report' }));
    await page.waitForURL('**/reports/PSRT-*');
    expect(await flash()).toBe('Accepted. psrt reserves its CVE ID and moves the GHSA to draft.');
    expect(await text(page.locator('.report-head .badge.state'))).toBe('accepted');
    await reloadUntil(() => text(page.locator('[data-field=cve]'))).toMatch(/^CVE-\d{4}-\d{4,}$/);
  });

  it('the member scores it with the CVSS v4 calculator and the report shows the vector and its severity', async () => {
    await page.click('summary:has-text("Edit the advisory fields")');
    const calculator = page.locator('#edit [data-cvss-calculator]');
    const picks = {
      AV: 'N',
      AC: 'L',
      AT: 'N',
      PR: 'N',
      UI: 'N',
      VC: 'H',
      VI: 'H',
      VA: 'H',
      SC: 'N',
      SI: 'N',
      SA: 'N',
    };
    for (const [metric, value] of Object.entries(picks))
      await calculator.locator(`label[for="cvss-${metric}-${value}"]`).click();
    const vector = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
    expect(await calculator.locator('input[data-cvss-vector]').inputValue()).toBe(vector);
    expect(await text(calculator.locator('[data-cvss-score] .score'))).toBe('9.3');
    expect(await text(calculator.locator('[data-cvss-score] .severity'))).toBe('Critical');
    await page.click('#edit button:has-text("Save changes")');
    expect(await flash()).toBe('Saved.');
    expect(await text(page.locator('[data-field=severity]'))).toBe('Critical 9.3');
    expect(await text(page.locator('dt:has-text("CVSS vector") + dd'))).toBe(vector);
  });

  it('the member grants a collaborator; GitHub refuses once, and the failed effect is retried from the Effects page', async () => {
    // The effect runner has done what accepting and scoring asked of GitHub.
    await reloadUntil(() => page.locator('#timeline .effect-status:not(.done)').count()).toBe(0);
    const ghsaLink = page.locator('[data-field=ghsa] a');
    const ghsa = await text(ghsaLink);
    // GitHub (the simulator, through its control API) refuses the next change to this GHSA.
    const simulator = new URL((await ghsaLink.getAttribute('href')) ?? '').origin;
    const fault = await fetch(`${simulator}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        match: { method: 'PATCH', path: `/repos/pypa/pip/security-advisories/${ghsa}` },
        kind: 'status',
        status: 403,
        times: 1,
      }),
    });
    expect(fault.status).toBe(201);

    await page.click('summary:has-text("Give someone access")');
    await page.fill('#collaborators input[name=login]', 'jaraco');
    await page.fill('#collaborators input[name=reason]', 'packaging expert reviewing the fix');
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await page.fill('#collaborators input[name=expires]', until);
    await page.click('#collaborators button:has-text("Grant access")');
    expect(await flash()).toBe(`jaraco may now see this report until ${until}.`);
    expect(await text(page.locator('[data-grant=jaraco] .grant-head'))).toBe(`jaraco until ${until}`);
    const refused = page.locator('#timeline li', { hasText: 'add jaraco' });
    await reloadUntil(() => text(refused.locator('.effect-status'))).toBe('failed after 1 attempt');

    await page.goto(url('/effects'));
    const row = page.locator('section[data-status=failed] tr[data-effect]');
    expect(await row.count()).toBe(1);
    expect(await text(row.locator('td').nth(1))).toContain('Add a collaborator to the GHSA');
    expect(await text(row.locator('td.error'))).toContain('403');
    const id = await row.getAttribute('data-effect');
    const reportId = await text(row.locator('td.id a'));
    await pressWithKeyboard(row.getByRole('button', { name: 'Retry' }));
    await page.waitForURL('**/effects?retried=*');
    expect(await flash()).toBe(
      `Effect ${id} is waiting again: the effect runner performs it within seconds.`,
    );
    await reloadUntil(() => text(page.locator(`tr[data-effect="${id}"] .badge.status`))).toBe('Done');
    expect(await page.locator(`section[data-status=done] tr[data-effect="${id}"]`).count()).toBe(1);
    expect(await text(page.locator('section[data-status=failed]'))).toContain('Nothing failed');
    // On GitHub, jaraco is now a collaborator of the GHSA.
    await page.goto(url(`/reports/${reportId}`));
    await page.click('[data-field=ghsa] a');
    expect(await text(page.locator('dd.collaborators'))).toContain('jaraco');
  });

  it('the member previews a ready report’s email, CVE and OSV records side by side, sends it, and it is published', async () => {
    await openReport(ready);
    const publication = page.locator('#publication');
    expect(await text(publication.locator('.readiness'))).toMatch(
      /^Ready to publish as PSF-\d{4}-\d+: every check passes\.$/,
    );
    const psfId = (await text(page.locator('.readiness'))).match(/PSF-\d{4}-\d+/)?.[0] ?? '';
    const cveId = await text(page.locator('[data-field=cve]'));
    const pane = (record: string) => publication.locator(`figure[data-record=${record}]`);
    expect(await text(pane('email').locator('pre'))).toContain(`Subject: [${cveId}] ${ready}`);
    expect(await text(pane('cve').locator('pre'))).toContain(`"cveId": "${cveId}"`);
    expect(await text(pane('osv').locator('pre'))).toContain(`"id": "${psfId}"`);
    // The panes scroll: a keyboard user can scroll them too.
    expect(await accessibilityProblems(page)).toEqual([]);
    const boxes = await Promise.all(['email', 'cve', 'osv'].map((record) => pane(record).boundingBox()));
    // Side by side: one row, left to right.
    expect(new Set(boxes.map((box) => box?.y)).size).toBe(1);
    expect(boxes.map((box) => box?.x ?? 0)).toEqual(
      [...boxes.map((box) => box?.x ?? 0)].sort((a, b) => a - b),
    );

    // The member is one of the sandbox's PSF CNA operators: the CVE record goes out at once too.
    await publication.getByLabel('Also publish the CVE record now').check();
    await publication.getByRole('button', { name: 'Send advisory' }).click();
    expect(await flash()).toBe(
      'The advisory is on its way: psrt sends the email, commits the OSV record and closes the GHSA, and publishes the CVE record.',
    );
    await reloadUntil(() => text(page.locator('.report-head .badge.state'))).toBe('published');
    const history = (version: string) =>
      text(page.locator(`tr[data-record-version="${version}"] .record-status`));
    expect(await history('email-1')).toBe('sent');
    await reloadUntil(() => history('osv-1')).toBe('sent');
    await reloadUntil(() => history('cve-1')).toBe('sent');
    await page.click('[data-field=ghsa] a');
    expect(await text(page.locator('h1.summary'))).toBe(ready);
    expect(await text(page.locator('.label[class*=state-]').first())).toBe('closed');

    await page.goBack();
    await page.click('header nav.main a:has-text("Advisories")');
    expect(await text(page.locator(`tr[data-advisory="${psfId}"] td.title`))).toBe(ready);
    await page.click('header a:has-text("Outgoing mail")');
    expect(await page.locator('li[data-mail] h2', { hasText: `[${cveId}] ${ready}` }).count()).toBe(1);
  });

  it('the coordinator hands the report off, and the other member finds it under Mine and takes over', async () => {
    await openReport(triage);
    await page.selectOption('#coordinator select[name=to]', 'gpshead');
    await page.click('#coordinator button:has-text("Ask")');
    expect(await flash()).toBe('Asked gpshead to take over; you stay coordinator until they accept.');
    expect(await text(page.locator('[data-field=handoff]'))).toContain('Asked gpshead to take over');

    await page.click('header button:has-text("Sign out")');
    await signIn('gpshead');
    await openReport(triage, '/reports/mine');
    await page.click('button:has-text("Accept the handoff")');
    expect(await flash()).toBe('You took over: you coordinate this report now.');
    expect(await text(page.locator('[data-field=coordinator] strong'))).toBe('gpshead');
    expect(await page.locator('[data-field=handoff]').count()).toBe(0);
  });

  it('an admin works every main page with the keyboard alone, sees where the focus is, and axe finds no serious problem', async () => {
    await page.click('header button:has-text("Sign out")');
    await signIn('sethmlarson');
    /** Opens `path` (its heading is `heading`) and runs axe on it as it is after the flows. */
    const visit = async (path: string, heading: string) => {
      await page.goto(url(path));
      expect(await text(page.locator('h1'))).toBe(heading);
      expect(await accessibilityProblems(page), path).toEqual([]);
    };

    await visit('/reports', 'Open reports');
    const first = page.locator('tr[data-report]').first();
    const firstTitle = await text(first.locator('a.title'));
    await pressWithKeyboard(first.locator('td.id a'));
    await page.waitForURL('**/reports/PSRT-*');
    expect(await text(page.locator('h1'))).toBe(firstTitle);
    expect(await accessibilityProblems(page), 'a report page').toEqual([]);
    // The first Tab offers to skip the navigation, on screen; past it, the next Tab is in the report.
    const skip = page.getByRole('link', { name: 'Skip to the content' });
    await tabTo(page, skip, 1);
    expect(await invisibleFocus(page)).toBeNull();
    expect((await skip.boundingBox())?.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    await tabTo(page, page.locator('main .crumbs a'), 1);
    const edit = page.locator('#edit');
    await tabTo(page, edit.locator('> summary'));
    expect(await invisibleFocus(page)).toBeNull();
    await page.keyboard.press('Enter');
    expect(await edit.getAttribute('open')).toBe('');

    await visit('/members', 'Members');
    const firstMember = page.locator('table a[href^="https://github.com/"]').first();
    const profile = (await firstMember.getAttribute('href')) ?? '';
    // GitHub itself is out of reach of the test: its answer is stood in for.
    await page.route('https://github.com/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: 'GitHub' }),
    );
    await pressWithKeyboard(firstMember);
    await page.waitForURL(profile);

    await visit('/audit', 'Audit log');
    await pressWithKeyboard(page.getByRole('button', { name: 'Verify now' }));
    await page.waitForURL('**/audit');
    expect(await text(page.locator('.banner strong'))).toBe('Chain intact.');
    expect(await text(page.locator('.banner'))).toContain('by sethmlarson');

    await visit('/coverage', 'Repository coverage');
    const checked = page.locator('.toolbar p');
    const posted = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/coverage/check',
    );
    await pressWithKeyboard(page.getByRole('button', { name: 'Check again' }));
    expect((await posted).status()).toBe(303);
    await page.waitForURL('**/coverage');
    expect(await text(checked)).toMatch(/^\d+ of \d+ repositories covered\. Checked .+ by sethmlarson\.$/);

    await visit('/effects', 'Effects');
    await pressWithKeyboard(page.locator('nav.tabs a', { hasText: 'Done' }));
    await page.waitForURL('**/effects?status=done');
    expect(await page.locator('section[data-status=done] tr[data-effect]').count()).toBeGreaterThan(0);

    await visit('/advisories', 'Security advisories');
    const newest = page.locator('tr[data-advisory] td.title a').first();
    const advisoryTitle = await text(newest);
    await pressWithKeyboard(newest);
    await page.waitForURL('**/advisories/*');
    expect(await text(page.locator('h1'))).toBe(advisoryTitle);
    expect(await accessibilityProblems(page), 'an advisory page').toEqual([]);

    await visit('/stats', 'Metrics');
    const numbers = page.locator('details', { hasText: 'The numbers behind the chart' }).first();
    await tabTo(page, numbers.locator('summary'));
    expect(await invisibleFocus(page)).toBeNull();
    await page.keyboard.press('Space');
    expect(await numbers.getAttribute('open')).toBe('');
    expect(await numbers.locator('table').isVisible()).toBe(true);

    await visit('/tokens', 'API tokens');
    await tabTo(page, page.locator('input[name=name]'));
    await page.keyboard.type('e2e laptop');
    await pressWithKeyboard(page.getByRole('button', { name: 'Make token' }));
    await page.waitForURL('**/tokens');
    expect(await text(page.locator('.token-secret h2'))).toBe('Your new token "e2e laptop"');
    secretsSeen.push(await page.locator('.token-secret input[data-secret]').inputValue());

    await visit('/tools/cvss', 'CVSS v4.0 calculator');
    // Tab into a metric's radios, Space picks the focused value (the others take their defaults),
    // the arrow keys move to another value.
    await tabTo(page, page.locator('#vector-AV-N'));
    expect(await invisibleFocus(page)).toBeNull();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    for (const metric of ['VC', 'VI']) {
      await tabTo(page, page.locator(`input[name=vector-${metric}]:checked`));
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
    }
    const picked = 'CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N';
    expect(await page.locator('input[data-cvss-vector]').inputValue()).toBe(picked);
    const { score, severity } = parseCvss(picked);
    expect(await text(page.locator('[data-cvss-score] .score'))).toBe(score.toFixed(1));
    expect(await text(page.locator('[data-cvss-score] .severity'))).toBe(severity);

    expect(problems).toEqual([]);
  }, 60_000);

  it("psrt's log of the whole walk-through, debug lines included, holds no report text, mail, token or key", async () => {
    expect(secretsSeen.length).toBeGreaterThan(0);
    const exit = await sandbox?.stop();
    sandbox = undefined;
    const log = `${exit?.stdout ?? ''}\n${exit?.stderr ?? ''}`;
    const lines = log.split('\n').filter((line) => line.startsWith('{'));
    // It logged what it did: requests with their ids, effects, mail; just never the words.
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.some((line) => line.includes('"requestId"'))).toBe(true);
    // Report text: every demo report's title and the start of its description, embargoed or not
    // (log lines carry ids, never report text); security@ mail: subjects and first lines.
    const words = [
      ...stories.flatMap((story) => [story.title, story.description.slice(0, 40)]),
      ...demoMail.flatMap((mail) => [
        mail.subject,
        ((mail.text ?? '').split('\n').find((l) => l.length > 30) ?? '').slice(0, 40),
      ]),
    ].filter((w) => w.length >= 12);
    const found = (needle: string) =>
      lines.filter((line) => line.includes(JSON.stringify(needle).slice(1, -1)));
    for (const needle of [...words, ...secretsSeen]) expect(found(needle), needle).toEqual([]);
    for (const shape of [/-----BEGIN/, /PRIVATE KEY/, /\bgh[opsu]_[A-Za-z0-9]/, /\bBearer [A-Za-z0-9]/])
      expect(
        lines.filter((line) => shape.test(line)),
        String(shape),
      ).toEqual([]);
  });
});
