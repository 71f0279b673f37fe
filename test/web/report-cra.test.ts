// The CRA section of the report page, through `app.request()` as a browser without JavaScript
// posts its forms: record awareness, complete the draft, record the submission with ENISA's
// reference, and see the frozen copy; refusals in the use-case's words; members only.
import { describe, expect, it } from 'vitest';
import { grantAccess } from '../../src/app/grants.ts';
import { reportWorld, section, textOf } from './report-world.ts';

const world = reportWorld();

async function act(login: string, reportId: string, action: string, fields: Record<string, string>) {
  const response = await world.post(login, reportId, `cra/${action}`, fields);
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe(`/reports/${reportId}#cra`);
  const page = await world.follow(login, response);
  expect(page.status).toBe(200);
  return {
    flash: textOf(page.html.match(/<p class="flash"[^>]*>([^<]*)<\/p>/)?.[1] ?? ''),
    cra: textOf(section(page.html, 'cra')),
    html: page.html,
  };
}

describe('CRA reporting from the report page', () => {
  it('a member records awareness, completes the early warning, records its submission, and sees the frozen copy', async () => {
    const report = await world.triaged();
    const aware = await act('sethmlarson', report.id, 'aware', {
      awareAt: '2026-03-10T08:00',
      evidence: 'Exploit published on a forum',
    });
    expect(aware.flash).toBe('Active exploitation recorded: the CRA clocks run.');
    expect(aware.cra).toContain('Actively exploited.');
    expect(aware.cra).toContain('Evidence: Exploit published on a forum');
    expect(aware.cra).toContain(
      'Missing required fields: Member States where the product is made available.',
    );
    expect(textOf(section(aware.html, 'timeline'))).toContain('the early warning falls due');

    const refused = await world.post('sethmlarson', report.id, 'cra/submit', {
      stage: 'early-warning',
      reference: 'SRP-1',
    });
    expect(refused.status).toBe(422);
    expect(textOf(await refused.text())).toContain('misses required fields: Member States');

    const saved = await act('sethmlarson', report.id, 'draft', {
      stage: 'early-warning',
      'field.memberStates': 'All EU Member States',
    });
    expect(saved.flash).toBe('The draft of the early warning is saved.');
    expect(saved.cra).not.toContain('Missing required fields: Member States');

    world.clock.advance(3_600_000);
    const submitted = await act('sethmlarson', report.id, 'submit', {
      stage: 'early-warning',
      reference: 'SRP-2026-0042',
    });
    expect(submitted.flash).toBe(
      'The early warning is recorded as submitted (reference SRP-2026-0042); its copy is kept below.',
    );
    expect(submitted.cra).toContain('Submitted to ENISA');
    expect(submitted.cra).toContain(
      'early warning: reference SRP-2026-0042 , by sethmlarson 2026-03-10 10:00 UTC',
    );
    expect(submitted.cra).toContain('Member States where the product is made available All EU Member States');
    expect(submitted.html).not.toContain('data-cra-draft="early-warning"');
    expect(textOf(section(submitted.html, 'timeline'))).toContain(
      "submitted the CRA early warning on ENISA's Single Reporting Platform (reference SRP-2026-0042)",
    );
  });

  it('the open-reports list shows the CRA clock beside the disclosure clock, and warns at the top within 12 hours', async () => {
    const later = await world.triaged();
    await act('sethmlarson', later.id, 'aware', {
      awareAt: '2026-03-10T08:00',
      evidence: 'Seen in the wild',
    });
    const soon = await world.triaged();
    await act('sethmlarson', soon.id, 'aware', { awareAt: '2026-03-09T20:00', evidence: 'Seen in the wild' });
    const { html } = await world.get('gpshead', '/reports');
    const row = (id: string) =>
      textOf(html.slice(html.indexOf(`<tr data-report="${id}"`)).split('</tr>')[0] ?? '');
    expect(row(later.id)).toMatch(/days left .* CRA early warning in 2[23] hours/);
    expect(textOf(html)).toMatch(new RegExp(`CRA deadlines: ${soon.id} : CRA early warning in 1[01] hours`));
    expect(textOf(html)).not.toContain(`${later.id} : CRA early warning`);
  });

  it('a field left as the page showed it keeps following the report', async () => {
    const report = await world.triaged();
    await act('sethmlarson', report.id, 'aware', {
      awareAt: '2026-03-10T08:00',
      evidence: 'Seen in the wild',
    });
    const unchanged = await act('sethmlarson', report.id, 'draft', {
      stage: 'notification',
      'field.exploitNature': 'Seen in the wild',
    });
    expect(unchanged.flash).toBe('Nothing changed in the draft.');
  });

  it('records a CSIRT request and its answer, and the finding of no exploitation with its reason', async () => {
    const report = await world.triaged();
    const asked = await act('gpshead', report.id, 'csirt-request', {
      csirt: 'CERT-FR',
      request: 'Which versions?',
      askedAt: '2026-03-10T08:00',
      dueAt: '2026-03-11T08:00',
    });
    expect(asked.cra).toContain('1. CERT-FR asked 2026-03-10 08:00 UTC , due 2026-03-11 08:00 UTC');
    const answered = await act('gpshead', report.id, 'csirt-answer', { request: '1', answer: 'All of them' });
    expect(answered.cra).toContain('Answered by gpshead');
    const found = await act('gpshead', report.id, 'not-exploited', { reason: 'No attack seen anywhere' });
    expect(found.cra).toContain('Not actively exploited , recorded by gpshead');
    expect(found.cra).toContain('Why: No attack seen anywhere');
  });

  it('a time that is not one is refused with what to write', async () => {
    const report = await world.triaged();
    const response = await world.post('sethmlarson', report.id, 'cra/aware', {
      awareAt: 'yesterday',
      evidence: 'x',
    });
    expect(response.status).toBe(400);
    expect(textOf(await response.text())).toContain('as 2026-03-01 or 2026-03-01T09:30 (UTC)');
  });

  it('a collaborator sees no CRA section and cannot post to it', async () => {
    const report = await world.triaged();
    await grantAccess(world.ctx(), await world.as('sethmlarson'), report.id, {
      login: 'mira-finds-bugs',
      reason: 'reporter',
    });
    const page = await world.get('mira-finds-bugs', `/reports/${report.id}`);
    expect(page.status).toBe(200);
    expect(section(page.html, 'cra')).toBe('');
    const response = await world.post('mira-finds-bugs', report.id, 'cra/not-exploited', { reason: 'x' });
    expect(response.status).toBe(403);
  });
});
