// Advisory Database entries (§2.12, §4.3) → `global-advisory` for REST and the
// `security_advisory` object of webhook deliveries. Both render the copy GitHub's review took,
// linking back to the repository advisory it came from.
import { cweName } from './cwe.ts';
import { renderUser, type Urls } from './render-user.ts';
import type { CvssEntry, GlobalAdvisory, SimState } from './state.ts';
import { iso, isoOrNull } from './state.ts';

function sourceOf(state: SimState, g: GlobalAdvisory, urls: Urls) {
  const full = state.fullName(state.repoById(g.repoId));
  return {
    repositoryAdvisoryUrl: `${urls.api}/repos/${full}/security-advisories/${g.ghsaId}`,
    repositoryAdvisoryHtmlUrl: `${urls.html}/${full}/security/advisories/${g.ghsaId}`,
    sourceCodeLocation: `${urls.html}/${full}`,
  };
}

function identifiersOf(g: GlobalAdvisory): { type: 'GHSA' | 'CVE'; value: string }[] {
  return [{ type: 'GHSA', value: g.ghsaId }, ...(g.cveId ? [{ type: 'CVE' as const, value: g.cveId }] : [])];
}

/** The repository advisory, NVD's page for the CVE, and the entry's own page, as GitHub lists them. */
function referencesOf(state: SimState, g: GlobalAdvisory, urls: Urls): string[] {
  return [
    sourceOf(state, g, urls).repositoryAdvisoryHtmlUrl,
    ...(g.cveId ? [`https://nvd.nist.gov/vuln/detail/${g.cveId}`] : []),
    `${urls.html}/advisories/${g.ghsaId}`,
  ];
}

// The REST schema allows null scores; objects are always present, so clients need one code path.
const cvssOf = (entry: CvssEntry | null) => ({
  vector_string: entry?.vector ?? null,
  score: entry?.score ?? null,
});

const cwesOf = (g: GlobalAdvisory) => g.cweIds.map((id) => ({ cwe_id: id, name: cweName(id) }));

/**
 * `global-advisory` (additionalProperties: false, every key required). The deprecated `cvss`
 * mirrors the v3 vector and disappears in API version 2026-03-10, as in repository advisories.
 */
export function renderGlobalAdvisory(state: SimState, g: GlobalAdvisory, urls: Urls, apiVersion: string) {
  const source = sourceOf(state, g, urls);
  const rendered = {
    ghsa_id: g.ghsaId,
    cve_id: g.cveId,
    url: `${urls.api}/advisories/${g.ghsaId}`,
    html_url: `${urls.html}/advisories/${g.ghsaId}`,
    repository_advisory_url: source.repositoryAdvisoryUrl,
    summary: g.summary,
    description: g.description,
    type: 'reviewed' as const,
    severity: g.severity ?? 'unknown',
    source_code_location: source.sourceCodeLocation,
    identifiers: identifiersOf(g),
    references: referencesOf(state, g, urls),
    published_at: iso(g.publishedAt),
    updated_at: iso(g.updatedAt),
    github_reviewed_at: iso(g.githubReviewedAt),
    nvd_published_at: null,
    withdrawn_at: isoOrNull(g.withdrawnAt),
    vulnerabilities: g.vulnerabilities.map((v) => ({
      package: { ecosystem: v.ecosystem, name: v.name },
      vulnerable_version_range: v.vulnerableVersionRange,
      first_patched_version: v.firstPatchedVersion,
      vulnerable_functions: [...v.vulnerableFunctions],
    })),
    cvss: cvssOf(g.cvssV3),
    cvss_severities: { cvss_v3: cvssOf(g.cvssV3), cvss_v4: cvssOf(g.cvssV4) },
    cwes: cwesOf(g),
    credits: g.credits.map((c) => ({ user: renderUser(state.accountById(c.userId), urls), type: c.type })),
  };
  if (apiVersion >= '2026-03-10') {
    const { cvss: _removed, ...withoutCvss } = rendered;
    return withoutCvss;
  }
  return rendered;
}

/**
 * `security_advisory` in a webhook payload (`webhooks_security_advisory`): the older shape of the
 * same entry. Severity says `moderate` where REST says `medium`, as GitHub's recorded deliveries
 * do (octokit/webhooks payload examples); a score is always a number, 0 without a vector.
 */
export function renderSecurityAdvisoryEvent(state: SimState, g: GlobalAdvisory, urls: Urls) {
  const severity = g.severity === 'medium' ? 'moderate' : (g.severity ?? 'unknown');
  return {
    ghsa_id: g.ghsaId,
    cve_id: g.cveId,
    summary: g.summary,
    description: g.description ?? '',
    severity,
    identifiers: identifiersOf(g),
    references: referencesOf(state, g, urls).map((url) => ({ url })),
    published_at: iso(g.publishedAt),
    updated_at: iso(g.updatedAt),
    withdrawn_at: isoOrNull(g.withdrawnAt),
    vulnerabilities: g.vulnerabilities.map((v) => ({
      package: { ecosystem: v.ecosystem, name: v.name },
      severity,
      vulnerable_version_range: v.vulnerableVersionRange,
      first_patched_version: v.firstPatchedVersion === null ? null : { identifier: v.firstPatchedVersion },
    })),
    cvss: { vector_string: g.cvssV3?.vector ?? null, score: g.cvssV3?.score ?? 0 },
    cvss_severities: { cvss_v3: cvssOf(g.cvssV3), cvss_v4: cvssOf(g.cvssV4) },
    cwes: cwesOf(g),
  };
}
