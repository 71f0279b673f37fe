// The words a PSF CVE record is written in: the PSF's ids as a CNA, the CWE
// and CAPEC names it prints beside the ids, and which CVE reference tag each
// kind of link gets. Shared by rendering (cve-render.ts) and reading
// (cve-read.ts) so the two cannot drift apart.

import type { ReferenceType } from '../domain/publication.ts';
import type { Report } from '../domain/report.ts';

/** The PSF's organization id at CVE Services, its assigner id in every record it publishes. */
export const PSF_ORG_ID = '28c92f92-d60d-412d-b760-e73465c3df22';
export const PSF_SHORT_NAME = 'PSF';

/** The report fields a CVE record is rendered from: its GHSA fields and the publication facts. */
export type CveRecordFacts = Pick<Report, 'cveId' | 'title' | 'description' | 'cvssVector' | 'publication'>;

/** The record's dates, which CVE Services keeps (reserved, first published, last updated). */
export interface CveRecordDates {
  dateReserved: Date;
  datePublished: Date;
  dateUpdated: Date;
}

/**
 * CWE names as the PSF prints them (`CWE-1333 Inefficient Regular Expression Complexity`), for the
 * CWEs of its records; any other CWE is written by its id alone, as the PSF sometimes does.
 */
export const cweNames: Readonly<Record<string, string>> = {
  'CWE-20': 'Improper Input Validation',
  'CWE-22': "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')",
  'CWE-269': 'Improper Privilege Management',
  'CWE-400': 'Uncontrolled Resource Consumption',
  'CWE-416': 'Use After Free',
  'CWE-428': 'Unquoted Search Path or Element',
  'CWE-770': 'Allocation of Resources Without Limits or Throttling',
  'CWE-835': "Loop with Unreachable Exit Condition ('Infinite Loop')",
  'CWE-1333': 'Inefficient Regular Expression Complexity',
};

/** CAPEC names likewise (`CAPEC-122 Privilege Abuse`). */
export const capecNames: Readonly<Record<string, string>> = {
  'CAPEC-122': 'Privilege Abuse',
};

/** `CWE-22 Improper Limitation…`, or the id alone when its name is not in the table. */
export const namedId = (id: string, names: Readonly<Record<string, string>>): string =>
  names[id] ? `${id} ${names[id]}` : id;

/**
 * The CVE tag of each kind of reference the PSF tags: the issue, the security-announce post, the
 * fixes. Other links carry no tag (`WEB`).
 */
export const cveTagOfReference: Partial<Record<ReferenceType, string>> = {
  REPORT: 'issue-tracking',
  ADVISORY: 'vendor-advisory',
  FIX: 'patch',
};
