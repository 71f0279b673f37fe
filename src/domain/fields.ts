// Editing a report's advisory fields (the ones GHSA and the publication carry):
// title, description, CVE ID, CVSS v4 vector, affected versions, fix pull
// requests, credit preference and the CRA start times. Every problem is named.
import { parseCvss } from './cvss.ts';
import { DomainError, Refusal } from './errors.ts';
import { cveIdPattern, pullRequestUrlPattern } from './identifiers.ts';
import {
  type AffectedPackage,
  type CreditPreference,
  type FixPullRequest,
  GHSA_DESCRIPTION_MAX,
  GHSA_TITLE_MAX,
  isOpen,
  type Report,
} from './report.ts';

export interface FieldPatch {
  title?: string;
  description?: string;
  cveId?: string | null;
  cvssVector?: string | null;
  affected?: AffectedPackage[];
  fixPullRequests?: FixPullRequest[];
  creditPreference?: CreditPreference | null;
  exploitationAwareAt?: Date | null;
  fixAvailableAt?: Date | null;
}

function problemsOf(patch: FieldPatch, now: Date): string[] {
  const problems: string[] = [];
  if (patch.title !== undefined) {
    if (patch.title.trim() === '') problems.push('title must not be empty');
    if (patch.title.length > GHSA_TITLE_MAX)
      problems.push(`title is longer than GHSA allows (${GHSA_TITLE_MAX} characters)`);
  }
  if (patch.description !== undefined && patch.description.length > GHSA_DESCRIPTION_MAX) {
    problems.push(`description is longer than GHSA allows (${GHSA_DESCRIPTION_MAX} characters)`);
  }
  if (patch.cveId && !cveIdPattern.test(patch.cveId))
    problems.push(`CVE ID "${patch.cveId}" must look like CVE-YYYY-NNNN`);
  if (patch.cvssVector) {
    try {
      if (parseCvss(patch.cvssVector).version !== '4.0')
        problems.push('the CVSS vector must be CVSS v4.0 (CVSS:4.0/...)');
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  for (const [i, affected] of (patch.affected ?? []).entries()) {
    if (affected.package.trim() === '') problems.push(`affected[${i + 1}]: package must not be empty`);
    if (affected.vulnerableVersionRange.trim() === '')
      problems.push(`affected[${i + 1}]: vulnerable version range must not be empty`);
  }
  for (const pr of patch.fixPullRequests ?? []) {
    if (!pullRequestUrlPattern.test(pr.url))
      problems.push(`fix pull request "${pr.url}" must be a GitHub pull request URL`);
    if (pr.merged && !pr.public)
      problems.push(
        `fix pull request ${pr.url} cannot be merged while private: merge the public pull request`,
      );
  }
  if (patch.creditPreference?.credit && !patch.creditPreference.name?.trim()) {
    problems.push('a credit needs the name to credit');
  }
  for (const [field, at] of [
    ['exploitation awareness time', patch.exploitationAwareAt],
    ['fix availability time', patch.fixAvailableAt],
  ] as const) {
    if (at && at.getTime() > now.getTime()) problems.push(`${field} is in the future`);
  }
  return problems;
}

/** Applies a field edit to an open report, or throws a DomainError listing every problem. */
export function editFields(report: Report, patch: FieldPatch, now: Date): Report {
  if (!isOpen(report.state)) {
    throw new Refusal(
      `${report.id} is ${report.state}; reopen it before editing (published records are updated through publication).`,
    );
  }
  const problems = problemsOf(patch, now);
  if (problems.length > 0) throw new DomainError(`Cannot edit ${report.id}: ${problems.join('; ')}.`);
  const { exploitationAwareAt, fixAvailableAt, ...fields } = patch;
  const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  return {
    ...report,
    ...defined,
    ...(defined.title !== undefined ? { title: String(defined.title).trim() } : {}),
    ...(patch.cvssVector ? { cvssVector: parseCvss(patch.cvssVector).vector } : {}),
    cra: {
      ...report.cra,
      ...(exploitationAwareAt !== undefined ? { exploitationAwareAt } : {}),
      ...(fixAvailableAt !== undefined ? { fixAvailableAt } : {}),
    },
    updatedAt: now,
    lastActivityAt: now,
  };
}
