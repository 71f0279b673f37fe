// Editing a report's fields from its page, and what the page does when psrt says no: the
// use-case's own message on the report page at its status (never a stack or a blank), and for
// a report the poster may not see, exactly the answer for a report that does not exist.
import { describe, expect, it } from 'vitest';
import { grantAccess } from '../../src/app/grants.ts';
import { showReport } from '../../src/app/reports.ts';
import type { Report } from '../../src/domain/report.ts';
import { listAudit } from '../../src/store/index.ts';
import { fromPsrt, wayBack } from '../support/sign-in.ts';
import { reportWorld, textOf } from './report-world.ts';

const world = reportWorld();
const missingId = 'PSRT-2026-9999';

const current = async (id: string) =>
  (await showReport(world.ctx(), await world.as('sethmlarson'), id)).report;

/** The edit form as the page fills it for `report`, with `changes` typed over it. */
function editForm(report: Report, changes: Record<string, string> = {}): Record<string, string> {
  return {
    version: report.updatedAt.toISOString(),
    title: report.title,
    cveId: report.cveId ?? '',
    cvss: report.cvssVector ?? '',
    affected: '',
    fixes: '',
    credit: 'unknown',
    creditName: '',
    exploitationAwareAt: '',
    fixAvailableAt: '',
    ...changes,
  };
}

/** The refusal shown on the report page. */
const problemOf = (html: string) =>
  textOf(html.match(/<p class="problem" role="alert">([^<]*)<\/p>/)?.[1] ?? '');

describe('editing the advisory fields', () => {
  it('without JavaScript, the CVSS vector is what the member picked in the calculator', async () => {
    const report = await world.triaged();
    const picks = {
      AV: 'N',
      AC: 'L',
      AT: 'N',
      PR: 'N',
      UI: 'P',
      VC: 'H',
      VI: 'L',
      VA: 'N',
      SC: 'N',
      SI: 'N',
      SA: 'N',
    };
    const response = await world.post('sethmlarson', report.id, 'edit', {
      ...editForm(report),
      // The text field still says what the page showed (nothing), so the radios decide.
      'cvss-shown': '',
      ...Object.fromEntries(Object.entries(picks).map(([metric, value]) => [`cvss-${metric}`, value])),
    });
    expect(response.status).toBe(303);
    expect((await current(report.id)).cvssVector).toBe(
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N',
    );
  });

  it('the coordinator edits the title, CVE ID, CVSS vector, affected versions, fixes, credit and CRA times', async () => {
    const report = await world.triaged();
    const response = await world.post(
      'sethmlarson',
      report.id,
      'edit',
      editForm(report, {
        title: 'zipfile: heap overflow in the ZIP64 reader',
        cveId: 'CVE-2026-12345',
        cvss: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
        affected: 'GIT | https://github.com/python/cpython | 0 | 1111111 2222222\nPyPI | pip | < 26.1 | 26.1',
        fixes:
          'https://github.com/python/cpython/pull/140001 public merged\nhttps://github.com/python/cpython/pull/140002 public backport',
        credit: 'credit',
        creditName: 'Mira Finds-Bugs',
        exploitationAwareAt: '2026-03-09T08:30',
      }),
    );
    expect(response.status).toBe(303);
    const edited = await current(report.id);
    expect(edited).toMatchObject({
      title: 'zipfile: heap overflow in the ZIP64 reader',
      cveId: 'CVE-2026-12345',
      cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      affected: [
        {
          ecosystem: 'GIT',
          repo: 'https://github.com/python/cpython',
          introduced: '0',
          fixed: ['1111111', '2222222'],
        },
        { ecosystem: 'PyPI', package: 'pip', vulnerableVersionRange: '< 26.1', patchedVersions: '26.1' },
      ],
      fixPullRequests: [
        { url: 'https://github.com/python/cpython/pull/140001', public: true, merged: true, backport: false },
        { url: 'https://github.com/python/cpython/pull/140002', public: true, merged: false, backport: true },
      ],
      creditPreference: { credit: true, name: 'Mira Finds-Bugs' },
    });
    expect(edited.cra.exploitationAwareAt?.toISOString()).toBe('2026-03-09T08:30:00.000Z');
    const page = await world.follow('sethmlarson', response);
    expect(textOf(page.html)).toContain('Critical 9.3');
    expect(textOf(page.html)).toContain(
      'sethmlarson edited title, CVE ID, CVSS vector, affected versions, fix pull requests, credit preference, CRA times',
    );
  });

  it('the form shows the fields as they are, and sending it untouched saves nothing and says so', async () => {
    const report = await world.triaged();
    const before = (await listAudit(world.ctx().store.db, report.id)).length;
    const response = await world.post('sethmlarson', report.id, 'edit', editForm(report));
    expect(response.status).toBe(303);
    expect(textOf((await world.follow('sethmlarson', response)).html)).toContain('Nothing changed.');
    expect((await listAudit(world.ctx().store.db, report.id)).length).toBe(before);
  });

  it('an edit from a form made before the report changed is refused (409), and nothing is saved', async () => {
    const report = await world.triaged();
    const stale = editForm(report, { title: 'a title typed into an old form' });
    world.clock.advance(1000);
    await world.post('gpshead', report.id, 'edit', editForm(report, { cveId: 'CVE-2026-11111' }));
    const response = await world.post('sethmlarson', report.id, 'edit', stale);
    expect(response.status).toBe(409);
    expect(problemOf(await response.text())).toContain('The report changed since this form was made');
    expect((await current(report.id)).title).toBe(report.title);
  });
});

