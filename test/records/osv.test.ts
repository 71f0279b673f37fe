import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vendored } from '../../sim/conformance/vendored.ts';
import { reportFromImported } from '../../src/domain/history.ts';
import { osvFileText, readOsvRecord, renderOsvRecord } from '../../src/records/osv.ts';
import { fullReport } from '../store/fixtures.ts';

const files = readdirSync(vendored.psfAdvisories).filter((name) => name.endsWith('.json'));
const published = (name: string) => JSON.parse(readFileSync(join(vendored.psfAdvisories, name), 'utf8'));
const at = (iso: string) => new Date(iso);

/** The record read back into a published report, then rendered as of `modified`. */
function roundTrip(record: Record<string, unknown>) {
  const read = readOsvRecord(record);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  const report = reportFromImported(
    'PSRT-2026-0001',
    read.advisory,
    'python/cpython',
    at('2026-12-05T00:00:00Z'),
  );
  return renderOsvRecord(report, new Date(String(record.modified)));
}

describe('OSV records of the PSF advisory database', () => {
  it('every vendored PSF advisory imports and renders back identical (modified aside)', () => {
    expect(files.length).toBe(121);
    const differing = files.filter((name) => {
      const record = published(name);
      return JSON.stringify(sortKeys(roundTrip(record))) !== JSON.stringify(sortKeys(record));
    });
    expect(differing).toEqual([]);
  });

  it('writes milliseconds only when the time has some, as the PSF files do', () => {
    const withMs = published('PSF-2023-12.json');
    const whole = published('PSF-2022-9.json');
    expect(roundTrip(withMs).published).toBe('2023-12-08T18:20:49.583Z');
    expect(roundTrip(whole).published).toBe('2022-11-06T00:00:00Z');
  });

  it('renders a new report with the CVE ID first among its aliases, one fixed event per branch and only accepted credits', () => {
    const report = fullReport({
      state: 'published',
      cveId: 'CVE-2026-1234',
      title: 'Path traversal in tarfile',
      description: 'A crafted archive writes outside the destination.',
      affected: [
        {
          ecosystem: 'GIT',
          repo: 'https://github.com/python/cpython',
          introduced: '0',
          fixed: ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'],
        },
      ],
      finishedAt: at('2026-12-01T10:00:00Z'),
    });
    const record = renderOsvRecord(report, at('2026-12-02T00:00:00.250Z'));
    expect(record).toMatchObject({
      modified: '2026-12-02T00:00:00.250Z',
      published: '2026-12-01T10:00:00Z',
      schema_version: '1.5.0',
      id: 'PSF-2026-3',
      aliases: ['CVE-2026-1234', 'GHSA-p8vw-m6qq-w42v'],
      summary: 'Path traversal in tarfile',
      affected: [
        {
          ranges: [
            {
              type: 'GIT',
              repo: 'https://github.com/python/cpython',
              events: [
                { introduced: '0' },
                { fixed: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
                { fixed: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' },
              ],
            },
          ],
        },
      ],
      credits: [{ name: 'Ünïcode Finder', type: 'FINDER' }],
      database_specific: { cwe_ids: ['CWE-22'] },
    });
    expect(osvFileText(record)).toMatch(/^\{\n {2}"modified"/);
    expect(osvFileText(record).endsWith('}\n')).toBe(true);
  });

  it('refuses a report that has no PSF id or was never published', () => {
    const report = fullReport();
    expect(() =>
      renderOsvRecord(
        { ...report, publication: { ...report.publication, psfId: null } },
        at('2026-12-02T00:00:00Z'),
      ),
    ).toThrow(/no PSF advisory id/);
    expect(() => renderOsvRecord({ ...report, finishedAt: null }, at('2026-12-02T00:00:00Z'))).toThrow(
      /no publication time/,
    );
  });

  it('names every problem of a file psrt cannot keep exactly, at its JSON path', () => {
    const record = published('PSF-2023-12.json');
    record.id = 'OSV-2023-1';
    record.aliases = ['GHSA-p8vw-m6qq-w42v', 'CVE-2023-6507'];
    record.affected[0].ranges[0].type = 'ECOSYSTEM';
    record.references[0].note = 'extra';
    record.withdrawn = '2024-01-01T00:00:00Z';
    const read = readOsvRecord(record);
    expect(read.ok).toBe(false);
    expect(read.ok ? [] : read.problems.map((problem) => problem.path)).toEqual([
      '/withdrawn',
      '/id',
      '/aliases/1',
      '/affected/0/ranges/0/type',
      '/references/0/note',
    ]);
  });
});

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'modified')
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, inner]) => [key, sortKeys(inner)]),
  );
}
