import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { vendored } from '../../sim/conformance/vendored.ts';
import { importAdvisory } from '../../src/app/history.ts';
import { readRecordFile, recordFiles } from '../../src/app/record-files.ts';
import { canonicalJson } from '../../src/domain/audit.ts';
import type { ImportedAdvisory } from '../../src/domain/history.ts';
import { renderOsvRecord } from '../../src/records/osv.ts';
import { getReportByPsfId, nextPsfId } from '../../src/store/index.ts';
import { forEachEngine } from '../support/engines.ts';
import { bot, failsWith, testApp } from './support.ts';

const files = recordFiles(vendored.psfAdvisories);

function advisoryIn(file: string): ImportedAdvisory {
  const { result } = readRecordFile('osv', file);
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.problems)}`);
  return result.advisory;
}

const withoutModified = (record: object) => canonicalJson({ ...record, modified: null });

forEachEngine('importing the PSF advisory database', (engine) => {
  const app = testApp(engine);

  it('every vendored advisory becomes one published report that renders back identical (modified aside)', async () => {
    for (const file of files) {
      const outcome = await importAdvisory(app.ctx(), bot, advisoryIn(file));
      expect(outcome.status, file).toBe('created');
    }
    const differing: string[] = [];
    for (const file of files) {
      const published = JSON.parse(readFileSync(file, 'utf8'));
      const report = await getReportByPsfId(app.store().db, published.id);
      expect(report?.state).toBe('published');
      if (!report) continue;
      const rendered = renderOsvRecord(report, new Date(published.modified));
      if (withoutModified(rendered) !== withoutModified(published)) differing.push(file);
    }
    expect(differing).toEqual([]);
  });

  it('importing the same files again changes nothing', async () => {
    const some = files.slice(0, 5);
    for (const file of some) await importAdvisory(app.ctx(), bot, advisoryIn(file));
    for (const file of some) {
      expect((await importAdvisory(app.ctx(), bot, advisoryIn(file))).status).toBe('unchanged');
    }
    expect((await app.trail('PSRT-2007-0001')).audit).toEqual(['report.import']);
  });

  it('two advisories that name the same CVE stay two reports (PSF-2023-5 and PSF-2023-6)', async () => {
    const [five, six] = ['PSF-2023-5.json', 'PSF-2023-6.json'].map((name) =>
      advisoryIn(`${vendored.psfAdvisories}${name}`),
    );
    const first = await importAdvisory(app.ctx(), bot, five as ImportedAdvisory);
    const second = await importAdvisory(app.ctx(), bot, six as ImportedAdvisory);
    expect([first.status, second.status]).toEqual(['created', 'created']);
    expect(first.reportId).not.toBe(second.reportId);
  });

  it('a new PSF id continues after the highest one imported for that year, never reusing one', async () => {
    await importAdvisory(app.ctx(), bot, advisoryIn(`${vendored.psfAdvisories}PSF-2023-12.json`));
    const next = await app.store().transaction((tx) => nextPsfId(tx, 2023));
    expect(next).toBe('PSF-2023-13');
    const fresh = await app.store().transaction((tx) => nextPsfId(tx, 2026));
    expect(fresh).toBe('PSF-2026-1');
  });

  it('only admins import history', async () => {
    await app.importDevguideRoster();
    const member = await app.as('gpshead');
    await failsWith('forbidden', importAdvisory(app.ctx(), member, advisoryIn(files[0] ?? '')));
  });
});

describe('reading record files', () => {
  it('lists a folder recursively in the order people number advisories', () => {
    const names = files.map((file) => file.slice(file.lastIndexOf('/') + 1));
    expect(names.slice(0, 3)).toEqual(['PSF-2007-1.json', 'PSF-2007-2.json', 'PSF-2008-1.json']);
    expect(names.indexOf('PSF-2023-2.json')).toBeLessThan(names.indexOf('PSF-2023-10.json'));
  });
});
