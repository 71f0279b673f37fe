// The credits and fixes a member acts on from the report page without the CLI or the API:
// dropping a credit still pending on GitHub (it holds publication back), writing the CVE
// record's affected versions and the references in the edit form, and what the fix buttons say
// when they cannot read GitHub. Through `app.request()`; the reads from GitHub
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

/** A triaged report with a public fix, the reporter's credit accepted and an expert's still pending on GitHub. */
async function credited(): Promise<Report> {
  const report = await world.triaged();
  return editReport(world.ctx(), await world.as('sethmlarson'), report.id, {
    fixPullRequests: [
      { url: 'https://github.com/python/cpython/pull/140001', public: true, merged: true, backport: false },
    ],
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
    expect(before).toContain(`action="/reports/${report.id}/fixes-refresh"`);

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
  it('a report that links no public fix has no Refresh button, and refreshing anyway says to link it first (422)', async () => {
    const report = await world.triaged();
    const page = section((await world.get('sethmlarson', `/reports/${report.id}`)).html, 'report');
    expect(textOf(page)).toContain('No fix pull request linked yet.');
    expect(page).not.toContain('Refresh fixes from GitHub');
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
    const page = section((await world.get('sethmlarson', `/reports/${report.id}`)).html, 'report');
    expect(page).toContain(`action="/reports/${report.id}/fixes-refresh"`);
    const refused = await world.post('sethmlarson', report.id, 'fixes-refresh');
    expect(refused.status).toBe(503);
    expect(problemOf(await refused.text())).toBe(
      'GitHub is not configured (github.appId, GITHUB_APP_PRIVATE_KEY).',
    );
    expect((await showReport(world.ctx(), seth, report.id)).report.affected).toEqual([]);
  });
});

/** The edit form as the page fills it for `report`, with `changes` typed over it. */
function editForm(report: Report, changes: Record<string, string> = {}): Record<string, string> {
  return {
    version: report.updatedAt.toISOString(),
    title: report.title,
    cveId: report.cveId ?? '',
    cvss: report.cvssVector ?? '',
    affected: '',
    fixes: '',
    versions: '',
    references: '',
    credit: 'unknown',
    creditName: '',
    exploitationAwareAt: '',
    fixAvailableAt: '',
    ...changes,
  };
}

describe("the CVE record's affected versions and the references in the edit form", () => {
  it('the coordinator writes the version ranges and a fix reference, as the API can, and the form shows them back', async () => {
    const report = await world.triaged();
    const response = await world.post(
      'sethmlarson',
      report.id,
      'edit',
      editForm(report, {
        versions: '0 < 3.13.2\r\n3.14.0a1 < 3.14.0a2\r\nunaffected 3.12.0 <= 3.12.1',
        references: 'fix https://github.com/python/cpython/pull/140001\nWEB https://example.org/writeup',
      }),
    );
    expect(response.status).toBe(303);
    const { report: edited } = await showReport(world.ctx(), await world.as('sethmlarson'), report.id);
    expect(edited.publication.products).toMatchObject([
      {
        vendor: 'Python Software Foundation',
        product: 'CPython',
        repo: 'https://github.com/python/cpython',
        versions: [
          { version: '0', lessThan: '3.13.2', status: 'affected', versionType: 'python' },
          { version: '3.14.0a1', lessThan: '3.14.0a2', status: 'affected', versionType: 'python' },
          { version: '3.12.0', lessThan: null, lessThanOrEqual: '3.12.1', status: 'unaffected' },
        ],
      },
    ]);
    expect(edited.publication.references).toEqual([
      { type: 'FIX', url: 'https://github.com/python/cpython/pull/140001' },
      { type: 'WEB', url: 'https://example.org/writeup' },
    ]);
    const form = (await world.follow('sethmlarson', response)).html;
    expect(form).toContain(
      '<textarea name="versions" rows="3" class="mono">0 &lt; 3.13.2\n3.14.0a1 &lt; 3.14.0a2\nunaffected 3.12.0 &lt;= 3.12.1</textarea>',
    );
    expect(form).toContain(
      '<textarea name="references" rows="3" class="mono">FIX https://github.com/python/cpython/pull/140001\nWEB https://example.org/writeup</textarea>',
    );
  });

  it('saving other fields leaves a range the text does not show in full as it was', async () => {
    const report = await world.triaged();
    const seth = await world.as('sethmlarson');
    const imported = {
      version: '3.12.0',
      lessThan: '3.12.5',
      status: 'affected' as const,
      versionType: 'git',
    };
    const withRange = await editReport(world.ctx(), seth, report.id, {
      publication: {
        products: [
          {
            vendor: 'Python Software Foundation',
            product: 'CPython',
            repo: null,
            platforms: [],
            modules: [],
            programFiles: [],
            programRoutines: [],
            defaultStatus: 'unaffected',
            versions: [imported],
          },
        ],
      },
    });
    const response = await world.post(
      'sethmlarson',
      report.id,
      'edit',
      editForm(withRange, { title: 'zipfile: a new title', versions: '3.12.0 < 3.12.5' }),
    );
    expect(response.status).toBe(303);
    const { report: after } = await showReport(world.ctx(), seth, report.id);
    expect(after.title).toBe('zipfile: a new title');
    expect(after.publication.products[0]?.versions).toEqual([imported]);
  });

  it('a badly written range or reference is refused (400), naming the line and what to write', async () => {
    const report = await world.triaged();
    const range = await world.post(
      'sethmlarson',
      report.id,
      'edit',
      editForm(report, { versions: '0 < 3.13.2\n3.14 < 3.14.1 < 3.15' }),
    );
    expect(range.status).toBe(400);
    expect(problemOf(await range.text())).toMatch(
      /^CVE affected versions: line 2 needs FIRST < FIXED, FIRST <= LAST, or one version\. One range a line:/,
    );
    const reference = await world.post(
      'sethmlarson',
      report.id,
      'edit',
      editForm(report, { references: 'PATCH https://x.example' }),
    );
    expect(reference.status).toBe(400);
    expect(problemOf(await reference.text())).toMatch(
      /^References: line 1 needs one of the types, then one URL\./,
    );
    const { report: after } = await showReport(world.ctx(), await world.as('sethmlarson'), report.id);
    expect([after.publication.products, after.publication.references]).toEqual([[], []]);
  });
});
