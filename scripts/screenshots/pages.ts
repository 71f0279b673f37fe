// A picture of each main page of psrt (docs/screenshots/page-*.png, linked from the README), on
// the sandbox's demo data with what a member does in a morning on top: a personal API token, a
// report's last advisory fields set from a script through the JSON API so it is ready to publish,
// a collaborator granted under a mistyped login (whose GHSA change fails), the audit log verified.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { type Sandbox, shoot, signIn, until } from './sandbox.ts';

const member = 'sethmlarson';

/** The demo reports the pictures show, by title (their ids depend on the order they were filed). */
const scored = 'tarfile: extraction filter bypass with crafted hard links';
const overdue = 'http.cookies: quadratic time parsing of crafted Cookie headers';
const extended = 'zipfile: infinite loop on a crafted ZIP64 end-of-central-directory record';

const cpython = 'https://github.com/python/cpython';
const fixCommits = ['5d2f8a1c9e3b7d4f6a0c2e8b1d3f5a7c9e0b2d4f', 'a9c1e3f5b7d0f2a4c6e8b1d3f5a7c9e0b2d4f6a8'];

/** What the coordinator of the overdue cookies report has left to fill in before it is published. */
const lastFields = {
  cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:L/SC:N/SI:N/SA:N',
  affected: [{ ecosystem: 'GIT', repo: cpython, introduced: '0', fixed: fixCommits }],
  fixPullRequests: [{ url: `${cpython}/pull/140455`, public: true, merged: true, backport: false }],
  creditPreference: { credit: true, name: 'kenji-sec' },
  publication: {
    cweIds: ['CWE-407'],
    references: [
      { url: `${cpython}/issues/140454`, type: 'REPORT' },
      { url: `${cpython}/pull/140455`, type: 'FIX' },
      ...fixCommits.map((commit) => ({ url: `${cpython}/commit/${commit}`, type: 'FIX' })),
    ],
    products: [
      {
        vendor: 'Python Software Foundation',
        product: 'CPython',
        repo: cpython,
        platforms: [],
        modules: ['http.cookies'],
        programFiles: ['Lib/http/cookies.py'],
        programRoutines: ['http.cookies.BaseCookie.load'],
        defaultStatus: 'unaffected',
        versions: [
          { version: '0', lessThan: '3.13.11', status: 'affected', versionType: 'python' },
          { version: '3.14.0', lessThan: '3.14.2', status: 'affected', versionType: 'python' },
        ],
      },
    ],
  },
};

/** Opens the report titled `title` from the open reports, as a member clicks it. */
async function openReport(page: Page, url: string, title: string): Promise<string> {
  await page.goto(`${url}/reports`);
  await page.locator('tr[data-report]', { hasText: title }).locator('a.title').click();
  await page.waitForURL('**/reports/PSRT-*');
  return new URL(page.url()).pathname.split('/').at(-1) ?? '';
}

