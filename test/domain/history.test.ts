// One advisory read from both formats: the OSV file of the PSF advisory database and the PSF's
// CVE record (PSF-2023-12 is CVE-2023-6507). Each brings what it owns; facts both state are kept
// from the first read, and a disagreement between them is named, never silently resolved.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vendored } from '../../sim/conformance/vendored.ts';
import { mergeImported, reportFromImported } from '../../src/domain/history.ts';
import { readCveRecord } from '../../src/records/cve-read.ts';
import type { ImportedAdvisory } from '../../src/records/imported.ts';
import { readOsvRecord } from '../../src/records/osv.ts';

const now = new Date('2026-12-05T00:00:00Z');
const read = (result: ReturnType<typeof readOsvRecord>): ImportedAdvisory => {
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.advisory;
};
const osv = read(
  readOsvRecord(JSON.parse(readFileSync(join(vendored.psfAdvisories, 'PSF-2023-12.json'), 'utf8'))),
);
const cve = read(
  readCveRecord(
    JSON.parse(readFileSync(join(vendored.psfCveRecords, '2023/6xxx/CVE-2023-6507.json'), 'utf8')),
  ),
);

describe('an advisory imported from its OSV file and its CVE record', () => {
  it('takes the commit ranges and PSF id from the OSV file, the products, CVSS and CAPEC from the CVE record', () => {
    const { report } = mergeImported(
      reportFromImported('PSRT-2023-0001', osv, 'python/cpython', now),
      cve,
      now,
    );
    expect(report.publication.psfId).toBe('PSF-2023-12');
    expect(report.affected).toEqual(osv.affected);
    expect(report.publication.products).toEqual(cve.publication.products);
    expect(report.cvssVector).toBe('CVSS:3.1/AV:A/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:N');
    expect(report.publication.capecIds).toEqual(['CAPEC-122']);
    // When the CVE ID was reserved is the closest known time the report arrived.
    expect(report.receivedAt).toEqual(cve.reservedAt);
    expect(report.finishedAt).toEqual(osv.publishedAt);
  });

  it('keeps the first record’s CWE when the two disagree (the OSV file says none, the CVE record CWE-269), and names it', () => {
    const { report, differences } = mergeImported(
      reportFromImported('PSRT-2023-0001', osv, 'python/cpython', now),
      cve,
      now,
    );
    expect(report.publication.cweIds).toEqual([]);
    expect(differences).toEqual(['cweIds']);
  });

  it('read the other way round, the CVE record’s CWE is kept and the OSV file still gives its PSF id and commits', () => {
    const { report, differences } = mergeImported(
      reportFromImported('PSRT-2023-0001', cve, 'python/cpython', now),
      osv,
      now,
    );
    expect(report.publication.cweIds).toEqual(['CWE-269']);
    expect(report.publication.psfId).toBe('PSF-2023-12');
    expect(report.affected).toEqual(osv.affected);
    expect(differences).toEqual(['cweIds']);
  });
});
