// The reports lists: all open reports, "my reports" and the finished ones, narrowed by the
// filter form (a GET form: repository, state, severity, coordinator), ids linking to the report.
import { beforeAll, describe, expect, it } from 'vitest';
import { grantAccess } from '../../src/app/grants.ts';
import { assignCoordinator, editReport, requestHandoff, transitionReport } from '../../src/app/reports.ts';
import type { Report } from '../../src/domain/report.ts';
import { reportWorld } from './report-world.ts';

const world = reportWorld();

/** The report ids listed, in order. */
const rows = (html: string) => [...html.matchAll(/<tr data-report="([^"]+)"/g)].map((match) => match[1]);
const list = async (login: string, path: string) => {
  const { status, html } = await world.get(login, path);
  expect(status).toBe(200);
  return { html, ids: rows(html) };
};

const critical = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
const medium = 'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N';

let pipCritical: Report;
let cpythonMedium: Report;
let unassigned: Report;
let handingOff: Report;
let rejected: Report;
const pipMany: Report[] = [];

beforeAll(async () => {
  const seth = await world.as('sethmlarson');
  pipCritical = await world.triaged({ repository: 'pypa/pip' });
  await editReport(world.ctx(), seth, pipCritical.id, { cvssVector: critical });
  cpythonMedium = await world.triaged();
  await editReport(world.ctx(), seth, cpythonMedium.id, { cvssVector: medium });
  await transitionReport(world.ctx(), seth, cpythonMedium.id, 'accept');
  unassigned = await world.newReport();
  handingOff = await world.newReport();
  await assignCoordinator(world.ctx(), seth, handingOff.id, 'encukou');
  await requestHandoff(world.ctx(), await world.as('encukou'), handingOff.id, 'sethmlarson');
  rejected = await world.triaged();
  await transitionReport(world.ctx(), seth, rejected.id, 'reject', {
    rejection: { reason: 'spam', detail: null },
  });
  await grantAccess(world.ctx(), seth, cpythonMedium.id, { login: 'mira-finds-bugs', reason: 'reporter' });
  // Enough triage reports in one repository for a second page.
  for (let i = 0; i < 51; i++) pipMany.push(await world.newReport({ repository: 'psf/pagination' }));
});

describe('open reports', () => {
  it("each report's id and title link to its page", async () => {
    const { html } = await list('sethmlarson', '/reports');
    expect(html).toContain(`<td class="id"><a href="/reports/${pipCritical.id}">${pipCritical.id}</a></td>`);
    expect(html).toContain(`<a class="title" href="/reports/${pipCritical.id}">`);
  });

  it('filters by repository, state, severity and coordinator, each kept in the form', async () => {
    expect((await list('sethmlarson', '/reports?repository=PyPA/pip')).ids).toEqual([pipCritical.id]);
    expect((await list('sethmlarson', '/reports?severity=Critical')).ids).toEqual([pipCritical.id]);
    expect((await list('sethmlarson', '/reports?state=accepted')).ids).toEqual([cpythonMedium.id]);
    const byCoordinator = await list('sethmlarson', '/reports?coordinator=encukou');
    expect(byCoordinator.ids).toEqual([handingOff.id]);
    expect(byCoordinator.html).toContain('<option value="encukou" selected="">encukou</option>');
    const severityKept = await list('sethmlarson', '/reports?severity=Medium&state=accepted');
    expect(severityKept.ids).toEqual([cpythonMedium.id]);
    expect(severityKept.html).toContain('<option value="Medium" selected="">Medium</option>');
  });

  it('"nobody" lists the reports without a coordinator', async () => {
    const { ids } = await list('sethmlarson', '/reports?coordinator=nobody&repository=python/cpython');
    expect(ids).toEqual([unassigned.id]);
  });

  it('the pager keeps the filters', async () => {
    const first = await list('sethmlarson', '/reports?repository=psf/pagination&severity=unscored');
    expect(first.ids).toHaveLength(50);
    expect(first.html).toContain(
      'href="/reports?repository=psf%2Fpagination&amp;severity=unscored&amp;page=2"',
    );
    const second = await list('sethmlarson', '/reports?repository=psf%2Fpagination&severity=unscored&page=2');
    expect(second.ids).toEqual([pipMany.at(-1)?.id]);
    expect(second.html).toContain('page 2 of 2');
  });

  it('a filter value the form does not offer is ignored, not an error', async () => {
    const { ids } = await list(
      'sethmlarson',
      '/reports?state=deleted&severity=Catastrophic&coordinator=../x',
    );
    expect(ids).toContain(unassigned.id);
  });
});

describe('my reports and the finished ones', () => {
  it("a member's own: the reports they coordinate or are asked to take over", async () => {
    const { ids, html } = await list('sethmlarson', '/reports/mine?repository=python/cpython');
    expect(ids).toEqual(expect.arrayContaining([cpythonMedium.id, handingOff.id]));
    expect(ids).not.toContain(unassigned.id);
    expect(html).toContain('<a href="/reports/mine" class="tab current" aria-current="page">Mine</a>');
  });

  it("a collaborator's own: the reports granted to them, and nothing else", async () => {
    expect((await list('mira-finds-bugs', '/reports/mine')).ids).toEqual([cpythonMedium.id]);
    const all = await list('mira-finds-bugs', '/reports');
    expect(all.ids).toEqual([cpythonMedium.id]);
    expect(all.html).not.toContain('name="coordinator"');
  });

  it('finished: published and rejected reports, with when each finished', async () => {
    const { ids, html } = await list('sethmlarson', '/reports?state=finished');
    expect(ids).toEqual([rejected.id]);
    expect(html).toContain('<h1>Finished reports</h1>');
    expect(html).toMatch(/<span class="clock stopped">rejected \d{4}-\d{2}-\d{2}<\/span>/);
  });

  it('an outsider sees no report in any list', async () => {
    for (const path of ['/reports', '/reports/mine', '/reports?state=finished'])
      expect((await list('curious-visitor', path)).ids).toEqual([]);
  });
});
