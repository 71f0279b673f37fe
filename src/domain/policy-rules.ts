// The devguide's security policy as the checklist states it: the policy's own
// words per rule (vendor/python-devguide/security/policy.rst), the shapes the
// checklist takes and returns, and what a "needs more information" reply asks for.

/** A branch's status, in the devguide's words (devguide "Status key"). */
export const branchStatuses = ['feature', 'prerelease', 'bugfix', 'security', 'end-of-life'] as const;
export type BranchStatus = (typeof branchStatuses)[number];

export interface PolicyInput {
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string }[];
  /** `owner/name` when the report came through a GHSA; null for mail. */
  repository: string | null;
}

export interface PolicyContext {
  /** CPython's branches and their status (`3.13` bugfix, `3.9` end-of-life, `3.15` feature). */
  supportedVersions: { series: string; status: BranchStatus }[];
}

export interface PolicyItem {
  rule: string;
  met: boolean | 'unknown';
  detail: string;
}

export interface PolicyChecklist {
  items: PolicyItem[];
  /** What a "needs more information" reply asks the reporter for (records/intake-replies). */
  missing: string[];
}

/** The policy's words, one per rule (security/policy.rst). */
export const policyRules = {
  plainText: 'Submit reports as plain-text only, including attachments.',
  versions:
    'Always include the versions of Python that were tested, and indicate which were found to be vulnerable.',
  proofOfConcept: 'Ideally include a proof-of-concept script that reproduces the issue.',
  noSeverity: 'Do not include severity or CVSS information in your initial report.',
  noCveId: 'A CVE ID will be assigned by the PSF CNA.',
  supported:
    'Python accepts vulnerability reports for supported Python versions that have a status of "bugfix" or "security".',
  scope:
    'The Python and pip projects are scoped under the Python Software Foundation CVE Numbering Authority.',
} as const;

/** What the reply asks for, per rule that is not met. */
export const missingInformation = {
  versions: 'the versions of Python you tested, and which of them were found to be vulnerable',
  proofOfConcept:
    'a proof-of-concept script that reproduces the issue (ideally exiting with 1 if vulnerable and 0 if not)',
  plainText:
    'your attachments as plain text: no PDFs, binaries or notebooks (for a specially constructed binary file, a script that constructs it)',
} as const;
