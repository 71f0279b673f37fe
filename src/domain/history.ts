// The PSF's published advisories from before psrt, imported as published
// reports (facts only), so metrics and the public list cover its history. One
// advisory may arrive twice, as its OSV file and as its CVE record: each format
// brings the facts it owns, and the first one read keeps the facts both state.
import { canonicalJson } from './audit.ts';
import { emptyPublication, type Publication, repositoryOfProduct } from './publication.ts';
import { type Affected, emptyCra, type Report } from './report.ts';

/** The facts one published record states (records/osv, records/cve read them). */
export interface ImportedAdvisory {
  /** The OSV record owns the PSF id, aliases and commit ranges; the CVE record the products, CAPEC, reference tags and CVSS. */
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
  /** When the CVE ID was reserved (CVE `dateReserved`): the closest known time the report arrived. */
  reservedAt: Date | null;
}

/** `owner/name` of the GitHub repository a record names (`https://github.com/python/cpython`), if any. */
export function repositoryOf(imported: ImportedAdvisory): string | null {
  const urls = [
    ...imported.affected.map((range) => ('repo' in range ? range.repo : '')),
    ...imported.publication.products.map((product) => product.repo ?? ''),
  ];
  for (const url of urls) {
    const match = /^https:\/\/github\.com\/([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url);
    if (match?.[1]) return match[1];
  }
  // Some PSF CVE records name the product without its repository.
  for (const product of imported.publication.products) {
    const repository = repositoryOfProduct(product.product);
    if (repository) return repository;
  }
  return null;
}

/** A published report holding exactly the facts of `imported`. `repository` is where it belongs. */
export function reportFromImported(
  id: string,
  imported: ImportedAdvisory,
  repository: string,
  now: Date,
): Report {
  const receivedAt = imported.reservedAt ?? imported.publishedAt;
  return {
    id,
    ghsaId: null,
    repository,
    title: imported.title,
    description: imported.description,
    state: 'published',
    receivedAt,
    lastActivityAt: imported.publishedAt,
    coordinator: null,
    coordinatorSince: null,
    handoff: null,
    determination: 'vulnerability',
    cveId: imported.cveId,
    cvssVector: imported.cvssVector,
    affected: imported.affected,
    fixPullRequests: [],
    reporter: null,
    creditPreference: null,
    extensions: [],
    rejection: null,
    finishedAt: imported.publishedAt,
    cra: emptyCra(),
    publication: { ...emptyPublication(), ...imported.publication },
    createdAt: now,
    updatedAt: now,
  };
}

/** Facts both formats state; the first record read keeps them, a differing second one is noted. */
const shared = ['title', 'description', 'credits', 'references', 'cweIds'] as const;
type Shared = (typeof shared)[number];

const sharedOf = (source: Report | ImportedAdvisory, fact: Shared): unknown =>
  fact === 'title' || fact === 'description' ? source[fact] : source.publication[fact];

/** Not stated: an OSV file without credits or references reads as none; `cwe_ids: []` states "no CWE". */
const isEmpty = (fact: Shared, value: unknown): boolean =>
  value === null || value === '' || (fact !== 'cweIds' && Array.isArray(value) && value.length === 0);

export interface Merged {
  report: Report;
  /** Facts the second record states differently; the report keeps the first's. */
  differences: Shared[];
}

/**
 * Adds the other format's record of the same advisory to an imported report: the facts that
 * format owns replace the report's, shared facts the report lacks are filled, and shared facts
 * that differ are kept as they are and named.
 */
export function mergeImported(report: Report, imported: ImportedAdvisory, now: Date): Merged {
  const differences: Shared[] = [];
  const next: Report = { ...report, publication: { ...report.publication }, updatedAt: now };
  for (const fact of shared) {
    const theirs = sharedOf(imported, fact);
    const ours = sharedOf(report, fact);
    if (isEmpty(fact, theirs)) continue;
    if (isEmpty(fact, ours)) {
      if (fact === 'title' || fact === 'description') next[fact] = theirs as string;
      else (next.publication as unknown as Record<string, unknown>)[fact] = theirs;
    } else if (canonicalJson(theirs) !== canonicalJson(ours)) {
      differences.push(fact);
    }
  }
  if (imported.format === 'osv') {
    next.affected = imported.affected;
    next.publication.psfId = imported.publication.psfId;
    next.publication.aliases = imported.publication.aliases;
    next.finishedAt = imported.publishedAt;
    next.cveId ??= imported.cveId;
  } else {
    next.publication.products = imported.publication.products;
    next.publication.capecIds = imported.publication.capecIds ?? [];
    next.publication.cveReferenceTags = imported.publication.cveReferenceTags ?? [];
    next.cvssVector = imported.cvssVector ?? next.cvssVector;
    next.cveId = imported.cveId ?? next.cveId;
    if (imported.reservedAt) next.receivedAt = imported.reservedAt;
  }
  return { report: next, differences };
}
