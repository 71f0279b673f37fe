// What a published advisory says beyond the report's GHSA fields: the PSF
// advisory id, CWE, credits, references, the products and versions of the CVE
// record. The records (src/records) are rendered from these facts and the
// report's own fields alone, so an imported advisory and a new one render alike.

/** CVE 5.x credit types; OSV writes the same ones in upper case with `_` (`REMEDIATION_DEVELOPER`). */
export const creditTypes = [
  'finder',
  'reporter',
  'analyst',
  'coordinator',
  'remediation developer',
  'remediation reviewer',
  'remediation verifier',
  'tool',
  'sponsor',
  'other',
] as const;
export type CreditType = (typeof creditTypes)[number];

/**
 * A GHSA credit goes out only once its person accepted it; one still pending is shown and held back
 * until accepted, or dropped by the coordinator. Imported credits are accepted: they were published.
 */
export const creditStates = ['accepted', 'pending', 'declined'] as const;
export type CreditState = (typeof creditStates)[number];

export interface Credit {
  /** The name the records print ("Seth Michael Larson", "Noriko Totsuka of JPCERT/CC"). */
  name: string;
  type: CreditType;
  /** The GitHub login the GHSA credit names, when it came from GitHub. */
  login: string | null;
  state: CreditState;
}

/** OSV reference types (OSV schema 1.5 `references[].type`). */
export const referenceTypes = [
  'ADVISORY',
  'ARTICLE',
  'DETECTION',
  'DISCUSSION',
  'REPORT',
  'FIX',
  'INTRODUCED',
  'GIT',
  'PACKAGE',
  'EVIDENCE',
  'WEB',
] as const;
export type ReferenceType = (typeof referenceTypes)[number];

/**
 * A link the records carry. The PSF tags them the same way in both formats: the issue is a
 * `REPORT` (CVE `issue-tracking`), the security-announce post an `ADVISORY` (`vendor-advisory`),
 * a fix commit or pull request a `FIX` (`patch`), anything else `WEB` (no tag).
 */
export interface Reference {
  url: string;
  type: ReferenceType;
}

/** One `versions[]` entry of a CVE record's `affected` product. */
export interface ProductVersion {
  /** First affected version (`0`: every version before `lessThan`). */
  version: string;
  /** First version of the series with the fix; null when a single version is meant. */
  lessThan: string | null;
  status: 'affected' | 'unaffected' | 'unknown';
  /** `python` for CPython releases (PEP 440 ordering). */
  versionType: string | null;
  // ---- Added for CVE records (src/records/cve*.ts); keep this block last. ----
  /** Last affected version, when the PSF names it instead of the fixed one (`lessThan`). */
  lessThanOrEqual?: string;
}

/** A CVE record's `affected[]` entry: the product, where its code lives, and which versions. */
export interface AffectedProduct {
  vendor: string;
  product: string;
  repo: string | null;
  /** E.g. `POSIX`, `Windows`, when only some platforms are affected. */
  platforms: string[];
  /** Modules (`tarfile`), files (`Lib/tarfile.py`) and routines (`tarfile.TarFile`), where the PSF gives them. */
  modules: string[];
  programFiles: string[];
  programRoutines: string[];
  defaultStatus: 'affected' | 'unaffected' | 'unknown' | null;
  versions: ProductVersion[];
}

export interface Publication {
  /** `PSF-YYYY-N`: the advisory's id in the PSF advisory database, given when it is published. */
  psfId: string | null;
  /** Other ids of the same vulnerability besides the report's CVE ID (e.g. a GitHub Advisory Database GHSA). */
  aliases: string[];
  /** CWE ids (`CWE-22`); empty when none applies, null when never stated (older records). */
  cweIds: string[] | null;
  credits: Credit[];
  references: Reference[];
  /** The CVE record's `affected` products. */
  products: AffectedProduct[];
  // ---- Added for CVE records (src/records/cve*.ts); keep this block last. ----
  /** CAPEC ids of the CVE record's `impacts` (`CAPEC-122`): how the weakness is attacked. */
  capecIds?: string[];
  /**
   * CVE reference tags that the reference's type does not say (`mitigation` on a workaround gist,
   * `exploit`…): OSV has no such types, so these links are `WEB` there and keep their tags here.
   */
  cveReferenceTags?: { url: string; tags: string[] }[];
}

/** The PSF's products and the repository each lives in, as its records name them. */
const productRepositories: Readonly<Record<string, string>> = { CPython: 'python/cpython', pip: 'pypa/pip' };

/** The product a repository's records name: `CPython` for python/cpython; else the repository's name. */
export function productOf(repository: string): string {
  const known = Object.entries(productRepositories).find(([, repo]) => repo === repository.toLowerCase());
  return known?.[0] ?? repository.split('/')[1] ?? repository;
}

/** The repository a product lives in, for records that name a product and no repository. */
export function repositoryOfProduct(product: string): string | null {
  const known = Object.entries(productRepositories).find(
    ([name]) => name.toLowerCase() === product.toLowerCase(),
  );
  return known?.[1] ?? null;
}

/** The vendor every PSF CVE record names. */
export const PSF_VENDOR = 'Python Software Foundation';

export const psfIdPattern = /^PSF-(\d{4})-([1-9]\d*)$/;

/**
 * The folder of the PSF advisory database (psf/advisory-database, `advisories/<project>/`) a
 * repository's advisories go to; null for projects it does not hold (pip's are PyPA's, for one),
 * which publish the email and the CVE record only, and get no PSF id.
 */
export function advisoryDatabaseProject(repository: string): string | null {
  return repository.toLowerCase() === 'python/cpython' ? 'python' : null;
}

export const emptyPublication = (): Publication => ({
  psfId: null,
  aliases: [],
  cweIds: null,
  credits: [],
  references: [],
  products: [],
  // ---- Added for CVE records; keep this block last. ----
  capecIds: [],
  cveReferenceTags: [],
});

/** Credits that may be published: accepted ones, in their recorded order. */
export const publishableCredits = (publication: Publication): Credit[] =>
  publication.credits.filter((credit) => credit.state === 'accepted');
