// Publishing from the report page, against the simulators and a real SMTP server: the preview
// (the email, CVE and OSV records side by side, every check), "Send advisory", the record
// history, and a CNA operator's approval of the CVE record.
import { expect, it } from 'vitest';
import { showReport, transitionReport } from '../../src/app/reports.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { publishingWorld } from '../app/publish/world.ts';
import { forEachEngine } from '../support/engines.ts';
import { signIn, testGitHubSignIn } from '../support/sign-in.ts';
import { section, textOf } from './report-world.ts';

forEachEngine('publishing from the report page', (engine) => {
  const world = publishingWorld(engine);
  const { app, settle } = world;
  const readyReport = async () => (await world.readyReport()).report;
  const web = () =>
    createWebApp({
      ctx: app.ctx(),
      sandbox: true,
      sessionSecret: 'test-session-secret-0123456789abcdef',
      gitHubSignIn: testGitHubSignIn(),
      cnaOperators: ['sethmlarson'],
    });

  async function page(site: ReturnType<typeof web>, login: string, id: string) {
    const { cookie } = await signIn(site, login);
    const response = await site.request(`/reports/${id}`, { headers: { cookie } });
    expect(response.status).toBe(200);
    return response.text();
  }

  async function post(site: ReturnType<typeof web>, login: string, id: string, action: string, fields = {}) {
    const { headers } = await signIn(site, login);
    return site.request(`/reports/${id}/${action}`, {
      method: 'POST',
      headers,
      body: new URLSearchParams(fields),
    });
  }

  it('the preview shows the email, CVE and OSV records side by side with every check passed', async () => {
    const report = await readyReport();
    const publication = section(await page(web(), 'gpshead', report.id), 'publication');
    expect(textOf(publication)).toContain('Ready to publish as PSF-2026-1: every check passes.');
    expect(publication).not.toContain('class="check unmet"');
    expect(textOf(publication.slice(publication.indexOf('data-record="email"')))).toContain(
      `Subject: [${report.cveId}] tarfile: path traversal on extraction`,
    );
    expect(publication.slice(publication.indexOf('data-record="cve"'))).toContain(
      `&quot;cveId&quot;: &quot;${report.cveId}&quot;`,
    );
    expect(publication.slice(publication.indexOf('data-record="osv"'))).toContain(
      '&quot;id&quot;: &quot;PSF-2026-1&quot;',
    );
    expect(publication).toMatch(/<button type="submit" class="primary">Send advisory<\/button>/);
  });

  it('a member sends the advisory with one click; once the email is out the report is published', async () => {
    const report = await readyReport();
    const site = web();
    const sent = await post(site, 'gpshead', report.id, 'publish');
    expect(sent.status).toBe(303);
    await settle();
    expect((await showReport(app.ctx(), await app.as('gpshead'), report.id)).report.state).toBe('published');
    const publication = section(await page(site, 'gpshead', report.id), 'publication');
    const status = (record: string) =>
      textOf(publication.match(new RegExp(`data-record-version="${record}">(.*?)</tr>`, 's'))?.[1] ?? '');
    expect(status('email-1')).toContain('gpshead');
    expect(status('email-1')).toContain('sent');
    expect(status('osv-1')).toContain('sent');
    expect(status('cve-1')).toContain('waiting for a CNA operator');
    expect(textOf(publication)).toContain('The CVE record waits for a PSF CNA operator to approve it.');
    expect(publication).not.toContain('cve-approve');
  });

  it('a CNA operator approves the CVE record from the report page, and psrt publishes it', async () => {
    const report = await readyReport();
    const site = web();
    expect((await post(site, 'gpshead', report.id, 'publish')).status).toBe(303);
    await settle();
    expect(section(await page(site, 'sethmlarson', report.id), 'publication')).toContain(
      `action="/reports/${report.id}/cve-approve"`,
    );
    expect((await post(site, 'sethmlarson', report.id, 'cve-approve')).status).toBe(303);
    await settle();
    const publication = section(await page(site, 'sethmlarson', report.id), 'publication');
    expect(textOf(publication.match(/data-record-version="cve-1">(.*?)<\/tr>/s)?.[1] ?? '')).toContain(
      'sent',
    );
    expect(world.cveRequests().some((request) => request.includes(report.cveId ?? '?'))).toBe(true);
  });

  it('a member who is not a CNA operator may not approve the CVE record (403)', async () => {
    const report = await readyReport();
    const site = web();
    await post(site, 'gpshead', report.id, 'publish');
    await settle();
    const refused = await post(site, 'gpshead', report.id, 'cve-approve');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain(
      'Only a PSF CNA operator (cna.operators) may publish a CVE record.',
    );
  });

  it('a report not ready: Send is disabled, and sending anyway is refused (422) naming what is missing', async () => {
    const { report } = await world.triagedReport('zipfile: not ready yet');
    await transitionReport(app.ctx(), await app.as('sethmlarson'), report.id, 'accept');
    const site = web();
    const publication = section(await page(site, 'gpshead', report.id), 'publication');
    expect(publication).toMatch(/<button type="submit" class="primary" disabled="">Send advisory<\/button>/);
    expect(textOf(publication)).toContain('No CVSS v4 vector is set');
    const refused = await post(site, 'gpshead', report.id, 'publish');
    expect(refused.status).toBe(422);
    expect(textOf(await refused.text())).toContain('Cannot publish the report. No CVE ID is set');
  });
});
