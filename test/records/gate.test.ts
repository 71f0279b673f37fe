// The publication gate: what must hold before the advisory email, CVE record and OSV record go out.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/domain/report.ts';
import { renderAdvisoryEmail } from '../../src/records/advisory-email.ts';
import { renderCveRecord } from '../../src/records/cve-render.ts';
import { type CveRecordShape, publicationGate, type RenderedRecords } from '../../src/records/gate.ts';
import { renderOsvRecord } from '../../src/records/osv.ts';
import { fullReport } from '../store/fixtures.ts';

const now = new Date('2026-12-05T00:00:00Z');
const commit = 'a'.repeat(40);

function ready(overrides: Partial<Report> = {}): Report {
  const base = fullReport();
  return {
    ...base,
    state: 'published',
    repository: 'python/cpython',
    cveId: 'CVE-2026-1234',
    title: 'tarfile: path traversal',
    description: 'A crafted archive writes outside the destination.',
    cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N',
    affected: [
      { ecosystem: 'GIT', repo: 'https://github.com/python/cpython', introduced: '0', fixed: [commit] },
    ],
    fixPullRequests: [
      { url: 'https://github.com/python/cpython/pull/1', public: true, merged: true, backport: false },
    ],
    creditPreference: { credit: true, name: 'Ünïcode Finder' },
    finishedAt: now,
    publication: {
      ...base.publication,
      credits: [{ name: 'Ünïcode Finder', type: 'finder', login: null, state: 'accepted' }],
      references: [{ url: 'https://github.com/python/cpython/pull/1', type: 'FIX' }],
    },
    ...overrides,
  };
}

const records = (report: Report): RenderedRecords => ({
  email: renderAdvisoryEmail(report),
  cve: renderCveRecord(report, {
    dateReserved: now,
    datePublished: now,
    dateUpdated: now,
  }) as unknown as CveRecordShape,
  osv: renderOsvRecord(report, now),
});

const failed = (report: Report, rendered: RenderedRecords | null = records(report)) =>
  publicationGate(report, rendered)
    .checks.filter((check) => !check.met)
    .map((check) => check.id);

describe('the publication gate', () => {
  it('passes a report whose facts and three records agree', () => {
    expect(failed(ready())).toEqual([]);
  });

  it('refuses HTML or Markdown in the title or description: the records carry plain text', () => {
    expect(failed(ready({ description: 'See <b>this</b>.' }))).toEqual(['description']);
    expect(failed(ready({ title: 'Fix [link](https://example.com)' }))).toContain('title');
  });

  it('holds back a credit still pending on GitHub, and a reporter who asked for credit and has none', () => {
    const report = ready();
    const pending = ready({
      publication: {
        ...report.publication,
        credits: [{ name: 'Ünïcode Finder', type: 'finder', login: 'u', state: 'pending' }],
      },
    });
    expect(failed(pending)).toEqual(['credits']);
    const uncredited = ready({ publication: { ...report.publication, credits: [] } });
    expect(
      publicationGate(uncredited, records(uncredited)).checks.find((c) => c.id === 'credits')?.reason,
    ).toMatch(/asked to be credited/);
  });

  it('needs a CWE, a fix and a patch reference', () => {
    const report = ready();
    expect(failed(ready({ publication: { ...report.publication, cweIds: null } }))).toEqual(['cwe']);
    // Without references the email's fix link has no patch reference beside it, and a CVE record needs one.
    expect(failed(ready({ publication: { ...report.publication, references: [] } }))).toEqual([
      'patch-reference',
      'same-fix-links',
      'cve-schema',
    ]);
    expect(failed(ready({ affected: [] }))).toEqual(['affected-versions']);
  });

  it('notices records that do not say the same thing (here a CVE record edited after rendering)', () => {
    const report = ready();
    const rendered = records(report);
    const tampered = {
      ...rendered,
      cve: {
        ...rendered.cve,
        containers: { cna: { ...rendered.cve.containers.cna, title: 'Another title' } },
      },
    };
    expect(failed(report, tampered)).toEqual(['same-title']);
  });

  it('names a record that is not valid against its official schema', () => {
    const report = ready();
    const rendered = records(report);
    const broken = { ...rendered, osv: { ...(rendered.osv as object), published: 'yesterday' } as never };
    const check = publicationGate(report, broken).checks.find((c) => c.id === 'osv-schema');
    expect(check?.met).toBe(false);
    expect(check?.reason).toMatch(/\/published/);
  });
});
