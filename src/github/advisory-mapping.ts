// Translates a GitHub repository advisory into the fields psrt mirrors. It
// decides nothing (which report state a GHSA state means is the domain's
// call) and it reads leniently: real responses break GitHub's own schema
// (identifier values of null, teams without `type`, missing optional keys).
import type { AffectedPackage } from '../domain/report.ts';
import type { CreditType, RepositoryAdvisory, RepositoryAdvisoryState } from './types.ts';

export interface AdvisoryCredit {
  login: string;
  type: CreditType;
  /** Whether the credited person accepted; null when GitHub gave no detail. */
  state: 'accepted' | 'declined' | 'pending' | null;
}

/** The temporary private fork where the fix is developed. */
export interface PrivateFork {
  owner: string;
  name: string;
  /** `owner/name` */
  fullName: string;
  htmlUrl: string | null;
}

export interface MirroredAdvisory {
  ghsaId: string;
  /** `owner/name`, read from the advisory's URL: the organisation list carries no repository field. */
  repository: string | null;
  state: RepositoryAdvisoryState;
  /** GitHub's `summary`. */
  title: string;
  /** GitHub's `description`; empty when GitHub has none. */
  description: string;
  cveId: string | null;
  /** CVSS v4.0 vector (`CVSS:4.0/...`), from `cvss_severities`. */
  cvssVector: string | null;
  affected: AffectedPackage[];
  credits: AdvisoryCredit[];
  /** Login credited as `coordinator`, if any. */
  coordinator: string | null;
  collaboratingUsers: string[];
  /** Team slugs. */
  collaboratingTeams: string[];
  privateFork: PrivateFork | null;
  /** Who opened it; the reporter when it came from a private vulnerability report. */
  author: string | null;
  /** Came in as a private vulnerability report (GitHub's `submission` is set). */
  privatelyReported: boolean;
  cweIds: string[];
  htmlUrl: string;
  createdAt: Date | null;
  updatedAt: Date | null;
  publishedAt: Date | null;
  closedAt: Date | null;
}

const date = (value: string | null | undefined): Date | null => {
  if (!value) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
};

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** `owner/name` from `.../repos/{owner}/{repo}/security-advisories/...` or `.../{owner}/{repo}/security/advisories/...`. */
export function repositoryOf(advisory: Pick<RepositoryAdvisory, 'url' | 'html_url'>): string | null {
  const api = /\/repos\/([^/]+)\/([^/]+)\/security-advisories\//.exec(advisory.url ?? '');
  if (api) return `${api[1]}/${api[2]}`;
  try {
    const html = /^\/([^/]+)\/([^/]+)\/security\/advisories\//.exec(new URL(advisory.html_url).pathname);
    if (html) return `${html[1]}/${html[2]}`;
  } catch {
    // not a URL: no repository
  }
  return null;
}

function cveIdOf(advisory: RepositoryAdvisory): string | null {
  const fromField = text(advisory.cve_id);
  if (fromField) return fromField;
  // `identifiers[].value` is typed string but arrives as null on new reports.
  const identifier = (advisory.identifiers ?? []).find((id) => id?.type === 'CVE' && text(id.value) !== null);
  return identifier ? identifier.value : null;
}

function cvssV4Of(advisory: RepositoryAdvisory): string | null {
  const v4 = text(advisory.cvss_severities?.cvss_v4?.vector_string);
  if (v4) return v4;
  // Before `cvss_severities`, the one `cvss` field held whichever version was set.
  const legacy = text(advisory.cvss?.vector_string);
  return legacy?.startsWith('CVSS:4.0/') ? legacy : null;
}

function affectedOf(advisory: RepositoryAdvisory): AffectedPackage[] {
  return (advisory.vulnerabilities ?? []).map((vulnerability) => ({
    ecosystem: vulnerability.package?.ecosystem ?? 'other',
    package: vulnerability.package?.name ?? '',
    vulnerableVersionRange: vulnerability.vulnerable_version_range ?? '',
    patchedVersions: text(vulnerability.patched_versions),
  }));
}

function creditsOf(advisory: RepositoryAdvisory): AdvisoryCredit[] {
  const detailed = advisory.credits_detailed ?? [];
  if (detailed.length > 0) {
    return detailed.flatMap((credit) =>
      credit.user?.login
        ? [{ login: credit.user.login, type: credit.type, state: credit.state ?? null }]
        : [],
    );
  }
  return (advisory.credits ?? []).flatMap((credit) =>
    credit.login && credit.type ? [{ login: credit.login, type: credit.type, state: null }] : [],
  );
}

function privateForkOf(advisory: RepositoryAdvisory): PrivateFork | null {
  const fork = advisory.private_fork;
  if (!fork) return null;
  const [ownerFromName, nameFromName] = (fork.full_name ?? '').split('/');
  const owner = fork.owner?.login ?? ownerFromName;
  const name = fork.name ?? nameFromName;
  if (!owner || !name) return null;
  return { owner, name, fullName: `${owner}/${name}`, htmlUrl: text(fork.html_url) };
}

/**
 * How many comments GitHub counts on the advisory (the comments preview adds `comments` to the
 * advisory, confidential comments left out); null when the answer does not say.
 */
export function commentCountOf(advisory: RepositoryAdvisory): number | null {
  const count = (advisory as { comments?: unknown }).comments;
  return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : null;
}

/** The fields psrt mirrors from one GitHub advisory. */
export function mirrorAdvisory(advisory: RepositoryAdvisory): MirroredAdvisory {
  const credits = creditsOf(advisory);
  return {
    ghsaId: advisory.ghsa_id,
    repository: repositoryOf(advisory),
    state: advisory.state,
    title: advisory.summary ?? '',
    description: advisory.description ?? '',
    cveId: cveIdOf(advisory),
    cvssVector: cvssV4Of(advisory),
    affected: affectedOf(advisory),
    credits,
    coordinator: credits.find((credit) => credit.type === 'coordinator')?.login ?? null,
    collaboratingUsers: (advisory.collaborating_users ?? []).flatMap((user) =>
      user?.login ? [user.login] : [],
    ),
    collaboratingTeams: (advisory.collaborating_teams ?? []).flatMap((team) =>
      team?.slug ? [team.slug] : [],
    ),
    privateFork: privateForkOf(advisory),
    author: advisory.author?.login ?? null,
    privatelyReported: advisory.submission != null,
    cweIds: advisory.cwe_ids ?? (advisory.cwes ?? []).map((cwe) => cwe.cwe_id),
    htmlUrl: advisory.html_url,
    createdAt: date(advisory.created_at),
    updatedAt: date(advisory.updated_at),
    publishedAt: date(advisory.published_at),
    closedAt: date(advisory.closed_at),
  };
}
