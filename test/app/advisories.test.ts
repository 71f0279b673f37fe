// Published advisories for anyone: only published reports come out of these
// reads, whoever asks, and any other id answers as one that names nothing.
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { vendored } from '../../sim/conformance/vendored.ts';
import {
  latestAdvisories,
  listPublishedAdvisories,
  publishedAdvisory,
  publishedRecord,
} from '../../src/app/advisories.ts';
import { importAdvisory } from '../../src/app/history.ts';
import { readRecordFile } from '../../src/app/record-files.ts';
import { editReport } from '../../src/app/reports.ts';
import { forEachEngine } from '../support/engines.ts';
import { at, bot, failsWith, testApp } from './support.ts';

async function importPsf(app: ReturnType<typeof testApp>, ...ids: string[]): Promise<void> {
  for (const id of ids) {
    const { result } = readRecordFile('osv', `${vendored.psfAdvisories}${id}.json`);
    if (!result.ok) throw new Error(`${id}: ${JSON.stringify(result.problems)}`);
    await importAdvisory(app.ctx(), bot, result.advisory);
  }
}

forEachEngine('published advisories', (engine) => {
  const app = testApp(engine, at('2024-10-01T09:00:00.000Z'));

  /** A report still under embargo, with a CVE ID already reserved. */
  async function embargoed() {
    const report = await app.newReport('sethmlarson', { title: 'zipfile: secret heap overflow' });
    return editReport(app.ctx(), await app.as('sethmlarson'), report.id, { cveId: 'CVE-2024-99999' });
  }

  it('the list holds published advisories only, newest first', async () => {
    await app.importDevguideRoster();
    await importPsf(app, 'PSF-2023-5', 'PSF-2023-12', 'PSF-2023-1');
    await embargoed();
    const list = await listPublishedAdvisories(app.ctx());
    expect(list.total).toBe(3);
    expect(list.advisories.map((a) => a.psfId)).toEqual(['PSF-2023-12', 'PSF-2023-5', 'PSF-2023-1']);
    expect(list.advisories[0]).toMatchObject({
      key: 'PSF-2023-12',
      cveId: 'CVE-2023-6507',
      product: 'CPython',
      publishedAt: new Date('2023-12-08T18:20:49.583Z'),
    });
    expect(JSON.stringify(await latestAdvisories(app.ctx(), 10))).not.toContain('secret heap overflow');
  });

  it('an advisory is found by its PSF id, its CVE ID or its report id', async () => {
    await importPsf(app, 'PSF-2023-12');
    const byPsf = await publishedAdvisory(app.ctx(), 'PSF-2023-12');
    if (byPsf.kind !== 'one') throw new Error('one advisory expected');
    for (const id of ['CVE-2023-6507', byPsf.report.id]) {
      expect(await publishedAdvisory(app.ctx(), id)).toEqual(byPsf);
    }
    expect(byPsf.summary.title).toBe(
      "Groups not dropped before running subprocess when using empty 'extra_groups' parameter",
    );
  });

  it('a CVE ID that two published advisories name lists both, and its records are asked for by their PSF ids', async () => {
    await importPsf(app, 'PSF-2023-5', 'PSF-2023-6');
    const shared = await publishedAdvisory(app.ctx(), 'CVE-2022-48566');
    expect(shared.kind).toBe('several');
    if (shared.kind === 'several')
      expect(shared.advisories.map((a) => a.psfId).sort()).toEqual(['PSF-2023-5', 'PSF-2023-6']);
    const record = await failsWith('invalid', publishedRecord(app.ctx(), 'CVE-2022-48566', 'osv'));
    expect(record.message).toMatch(
      /^CVE-2022-48566 is named by PSF-2023-\d and PSF-2023-\d: ask for the record by one of those\.$/,
    );
  });

  it('an embargoed report answers exactly as an id that names nothing, by report id and by CVE ID', async () => {
    await app.importDevguideRoster();
    const secret = await embargoed();
    for (const [id, missing] of [
      [secret.id, 'PSRT-2024-0404'],
      ['CVE-2024-99999', 'CVE-2024-40404'],
    ] as const) {
      const denied = await failsWith('not-found', publishedAdvisory(app.ctx(), id));
      const absent = await failsWith('not-found', publishedAdvisory(app.ctx(), missing));
      expect(denied.message).toBe(absent.message.replace(missing, id));
      expect(denied.message).not.toContain('zipfile');
      for (const format of ['osv', 'cve'] as const) {
        const record = await failsWith('not-found', publishedRecord(app.ctx(), id, format));
        expect(record.message).toBe(denied.message);
      }
    }
  });

  it("an imported advisory's records are rendered from its facts: its OSV file and its CVE record", async () => {
    await importPsf(app, 'PSF-2023-12');
    const { key, text } = await publishedRecord(app.ctx(), 'CVE-2023-6507', 'osv');
    expect(key).toBe('PSF-2023-12');
    expect(JSON.parse(text)).toMatchObject({ id: 'PSF-2023-12', aliases: ['CVE-2023-6507'] });
    const cve = await publishedRecord(app.ctx(), 'PSF-2023-12', 'cve');
    expect(JSON.parse(cve.text)).toMatchObject({ cveMetadata: { cveId: 'CVE-2023-6507' } });
  });

  it('an advisory outside the PSF advisory database has no OSV record, and says so', async () => {
    await importPsf(app, 'PSF-2023-12');
    const listed = (await listPublishedAdvisories(app.ctx())).reports[0];
    if (!listed) throw new Error('imported');
    // As a pip advisory is: published with its CVE ID, no PSF id.
    await app
      .store()
      .db.execute(sql`update reports set psf_id = null, repository = 'pypa/pip' where id = ${listed.id}`);
    const error = await failsWith('not-found', publishedRecord(app.ctx(), 'CVE-2023-6507', 'osv'));
    expect(error.message).toContain('has no OSV record');
  });
});
