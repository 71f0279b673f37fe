// A GitHub Security Advisory as the bot sees it: the advisory's own fields,
// which GitHub keeps canonical and psrt mirrors into its report. The GitHub
// adapter reads GitHub's JSON into this shape (src/github/advisory-mapping.ts).
import type { CreditState, CreditType } from '../publication.ts';
import type { AffectedPackage, Report } from '../report.ts';
import { ghsaStateOf } from '../report.ts';

export type GhsaState = 'triage' | 'draft' | 'published' | 'closed' | 'withdrawn';

/** A credit on the GHSA, its type in psrt's (CVE's) words. */
export interface GhsaCredit {
  login: string;
  type: CreditType;
  /** Whether the credited person accepted; null when GitHub gave no detail. */
  state: CreditState | null;
}

/** GitHub writes credit types with `_` (`remediation_developer`); CVE and psrt with a space. */
export const creditTypeFromGitHub = (type: string): CreditType => type.replaceAll('_', ' ') as CreditType;
export const creditTypeOnGitHub = (type: CreditType): string => type.replaceAll(' ', '_');

export interface Ghsa {
  ghsaId: string;
  /** `owner/name`; null when GitHub's answer did not say (never for advisories the bot acts on). */
  repository: string | null;
  state: GhsaState;
  title: string;
  description: string;
  cveId: string | null;
  cvssVector: string | null;
  affected: AffectedPackage[];
  /** Login credited as `coordinator`, if any. */
  coordinator: string | null;
  /** Every credit, the coordinator's too. */
  credits: GhsaCredit[];
  cweIds: string[];
  collaboratingUsers: string[];
  /** Team slugs. */
  collaboratingTeams: string[];
  privateFork: { fullName: string } | null;
  /** Who opened it; the reporter when it came in as a private vulnerability report. */
  author: string | null;
  privatelyReported: boolean;
  createdAt: Date | null;
  /** GitHub's `updated_at`: orders two sightings of one advisory. */
  updatedAt: Date | null;
  publishedAt: Date | null;
}

export const isOpenGhsa = (state: GhsaState): boolean => state === 'triage' || state === 'draft';

/**
 * The advisory as psrt last wrote it, for a report the bot has not seen on
 * GitHub before (a report filed in psrt, or from before the bot ran): what
 * GitHub shows beyond it is a change made on GitHub.
 */
export function ghsaAsReported(report: Report): Ghsa | null {
  if (report.ghsaId === null) return null;
  return {
    ghsaId: report.ghsaId,
    repository: report.repository,
    state: ghsaStateOf[report.state],
    title: report.title,
    description: report.description,
    cveId: report.cveId,
    cvssVector: report.cvssVector,
    affected: report.affected.filter((a): a is AffectedPackage => a.ecosystem !== 'GIT'),
    coordinator: report.coordinator,
    credits: report.publication.credits.flatMap((credit) =>
      credit.login ? [{ login: credit.login, type: credit.type, state: credit.state }] : [],
    ),
    cweIds: report.publication.cweIds ?? [],
    collaboratingUsers: [],
    collaboratingTeams: [],
    privateFork: null,
    author: report.reporter,
    privatelyReported: report.reporter !== null,
    createdAt: report.createdAt,
    updatedAt: null,
    publishedAt: null,
  };
}

/**
 * Whether `next` is an older sighting than the one already mirrored (a webhook
 * delivered late, a poll that read before an edit): it is ignored. A sighting
 * of the same moment is mirrored again, which changes nothing.
 */
export function isStale(next: Ghsa, previous: Ghsa | null): boolean {
  if (previous?.updatedAt == null || next.updatedAt === null) return false;
  return next.updatedAt.getTime() < previous.updatedAt.getTime();
}
