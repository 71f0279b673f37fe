// The advisory email to security-announce@python.org, exactly the devguide's
// template (security/psrt.rst, "Advisory email"); PSF CNA operators publish the
// CVE record from it. Rendered from the report's facts alone.
import { parseCvss } from '../domain/cvss.ts';
import { productOf } from '../domain/publication.ts';
import type { Report } from '../domain/report.ts';

export interface AdvisoryEmail {
  subject: string;
  text: string;
}

/** Where a CVE record is read by anyone (the template's first link). */
export const cveOrgUrl = (cveId: string): string => `https://www.cve.org/CVERecord?id=${cveId}`;

/** The project the advisory names: the CVE record's product, else the repository's usual name. */
export function projectOf(report: Report): string {
  const product = report.publication.products[0]?.product;
  return product ?? productOf(report.repository);
}

/** LOW, MEDIUM, HIGH or CRITICAL from the CVSS vector; null when there is none or it scores 0.0. */
export function severityWord(cvssVector: string | null): string | null {
  if (!cvssVector) return null;
  try {
    const { severity } = parseCvss(cvssVector);
    return severity === 'None' ? null : severity.toUpperCase();
  } catch {
    return null;
  }
}

/** The public pull requests of the fix, in the order they were linked (the fix, then its backports). */
export const fixLinks = (report: Report): string[] =>
  report.fixPullRequests.filter((pr) => pr.public).map((pr) => pr.url);

/**
 * The email for a report ready to publish. Throws when the CVE ID or severity is missing: the
 * publication gate names those before anything is rendered for sending.
 */
export function renderAdvisoryEmail(report: Report): AdvisoryEmail {
  const severity = severityWord(report.cvssVector);
  if (report.cveId === null) throw new Error(`${report.id} has no CVE ID.`);
  if (severity === null) throw new Error(`${report.id} has no CVSS vector with a severity.`);
  const links = [cveOrgUrl(report.cveId), ...fixLinks(report)];
  const text = [
    `There is a ${severity} severity vulnerability affecting ${projectOf(report)}.`,
    '',
    report.description.trim(),
    '',
    'Please see the linked CVE ID for the latest information on affected versions:',
    '',
    ...links.map((link) => `* ${link}`),
    '',
  ].join('\n');
  return { subject: `[${report.cveId}] ${report.title}`, text };
}
