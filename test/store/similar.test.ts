// The duplicate search's candidates, on both engines: reports sharing the new
// report's telling words (best first, found through dotted names and paths
// too), the same reporter's reports, never the report itself, and words kept
// current when a report is edited.
import { expect, it } from 'vitest';
import { significantWords } from '../../src/domain/report-words.ts';
import { insertReport, similarReportCandidates, updateReport } from '../../src/store/index.ts';
import { forEachEngine } from '../support/engines.ts';
import { at, daysAfter, minimalReport } from './fixtures.ts';

const report = (id: string, title: string, description: string, reporter: string | null = null) =>
  minimalReport({ id, title, description, reporter });

forEachEngine('similar report candidates', ({ store }) => {
  const fill = async () => {
    const reports = [
      report(
        'PSRT-2026-0001',
        'tarfile: filter bypass',
        'Lib/tarfile.py: extractall(filter="data") follows a symlink.',
      ),
      report('PSRT-2026-0002', 'http.cookies ReDoS', 'SimpleCookie.load backtracks on backslashes.', 'Dave'),
      report('PSRT-2026-0003', 'zipfile loop', 'A crafted ZIP64 end record loops forever.'),
      report(
        'PSRT-2026-0004',
        'tarfile symlink escape',
        'tarfile.TarFile.extractall writes outside via a symlink.',
      ),
    ];
    for (const r of reports) await insertReport(store().db, r, daysAfter(r.receivedAt, 90));
  };

  it('reports sharing the telling words are found, the closest match first, through dotted names and paths', async () => {
    await fill();
    const words = significantWords('tarfile.extractall escapes through a symlink member');
    const found = await similarReportCandidates(store().db, { words, reporters: [] });
    expect(found.map((c) => c.id)).toEqual(['PSRT-2026-0004', 'PSRT-2026-0001']);
    expect(found[0]).toMatchObject({
      kind: 'report',
      repository: 'python/cpython',
      title: 'tarfile symlink escape',
    });
  });

  it("the same reporter's reports are candidates whatever their words, matched without regard to case", async () => {
    await fill();
    const found = await similarReportCandidates(store().db, {
      words: ['nothingshared'],
      reporters: ['dave'],
    });
    expect(found.map((c) => c.id)).toEqual(['PSRT-2026-0002']);
    expect(found[0]?.reporters).toEqual(['dave']);
  });

  it('the new report itself is never its own candidate, and no words and no reporter find nothing', async () => {
    await fill();
    const found = await similarReportCandidates(store().db, {
      words: ['symlink'],
      reporters: [],
      excludeId: 'PSRT-2026-0004',
    });
    expect(found.map((c) => c.id)).toEqual(['PSRT-2026-0001']);
    expect(await similarReportCandidates(store().db, { words: [], reporters: [] })).toEqual([]);
  });

  it('words that could be text-search operators are left out rather than breaking the query', async () => {
    await fill();
    const found = await similarReportCandidates(store().db, {
      words: ["zip64'|!", 'zipfile', '&'],
      reporters: [],
    });
    expect(found.map((c) => c.id)).toEqual(['PSRT-2026-0003']);
  });

  it('an edited description is searched by its new words', async () => {
    await fill();
    const edited = report('PSRT-2026-0003', 'zipfile loop', 'Now about a plistlib recursion.');
    await store().transaction((tx) => updateReport(tx, edited, at('2026-06-01T00:00:00Z')));
    expect(
      (await similarReportCandidates(store().db, { words: ['plistlib'], reporters: [] })).map((c) => c.id),
    ).toEqual(['PSRT-2026-0003']);
    expect(await similarReportCandidates(store().db, { words: ['zip64'], reporters: [] })).toEqual([]);
  });
});
