// Coverage: a repository the PSRT covers takes reports through GitHub's
// private vulnerability reporting, and its security policy (SECURITY.md)
// sends reporters to that form. What a repository lacks, in the words a
// maintainer acts on.

export interface CoverageFacts {
  repository: string;
  /** Null when GitHub would not say (no permission). */
  privateReporting: boolean | null;
  /** Where the security policy was found, and its text; null when there is none. */
  policy: { path: string; text: string } | null;
}

/** Where GitHub looks for a repository's security policy, in order; then the organisation's `.github`. */
export const securityPolicyPaths = ['.github/SECURITY.md', 'SECURITY.md', 'docs/SECURITY.md'] as const;

/** A link to GitHub's "Report a vulnerability" form (`…/security/advisories/new`). */
export const pointsToAdvisoryForm = (text: string): boolean => /\/security\/advisories\/new\b/.test(text);

export function coverageGaps(facts: CoverageFacts): string[] {
  const gaps: string[] = [];
  if (facts.privateReporting === false) gaps.push('private vulnerability reporting is off');
  if (facts.privateReporting === null)
    gaps.push('could not tell whether private vulnerability reporting is on');
  if (facts.policy === null) gaps.push('no security policy (SECURITY.md)');
  else if (!pointsToAdvisoryForm(facts.policy.text))
    gaps.push(`the security policy (${facts.policy.path}) does not link the "Report a vulnerability" form`);
  return gaps;
}
