// Keeping the records right from the report page, against the GitHub simulator's CPython
// history: "Refresh fixes from GitHub" fills an open report's fix commits, references and
// affected versions (making it publishable), and once published says what a record update would
// change; "Approve the record update" stores the new versions and sends them.
import { expect, it } from 'vitest';
import { editReport, transitionReport } from '../../src/app/reports.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { publishingWorld } from '../app/publish/world.ts';
import { backport, cpythonHistory, release, securityFix } from '../github/cpython-releases.ts';
import { forEachEngine } from '../support/engines.ts';
import { signIn, testGitHubSignIn } from '../support/sign-in.ts';
import { section, textOf } from './report-world.ts';

forEachEngine('record updates from the report page', (engine) => {
  const world = publishingWorld(engine);
  const { app, settle } = world;
  const web = () =>
    createWebApp({
      ctx: app.ctx(),
      sandbox: true,
      sessionSecret: 'test-session-secret-0123456789abcdef',
      gitHubSignIn: testGitHubSignIn(),
      github: world.services().github,
      cnaOperators: ['sethmlarson'],
    });
  /** CPython's history in the simulator, on psrt's clock. */
  const cpython = () =>
    ({ control: { ...world.github().control, advance: (ms: number) => app.clock.advance(ms) } }) as never;

  /** Presses a report page button as `login`, and returns the page it lands on with its flash message. */
  async function press(site: ReturnType<typeof web>, login: string, id: string, action: string) {
    const { headers, cookie } = await signIn(site, login);
    const response = await site.request(`/reports/${id}/${action}`, {
      method: 'POST',
      headers,
      body: new URLSearchParams(),
    });
    expect(response.status).toBe(303);
    const flash = response.headers.get('set-cookie')?.split(';')[0] ?? '';
    const page = await site.request(`/reports/${id}`, { headers: { cookie: `${cookie}; ${flash}` } });
    const html = await page.text();
    return { html, flash: textOf(html.match(/<p class="flash"[^>]*>([^<]*)<\/p>/)?.[1] ?? '') };
  }

  it('refreshing the fixes makes an accepted report publishable; after a backport, the record update is approved from the page', async () => {
    const history = cpython();
    cpythonHistory(history);
    const fix = securityFix(history);
    const to313 = backport(history, fix.number, '3.13');
    release(history, '3.13', '3.13.2');
    release(history, 'main', '3.14.0a2');

    const { report } = await world.triagedReport('tarfile: path traversal on extraction');
    const seth = await app.as('sethmlarson');
    await transitionReport(app.ctx(), seth, report.id, 'accept');
    await settle();
    await editReport(app.ctx(), seth, report.id, {
      title: 'tarfile: path traversal on extraction',
      cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N',
      fixPullRequests: [
        {
          url: `https://github.com/python/cpython/pull/${fix.number}`,
          public: true,
          merged: true,
          backport: false,
        },
      ],
      creditPreference: { credit: false, name: null },
      publication: { cweIds: ['CWE-22'] },
    });
    const site = web();

    const filled = await press(site, 'gpshead', report.id, 'fixes-refresh');
    expect(filled.flash).toBe(
      'Fixes refreshed from GitHub (3.13 fixed in 3.13.2; main fixed in 3.14.0a2): the fix commits, references and affected versions are updated.',
    );
    expect(textOf(section(filled.html, 'report'))).toContain(
      `fixed in ${to313.merge_commit_sha}, ${fix.merge_commit_sha}`,
    );
    expect(textOf(section(filled.html, 'publication'))).toContain('every check passes.');

    expect((await press(site, 'gpshead', report.id, 'publish')).flash).toContain(
      'The advisory is on its way',
    );
    await settle();
    const unchanged = await press(site, 'gpshead', report.id, 'fixes-refresh');
    expect(unchanged.flash).toBe(
      'The published records already say what GitHub says (3.13 fixed in 3.13.2; main fixed in 3.14.0a2): nothing to update.',
    );

    // The 3.12 backport lands and is released: GitHub now says more than the records.
    backport(history, fix.number, '3.12');
    release(history, '3.12', '3.12.6');
    const proposed = await press(site, 'gpshead', report.id, 'fixes-refresh');
    expect(proposed.flash).toBe(
      'GitHub says more than the published records (3.12 fixed in 3.12.6; 3.13 fixed in 3.13.2; main fixed in 3.14.0a2): a record update would change the CVE record (v1) and the OSV record (v1). Approve it under Record history to store and send it.',
    );
    expect(section(proposed.html, 'publication')).toContain(`action="/reports/${report.id}/record-update"`);

    const approved = await press(site, 'gpshead', report.id, 'record-update');
    expect(approved.flash).toBe(
      'Record update approved. psrt commits OSV record v2. CVE record v2 waits for a PSF CNA operator to approve it.',
    );
    await settle();
    const { cookie } = await signIn(site, 'gpshead');
    const publication = section(
      await (await site.request(`/reports/${report.id}`, { headers: { cookie } })).text(),
      'publication',
    );
    const status = (record: string) =>
      textOf(publication.match(new RegExp(`data-record-version="${record}">(.*?)</tr>`, 's'))?.[1] ?? '');
    expect(status('osv-2')).toContain('sent');
    expect(status('cve-2')).toContain('waiting for a CNA operator');
  });

  it('approving a record update of a report not yet published is refused (422), saying there is no record', async () => {
    const history = cpython();
    cpythonHistory(history);
    const fix = securityFix(history);
    const { report } = await world.triagedReport('tarfile: an open report has no record to update');
    await editReport(app.ctx(), await app.as('sethmlarson'), report.id, {
      fixPullRequests: [
        {
          url: `https://github.com/python/cpython/pull/${fix.number}`,
          public: true,
          merged: true,
          backport: false,
        },
      ],
    });
    const site = web();
    const refused = await site.request(`/reports/${report.id}/record-update`, {
      method: 'POST',
      headers: (await signIn(site, 'gpshead')).headers,
      body: new URLSearchParams(),
    });
    expect(refused.status).toBe(422);
    expect(textOf(await refused.text())).toContain(
      `${report.id} is not published: its facts were updated, there is no record to update.`,
    );
  });
});
