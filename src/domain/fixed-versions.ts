// What the records say about fixes, from where the fix landed (one BranchFix
// per branch): the OSV `GIT` range's fixed commits (one per merged branch), the
// fix pull requests, FIX references to each pull request and commit, and the
// CVE record's affected version ranges, as the PSF writes them: every version
// before the oldest fixed branch's release, then `X.Y.0` up to each later
// branch's release, and the series `main` develops from its first alpha.
import type { BranchFix } from './branch-fixes.ts';
import { Refusal } from './errors.ts';
import type { FieldPatch } from './fields.ts';
import {
  type AffectedProduct,
  type ProductVersion,
  PSF_VENDOR,
  productOf,
  type Reference,
} from './publication.ts';
import { parsePythonVersion } from './python-versions.ts';
import { type AffectedCommits, type FixPullRequest, isCommitRange, type Report } from './report.ts';

/** The first release of a fixed version's series: `3.12.0`, or `3.15.0a1` while the series is in pre-release. */
function seriesStart(fixedIn: string): string | null {
  const version = parsePythonVersion(fixedIn);
  if (!version) return null;
  const prerelease = version.micro === 0 && version.level !== 'final';
  return `${version.major}.${version.minor}.0${prerelease ? 'a1' : ''}`;
}

/** The CVE `versions` ranges from the released fixes, oldest branch first. */
export function versionRanges(fixes: readonly BranchFix[]): ProductVersion[] {
  const released = fixes.filter((fix) => fix.fixedIn !== null);
  return released.flatMap((fix, i) => {
    const start = i === 0 ? '0' : seriesStart(fix.fixedIn ?? '');
    return start
      ? [{ version: start, lessThan: fix.fixedIn, status: 'affected' as const, versionType: 'python' }]
      : [];
  });
}

/** The report's facts with what the branch fixes say; every other fact is kept. */
export function fixFacts(report: Report, fixes: readonly BranchFix[]): FieldPatch {
  const repoUrl = `https://github.com/${report.repository}`;
  const merged = fixes.filter((fix) => fix.mergeCommit !== null);
  const commits = merged.map((fix) => fix.mergeCommit ?? '');
  const range = report.affected.find(isCommitRange);
  const affected: AffectedCommits = range
    ? { ...range, fixed: commits }
    : { ecosystem: 'GIT', repo: repoUrl, introduced: '0', fixed: commits };
  // The fix is merged into `main`; a pull request to a maintenance branch is its backport.
  const fixPullRequests: FixPullRequest[] = fixes.map((fix) => ({
    url: fix.pullRequest,
    public: true,
    merged: fix.mergeCommit !== null,
    backport: fix.branch !== 'main',
  }));
  const fixLinks = [
    ...merged.map((fix) => fix.pullRequest),
    ...commits.map((commit) => `${repoUrl}/commit/${commit}`),
  ];
  const kept = report.publication.references.filter(
    (ref) => ref.type !== 'FIX' || fixLinks.includes(ref.url),
  );
  const references: Reference[] = [
    ...kept,
    ...fixLinks
      .filter((url) => !kept.some((ref) => ref.url === url))
      .map((url) => ({ url, type: 'FIX' as const })),
  ];
  const versions = versionRanges(fixes);
  return {
    affected: range
      ? report.affected.map((entry) => (entry === range ? affected : entry))
      : [...report.affected, affected],
    fixPullRequests,
    publication: { references, products: withProductVersions(report, versions) },
  };
}

/**
 * The report's products with `versions` as the first one's affected version ranges (the
 * repository's product, as the PSF names it, when there is none yet); none when there is
 * neither a product nor a version.
 */
export function withProductVersions(report: Report, versions: ProductVersion[]): AffectedProduct[] {
  const [product, ...others] = report.publication.products;
  if (!product && versions.length === 0) return [];
  const first: AffectedProduct = {
    vendor: PSF_VENDOR,
    product: productOf(report.repository),
    repo: `https://github.com/${report.repository}`,
    platforms: [],
    modules: [],
    programFiles: [],
    programRoutines: [],
    defaultStatus: 'unaffected',
    ...product,
    versions,
  };
  return [first, ...others];
}

/**
 * A published report with newer fix facts (backports landed, releases made): the one change a
 * published report takes, and only through a record update someone approves.
 */
export function updatePublishedFixes(report: Report, patch: FieldPatch, now: Date): Report {
  if (report.state !== 'published') {
    throw new Refusal(`${report.id} is ${report.state}: only a published report's records are updated.`);
  }
  return {
    ...report,
    affected: patch.affected ?? report.affected,
    fixPullRequests: patch.fixPullRequests ?? report.fixPullRequests,
    publication: { ...report.publication, ...patch.publication },
    updatedAt: now,
    lastActivityAt: now,
  };
}
