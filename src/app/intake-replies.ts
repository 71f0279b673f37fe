// TEMPORARY until records/intake-replies lands.
export const acknowledgementText = (nextUpdateBy: Date): string =>
  `Thanks for your report to the Python Security Response Team. We have received it and will send you an update by ${nextUpdateBy.toISOString().slice(0, 10)}.\n`;
export const needsInformationText = (missing: readonly string[]): string =>
  `Thanks for your report. To assess it we need:\n${missing.map((m) => `* ${m}`).join('\n')}\n\nhttps://devguide.python.org/security/policy/\n`;
export const submitUsingGhsaText = (repository: string): string =>
  `Thanks for submitting this report.\nhttps://github.com/${repository}/security/advisories/new\n`;
export const forwardedText = (destination: string): string =>
  `Thanks for your report. It concerns ${destination}, so we have forwarded it to their security contact, who will reply to you directly.\n`;
