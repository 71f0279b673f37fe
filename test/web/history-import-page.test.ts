// The admins' page for importing the PSF's published records one at a time
// (`/history`): a real OSV file of the PSF advisory database becomes a
// published report; a check imports nothing; a record with problems or no JSON
// at all says what is wrong and keeps the text; members and visitors are refused.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { vendored } from '../../sim/conformance/vendored.ts';
import { recordFiles } from '../../src/app/record-files.ts';
import { wayBack } from '../support/sign-in.ts';
import { reportWorld } from './report-world.ts';

const world = reportWorld();
const file = recordFiles(vendored.psfAdvisories)[0] ?? '';
const osv = readFileSync(file, 'utf8');
const psfId = (JSON.parse(osv) as { id: string }).id;

const submit = async (login: string, fields: Record<string, string>) => {
  const session = await world.session(login);
  const response = await world.app().request('/history', {
    method: 'POST',
    headers: session.headers,
    body: new URLSearchParams({ _csrf: session.csrf, ...fields }),
  });
  return { status: response.status, html: await response.text() };
};

describe('importing published records from the browser', () => {
  it('an admin checks a PSF OSV file (nothing imported), then imports it as a published report', async () => {
    const checked = await submit('sethmlarson', { format: 'osv', record: osv, dryRun: 'yes' });
    expect(checked.status).toBe(200);
    expect(checked.html).toContain('Read and checked: nothing to change.');
    expect((await world.get('sethmlarson', '/advisories')).html).not.toContain(psfId);

    const imported = await submit('sethmlarson', { format: 'osv', record: osv });
    expect(imported.status).toBe(200);
    expect(imported.html).toContain('Imported as a published report.');
    const reportId = /href="\/reports\/(PSRT-[0-9]+-[0-9]+)"/.exec(imported.html)?.[1] ?? '';
    const report = await world.get('sethmlarson', `/reports/${reportId}`);
    expect(report.html).toContain('published');
    expect((await world.get(null, '/advisories')).html).toContain(psfId);
  });

  it('a record that is not JSON, or not a valid record, is refused saying why, and its text stays in the form', async () => {
    const notJson = await submit('sethmlarson', { format: 'osv', record: '{"id": ' });
    expect(notJson.status).toBe(400);
    expect(notJson.html).toContain('The record is not JSON');
    expect(notJson.html).toContain('{&quot;id&quot;: ');
    const invalid = await submit('sethmlarson', { format: 'cve', record: '{"dataType": "CVE_RECORD"}' });
    expect(invalid.status).toBe(422);
    expect(invalid.html).toContain('Not imported: the record has problems.');
  });

  it('is for admins: the Advisories page links it for them alone, a member is refused, a visitor signs in first', async () => {
    expect((await world.get('sethmlarson', '/advisories')).html).toContain('href="/history"');
    expect((await world.get('gpshead', '/advisories')).html).not.toContain('href="/history"');
    expect((await world.get('gpshead', '/history')).status).toBe(403);
    expect((await submit('gpshead', { format: 'osv', record: osv })).status).toBe(403);
    const visitor = await world.get(null, '/history');
    expect(visitor.status).toBe(303);
    expect(wayBack(visitor.response)).toBe('/history');
  });
});