describe('refusals on the report page', () => {
  it("an invalid CVE ID is refused (400) with the use-case's message, on the report page", async () => {
    const report = await world.triaged();
    const response = await world.post(
      'sethmlarson',
      report.id,
      'edit',
      editForm(report, { cveId: 'CVE-26-1' }),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(problemOf(html)).toBe(`Cannot edit ${report.id}: CVE ID "CVE-26-1" must look like CVE-YYYY-NNNN.`);
    expect(html).toContain('<h1 class="report-title">');
    expect(html).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('a badly written affected line is refused, naming the line and what to write', async () => {
    const report = await world.triaged();
    const response = await world.post(
      'sethmlarson',
      report.id,
      'edit',
      editForm(report, { affected: 'PyPI | pip | < 26.1\nonly-two | parts' }),
    );
    expect(response.status).toBe(400);
    expect(problemOf(await response.text())).toMatch(
      /^Affected versions: line 2 needs 3 or 4 parts separated by \|\. One a line:/,
    );
  });

  it('accepting before the determination is refused (422), saying what is missing', async () => {
    const report = await world.newReport();
    const response = await world.post('sethmlarson', report.id, 'accept');
    expect(response.status).toBe(422);
    expect(problemOf(await response.text())).toBe(
      'Cannot accept the report. No coordinator is assigned: assign a coordinator. No determination is recorded: the coordinator records one.',
    );
    expect((await current(report.id)).state).toBe('triage');
  });

  it('a collaborator may see the report but not act on it (403)', async () => {
    const report = await world.triaged();
    await grantAccess(world.ctx(), await world.as('sethmlarson'), report.id, {
      login: 'mira-finds-bugs',
      reason: 'the reporter',
    });
    const response = await world.post('mira-finds-bugs', report.id, 'accept');
    expect(response.status).toBe(403);
    expect(problemOf(await response.text())).toBe('Only PSRT members may do this.');
    expect((await current(report.id)).state).toBe('triage');
  });

  it('granting someone who already has access is refused (409)', async () => {
    const report = await world.triaged();
    const grant = { login: 'zip-expert', reason: 'expert' };
    await world.post('sethmlarson', report.id, 'grant', grant);
    const response = await world.post('sethmlarson', report.id, 'grant', grant);
    expect(response.status).toBe(409);
    expect(problemOf(await response.text())).toBe(`zip-expert already has access to ${report.id}.`);
  });

  it('revoking someone without access says so (404) on the report page, not as a missing report', async () => {
    const report = await world.triaged();
    const response = await world.post('sethmlarson', report.id, 'revoke', { login: 'zip-expert' });
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(problemOf(html)).toBe(`zip-expert has no access to ${report.id} to revoke.`);
    expect(html).toContain('<h1 class="report-title">');
  });

  it('an extension of zero days is refused (400) before anything changes', async () => {
    const report = await world.triaged();
    const response = await world.post('sethmlarson', report.id, 'extend', { days: '0', reason: 'why not' });
    expect(response.status).toBe(400);
    expect(problemOf(await response.text())).toBe('Days to add must be a whole number from 1 to 365.');
  });
});

describe('the embargo on actions', () => {
  const everyAction: [string, Record<string, string>][] = [
    ['assign', { login: 'curious-visitor' }],
    ['handoff', { to: 'gpshead' }],
    ['handoff-accept', {}],
    ['handoff-decline', {}],
    ['determine', { determination: 'vulnerability' }],
    ['accept', {}],
    ['reject', { reason: 'spam' }],
    ['reopen', { reason: 'x' }],
    ['extend', { days: '7', reason: 'x' }],
    ['grant', { login: 'curious-visitor', reason: 'me' }],
    ['revoke', { login: 'mira-finds-bugs' }],
    ['edit', { version: 'x', title: 'x', credit: 'unknown' }],
    ['publish', { publishCve: 'yes' }],
    ['cve-approve', {}],
    ['fixes-refresh', {}],
    ['record-update', {}],
    ['credit-drop', { who: 'mira-finds-bugs' }],
    ['determine', { determination: 'not a choice' }],
  ];

  it.each([
    ['an outsider', 'curious-visitor'],
    ['a collaborator whose grant expired', 'zip-expert'],
  ])(
    'every action %s posts on an embargoed report answers as on a report that does not exist',
    async (_who, login) => {
      const report = await world.triaged();
      await grantAccess(world.ctx(), await world.as('sethmlarson'), report.id, {
        login: 'zip-expert',
        reason: 'expert',
        expiresAt: new Date(world.clock.now().getTime() + 60_000),
      });
      world.clock.advance(120_000);
      await world.session(login, true);
      for (const [action, fields] of everyAction) {
        const hidden = await world.post(login, report.id, action, fields);
        const missing = await world.post(login, missingId, action, fields);
        expect(hidden.status, action).toBe(404);
        expect(missing.status, action).toBe(404);
        const [a, b] = [await hidden.text(), await missing.text()];
        expect(a.replaceAll(report.id, 'ID'), action).toBe(b.replaceAll(missingId, 'ID'));
        expect(hidden.headers.get('location'), action).toBeNull();
        expect(a).not.toContain('EMBARGOED');
      }
      expect(await current(report.id)).toEqual(report);
    },
  );

  it('an action the page does not have is not found (404)', async () => {
    const report = await world.triaged();
    expect((await world.post('sethmlarson', report.id, 'delete')).status).toBe(404);
  });

  it('a signed-out visitor posting a form is sent to sign in, and nothing changes', async () => {
    const report = await world.triaged();
    const response = await world.app().request(`/reports/${report.id}/accept`, {
      method: 'POST',
      headers: fromPsrt,
      body: new URLSearchParams(),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/signin');
    expect(wayBack(response)).toBe(`/reports/${report.id}`);
    expect((await current(report.id)).state).toBe('triage');
  });

  it('a form posted from another site is refused (403), and nothing changes', async () => {
    const report = await world.triaged();
    const { cookie, csrf } = await world.session('sethmlarson');
    const response = await world.app().request(`/reports/${report.id}/accept`, {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example' },
      body: new URLSearchParams({ _csrf: csrf }),
    });
    expect(response.status).toBe(403);
    expect((await current(report.id)).state).toBe('triage');
  });
});