export async function pagesTour({ server, newPage }: Sandbox): Promise<void> {
  const { url } = server;

  console.log('Signed out: signing in, the members, the CVSS calculator.');
  const visitor = await newPage();
  await visitor.goto(`${url}/signin`);
  await shoot(visitor, 'page-signin.png');
  await visitor.goto(`${url}/members`);
  await shoot(visitor, 'page-members-signed-out.png');
  await visitor.close();

  console.log(`Signed in as ${member}: the reports lists and a report.`);
  const page = await newPage();
  await signIn(page, server, member);
  await shoot(page, 'page-reports.png');
  await page.click('nav.tabs a:has-text("Mine")');
  await shoot(page, 'page-reports-mine.png');
  await page.click('nav.tabs a:has-text("Finished")');
  await shoot(page, 'page-reports-finished.png');
  await openReport(page, url, scored);
  await shoot(page, 'page-report.png');

  console.log('A personal API token, and the last advisory fields of an overdue report set through the API.');
  await page.goto(`${url}/tokens`);
  await page.fill('#token-name', 'advisory scripts');
  await page.selectOption('#token-scope', { index: 1 });
  await page.click('form.token-form button[type=submit]');
  await page.waitForSelector('input.secret');
  const token = await page.locator('input.secret').inputValue();
  await shoot(page, 'page-tokens.png');
  const ready = await openReport(page, url, overdue);
  const edited = await fetch(`${url}/api/v1/reports/${ready}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(lastFields),
  });
  if (!edited.ok) throw new Error(`The API refused the edit of ${ready}: ${await edited.text()}`);
  await page.reload();
  if ((await page.locator('.readiness.ready').count()) !== 1)
    throw new Error(`${ready} is not ready to publish: see its publication checks.`);
  await shoot(page, 'page-report-ready-to-publish.png');

  console.log('Access granted under a mistyped login: GitHub refuses it, and the effect fails.');
  await openReport(page, url, extended);
  await page.click('#collaborators summary');
  await page.fill('#collaborators input[name=login][type=text]', 'zipfile-reviewr');
  await page.fill('#collaborators input[name=reason]', 'second reviewer of the fix');
  await page.click('#collaborators button:has-text("Grant access")');
  await page.waitForSelector('.flash');
  await page.goto(`${url}/effects`);
  await until(
    page,
    'the failed effect',
    async () => (await page.locator('tr:has(.status.failed)').count()) > 0,
  );
  await shoot(page, 'page-effects.png');

  console.log(
    "The audit log verified, and the ready report's history in it; the coverage; the advisories; the metrics; the members.",
  );
  await page.goto(`${url}/audit`);
  await page.click('button:has-text("Verify now")');
  await page.waitForSelector('.banner.good');
  // One report's history: the whole log is 50 events a page.
  await page.goto(`${url}/audit?subject=${ready}`);
  await shoot(page, 'page-audit.png');
  await page.goto(`${url}/coverage`);
  await shoot(page, 'page-coverage.png');
  await page.goto(`${url}/advisories`);
  await shoot(page, 'page-advisories.png');
  await page.locator('td.id a', { hasText: /^PSF-/ }).first().click();
  await page.waitForURL('**/advisories/PSF-*');
  await shoot(page, 'page-advisory.png');
  await page.goto(`${url}/history`);
  // An admin checks one of the PSF's published OSV records before importing it.
  const record = readFileSync(
    new URL('../../vendor/psf-advisory-database/advisories/python/PSF-2007-1.json', import.meta.url),
    'utf8',
  );
  await page.fill('textarea[name="record"]', record);
  await page.check('input[name="dryRun"]');
  await page.click('form[action="/history"] button[type="submit"]');
  await page.waitForSelector('[data-section="outcome"]');
  await shoot(page, 'page-history-import.png');
  // The security@ queue (admins), and the demo CPython report by mail with its follow-up.
  await page.goto(`${url}/intake`);
  await shoot(page, 'page-intake.png');
  await page.locator('td.title a', { hasText: 'header injection' }).click();
  await page.waitForURL('**/intake/*');
  await shoot(page, 'page-intake-thread.png');
  await page.goto(`${url}/stats`);
  await shoot(page, 'page-stats.png');
  await page.goto(`${url}/members`);
  await shoot(page, 'page-members.png');
  // Membership (PEP 811): the nominations, the open one with its votes, the inactivity report
  // as the Steering Council would get it, and the venues against the member list.
  await page.goto(`${url}/nominations`);
  await shoot(page, 'page-nominations.png');
  await page.locator('a', { hasText: 'Ethan Furman' }).first().click();
  await page.waitForURL('**/nominations/*');
  await shoot(page, 'page-nomination.png');
  await page.goto(`${url}/members/inactivity`);
  await shoot(page, 'page-inactivity.png');
  await page.goto(`${url}/members/sync`);
  await shoot(page, 'page-sync.png');
  await page.goto(`${url}/tools/cvss?vector=${encodeURIComponent(lastFields.cvssVector)}`);
  await shoot(page, 'page-cvss.png');
}
