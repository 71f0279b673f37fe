// The sandbox walk-through's pictures (docs/sandbox-walkthrough.md), taken the way a newcomer
// goes through it: report a vulnerability on the simulated GitHub and watch psrt pick it up. About
// three minutes: the sandbox waits its two idle minutes before it assigns a coordinator.
import type { Page } from 'playwright-core';
import { type Sandbox, shoot, signIn, until } from './sandbox.ts';

const title = 'zipfile: path traversal through a crafted member name';
const description =
  'Extracting an archive whose member name starts with "../" writes outside the target directory.';

export async function walkThrough({ server, newPage }: Sandbox): Promise<void> {
  const page: Page = await newPage();
  const row = () => page.locator('tr[data-report]', { hasText: title });
  const cell = async (n: number) => (await row().locator(`td:nth-child(${n})`).textContent()) ?? '';

  console.log('1. Sign in with GitHub (the simulator) as a PSRT member.');
  // psrt's sign-in page and the open reports are the pages tour's page-signin.png and page-reports.png.
  await signIn(page, server, 'sethmlarson', { github: 'github-sim-signin.png' });

  console.log('2. On the simulated GitHub, report a vulnerability as the demo reporter.');
  await page.click('header a:has-text("GitHub (simulated)")');
  await page.waitForURL('**/_sim/view/');
  await page.selectOption('#report-repository', 'python/cpython');
  await page.fill('#report-summary', title);
  await page.fill('#report-description', description);
  await shoot(page, 'github-sim-report-form.png');
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
  await shoot(page, 'github-sim-advisories.png');

  console.log('3. psrt picked it up: a triage report, a coordinator due after the idle time.');
  await page.goto(`${server.url}/reports`);
  await until(page, 'the report in psrt', async () => (await row().count()) === 1);
  await shoot(page, 'sandbox-report-picked-up.png');

  console.log('4. A coordinator is assigned after the sandbox idle time (two minutes).');
  await until(page, 'a coordinator on the report', async () => (await cell(4)).trim() !== '—');
  const coordinator = (await cell(4)).trim();
  await shoot(page, 'sandbox-coordinator-assigned.png');
  await row().locator('a.ghsa').click();
  await page.waitForURL(`**/advisories/python/cpython/${ghsa}?as=sethmlarson`);
  await until(page, 'the coordinator credited on GitHub', async () =>
    ((await page.locator('dd.credits').textContent()) ?? '').includes(`${coordinator} (coordinator`),
  );
  await shoot(page, 'github-sim-coordinator.png');

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
  await shoot(page, 'github-sim-advisory.png');

  console.log('7. psrt has it accepted, with its CVE ID.');
  await page.goto(`${server.url}/reports`);
  await until(page, 'the report accepted in psrt', async () => (await cell(3)).includes('accepted'));
  await shoot(page, 'sandbox-accepted.png');

  console.log('8. The webhook deliveries GitHub sent psrt.');
  await page.goto(`${server.services?.github.viewUrl}deliveries`);
  await shoot(page, 'github-sim-deliveries.png');
}
