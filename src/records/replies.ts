// The devguide's reply to a reporter whose report is rejected, one per
// rejection reason, in the devguide's own words. Spam gets none: reports
// without a potential vulnerability "will be discarded without a reply".
import type { Rejection } from '../domain/report.ts';

export interface Reply {
  /** For a reply by mail (a security@ report); a GHSA comment has none. Never report text. */
  subject: string;
  body: string;
}

// Quoted from python/devguide security/psrt.rst, "Template responses"
// (commit 0d5fbc08, 2026-08-22; vendor/python-devguide/security/psrt.rst),
// with the devguide's line breaks. The devguide asks to adapt them "as needed
// for the current context"; the adaptations are below, each marked.

/** psrt.rst, "Rejecting a vulnerability report". */
const notAVulnerability = [
  "Thanks for your report. We've determined that the report doesn't constitute",
  'a vulnerability. Let us know if you disagree with this determination.',
  'If you are interested in working on this further, you can optionally open a',
  'public issue on GitHub.',
];

/** psrt.rst, "Rejecting a duplicate report". */
const duplicate = [
  "Thanks for your report. We've determined that this submission is a duplicate",
  'of an issue that is already being tracked internally. Please refrain from',
  'public disclosure until the issue has been resolved.',
];

/** The security policy's address, as the devguide's "Submit using GitHub Security Advisories" reply gives it. */
export const securityPolicy = 'https://devguide.python.org/security/policy/';

export const subject = 'Your report to the Python Security Response Team';

/**
 * The reply for a rejection, or null for spam. A duplicate's reply does not
 * name the report it duplicates: that one may still be embargoed, and the
 * devguide's words ("tracked internally") say just as much.
 */
export function renderReply(rejection: Rejection): Reply | null {
  const lines = ((): string[] | null => {
    switch (rejection.reason) {
      case 'not-a-vulnerability':
        return notAVulnerability;
      case 'duplicate':
        return duplicate;
      case 'out-of-scope':
        // Adapted: the devguide's "not a vulnerability" reply, plus where the
        // policy says what is out of scope (documented behaviour, sandboxes,
        // launch conditions, dependencies, unsupported platforms…).
        return [
          ...notAVulnerability,
          '',
          'Our security policy describes which bugs we treat as vulnerabilities:',
          securityPolicy,
        ];
      case 'public-issue': {
        // Adapted: the PSRT opened the public issue itself, so its last
        // sentence ("you can optionally open a public issue") becomes a link.
        const issue = rejection.detail?.trim();
        if (!issue) return notAVulnerability;
        return [
          ...notAVulnerability.slice(0, 2),
          "We've opened a public issue on GitHub to work on this further:",
          issue,
        ];
      }
      case 'spam':
        return null;
    }
  })();
  return lines === null ? null : { subject, body: `${lines.join('\n')}\n` };
}
