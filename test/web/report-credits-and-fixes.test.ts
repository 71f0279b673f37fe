// The credits and fixes a member acts on from the report page without the CLI or the API:
// dropping a credit still pending on GitHub (it holds publication back), and what the fix
// buttons say when they cannot read GitHub. Through `app.request()`; the reads from GitHub
// themselves are in report-record-updates.test.ts, against the simulator.
import { describe, expect, it } from 'vitest';
import { grantAccess } from '../../src/app/grants.ts';
import { editReport, showReport } from '../../src/app/reports.ts';
import type { Report } from '../../src/domain/report.ts';
import { listEffects } from '../../src/store/index.ts';
import { reportWorld, section, textOf } from './report-world.ts';

const world = reportWorld();

const flashOf = (html: string) => textOf(html.match(/<p class="flash"[^>]*>([^<]*)<\/p>/)?.[1] ?? '');
const problemOf = (html: string) =>
  textOf(html.match(/<p class="problem" role="alert">([^<]*)<\/p>/)?.[1] ?? '');

/** A triaged report with the reporter's credit accepted and an expert's still pending on GitHub. */
async function credited(): Promise<Report> {
  const report = await world.triaged();
  return editReport(world.ctx(), await world.as('sethmlarson'), report.id, {
    publication: {
      credits: [
        { name: 'Mira Finds-Bugs', type: 'reporter', login: 'mira-finds-bugs', state: 'accepted' },
        { name: 'Kai Expert', type: 'remediation developer', login: 'kai-expert', state: 'pending' },
      ],
    },
  });
}

describe('dropping a credit from the report page', () => {
  it('the coordinator drops a credit still pending on GitHub: it leaves the publication and the GHSA', async () => {
    const report = await credited();
    const before = section((await world.get('sethmlarson', `/reports/${report.id}`)).html, 'report');
    expect(before).toContain(`action="/reports/${report.id}/credit-drop"`);
    expect(before).toContain('aria-label="Drop the credit of Kai Expert"');

    const response = await world.post('sethmlarson', report.id, 'credit-drop', { who: 'kai-expert' });
    expect(response.status).toBe(303);
    const page = await world.follow('sethmlarson', response);
    expect(flashOf(page.html)).toBe(
      'Dropped Kai Expert (remediation developer) from the publication and the GHSA.',
    );
    expect(textOf(section(page.html, 'report'))).not.toContain('Kai Expert');

    const { report: after } = await showReport(world.ctx(), await world.as('sethmlarson'), report.id);
    expect(after.publication.credits.map((credit) => credit.name)).toEqual(['Mira Finds-Bugs']);
    const effects = await listEffects(world.ctx().store.db, { reportId: report.id });
    expect(effects.map((effect) => effect.kind)).toContain('ghsa.remove-credit');
  });

  it('a credit no longer on the report is refused (422) on the report page, saying what to give', async () => {
    const report = await credited();
    const response = await world.post('sethmlarson', report.id, 'credit-drop', { who: 'nobody-credited' });
    expect(response.status).toBe(422);
    expect(problemOf(await response.text())).toBe(
      `No credit of ${report.id} names "nobody-credited": give the login or the printed name as \`psrt report credit list\` shows it.`,
    );
  });

  it('a collaborator sees the credits without the Drop buttons, and may not drop one (403)', async () => {
    const report = await credited();
    await grantAccess(world.ctx(), await world.as('sethmlarson'), report.id, {
      login: 'mira-finds-bugs',
      reason: 'the reporter',
    });
    const page = section((await world.get('mira-finds-bugs', `/reports/${report.id}`)).html, 'report');
    expect(textOf(page)).toContain('Kai Expert');
    expect(page).not.toContain('credit-drop');
    expect(page).not.toContain('fixes-refresh');
    const refused = await world.post('mira-finds-bugs', report.id, 'credit-drop', { who: 'kai-expert' });
    expect(refused.status).toBe(403);
    const { report: after } = await showReport(world.ctx(), await world.as('sethmlarson'), report.id);
    expect(after.publication.credits).toHaveLength(2);
  });
});

describe('the fix buttons without GitHub', () => {
  it('refreshing the fixes of a report that links no public fix says to link it first (422)', async () => {
    const report = await world.triaged();
    const page = section((await world.get('sethmlarson', `/reports/${report.id}`)).html, 'report');
    expect(textOf(page)).toContain('Refresh fixes from GitHub');
    const refused = await world.post('sethmlarson', report.id, 'fixes-refresh');
    expect(refused.status).toBe(422);
    expect(problemOf(await refused.text())).toBe(
      `${report.id} links no public fix pull request: link it first.`,
    );
  });

  it('without the GitHub App the page says which settings are missing (503), and nothing changes', async () => {
    const report = await world.triaged();
    const seth = await world.as('sethmlarson');
    await editReport(world.ctx(), seth, report.id, {
      fixPullRequests: [
        { url: 'https://github.com/python/cpython/pull/140001', public: true, merged: true, backport: false },
      ],
    });
    const refused = await world.post('sethmlarson', report.id, 'fixes-refresh');
    expect(refused.status).toBe(503);
    expect(problemOf(await refused.text())).toBe(
      'GitHub is not configured (github.appId, GITHUB_APP_PRIVATE_KEY).',
    );
    expect((await showReport(world.ctx(), seth, report.id)).report.affected).toEqual([]);
  });

  it('a report the poster may not see answers as a missing one (404), before GitHub is asked', async () => {
    const report = await world.triaged();
    for (const action of ['fixes-refresh', 'record-update', 'credit-drop']) {
      const hidden = await world.post('mira-finds-bugs', report.id, action, { who: 'kai-expert' });
      const missing = await world.post('mira-finds-bugs', 'PSRT-2026-9999', action, { who: 'kai-expert' });
      expect(hidden.status).toBe(404);
      expect((await hidden.text()).replaceAll(report.id, 'ID')).toBe(
        (await missing.text()).replaceAll('PSRT-2026-9999', 'ID'),
      );
    }
  });
});
