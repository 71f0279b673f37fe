// Replies to someone who wrote to security@: the devguide's "Submit using GitHub
// Security Advisories" reply, word for word, and two adapted in its tone (each
// marked): asking for what the policy wants and is missing, and acknowledging
// receipt. None carries report text: the subject is the same for every reply.
import { type Reply, securityPolicy, subject } from './replies.ts';

export type { Reply } from './replies.ts';

/**
 * psrt.rst, "Template responses", "Submit using GitHub Security Advisories"
 * (vendor/python-devguide/security/psrt.rst), with the devguide's line breaks;
 * the form link is the repository's (the devguide's is python/cpython's).
 */
export function submitUsingGhsaReply(repository: string): Reply {
  const lines = [
    'Thanks for submitting this report.',
    'We use GitHub Security Advisories for triaging vulnerability reports,',
    'please review our security policy before submitting:',
    '',
    securityPolicy,
    '',
    'Then submit your report here:',
    '',
    `https://github.com/${repository}/security/advisories/new`,
  ];
  return { subject, body: `${lines.join('\n')}\n` };
}

/**
 * Adapted: asks for what the report lacks (policy-check `missing`), in the
 * devguide's words, and points at the policy the way its GHSA reply does.
 */
export function needsInformationReply(missing: string[]): Reply {
  const lines = [
    'Thanks for submitting this report.',
    'Before we can triage it, please send us the following, as our security policy asks:',
    '',
    ...missing.map((item) => `* ${item}`),
    '',
    'Our security policy describes what a report should include:',
    '',
    securityPolicy,
  ];
  return { subject, body: `${lines.join('\n')}\n` };
}

/**
 * Adapted: tells the reporter the report arrived and when they will hear from the
 * PSRT next, with the devguide's duplicate reply's request not to disclose.
 */
export function acknowledgementReply(nextUpdateBy: Date): Reply {
  const date = nextUpdateBy.toISOString().slice(0, 10);
  const lines = [
    'Thanks for submitting this report.',
    'We have received it, and the Python Security Response Team will triage it.',
    `We will send you an update by ${date}.`,
    'Please refrain from public disclosure until the issue has been resolved.',
  ];
  return { subject, body: `${lines.join('\n')}\n` };
}

/**
 * Adapted: the report belongs to another project (policy-check's scope rule), so
 * the PSRT forwarded it to that project's security contact, who replies directly.
 */
export function forwardedReply(destination: string): Reply {
  const lines = [
    'Thanks for submitting this report.',
    `It concerns ${destination}, which the Python Security Response Team does not maintain,`,
    'so we have forwarded it to their security contact, who will reply to you directly.',
    'Please refrain from public disclosure until the issue has been resolved.',
  ];
  return { subject, body: `${lines.join('\n')}\n` };
}
