// What reading one published record (an OSV file of the PSF advisory database
// or a CVE record) yields: the facts of a published report, and where in the
// file each problem is when the file cannot be read.
import type { Publication } from '../domain/publication.ts';
import type { Affected } from '../domain/report.ts';

/** The facts one published record states; absent ones are null or empty. */
export interface ImportedAdvisory {
  /** Which format they came from: the OSV record owns the PSF id and commits, the CVE record the products. */
  format: 'osv' | 'cve';
  cveId: string | null;
  title: string;
  description: string;
  /** CVSS vector as published (v4.0, or v3.1 in older CVE records). */
  cvssVector: string | null;
  /** OSV `GIT` ranges. */
  affected: Affected[];
  publication: Publication;
  /** When the advisory was published (OSV `published`, CVE `datePublished`). */
  publishedAt: Date;
  /** When the CVE ID was reserved (CVE `dateReserved`), the closest thing to when the report arrived. */
  reservedAt: Date | null;
}

/** One problem in a file: the JSON path (`/affected/0/ranges/0/repo`) and what is wrong there. */
export interface RecordProblem {
  path: string;
  message: string;
}

export type ReadResult = { ok: true; advisory: ImportedAdvisory } | { ok: false; problems: RecordProblem[] };
