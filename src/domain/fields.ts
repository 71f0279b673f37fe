// Editing a report's advisory fields (the ones GHSA and the publication carry):
// title, description, CVE ID, CVSS v4 vector, affected versions, fix pull
// requests, credit preference and the CRA start times. Every problem is named.
import { parseCvss } from './cvss.ts';
import { DomainError, Refusal } from './errors.ts';
import { cveIdPattern, pullRequestUrlPattern } from './identifiers.ts';
import { creditStates, creditTypes, type Publication, referenceTypes } from './publication.ts';
import {
  type Affected,
  type AffectedCommits,
  type CreditPreference,
  type FixPullRequest,
  GHSA_DESCRIPTION_MAX,
  GHSA_TITLE_MAX,
  isCommitRange,
  isOpen,
  type Report,
} from './report.ts';

export interface FieldPatch {
  title?: string;
  description?: string;
  cveId?: string | null;
  cvssVector?: string | null;
  affected?: Affected[];
  fixPullRequests?: FixPullRequest[];
  creditPreference?: CreditPreference | null;
  exploitationAwareAt?: Date | null;
  fixAvailableAt?: Date | null;
  /** Publication facts to replace (each given one whole); the PSF id is given on publication, never edited. */
  publication?: Partial<Omit<Publication, 'psfId'>>;
}

const cwePattern = /^CWE-[1-9]\d*$/;

function publicationProblems(facts: Partial<Omit<Publication, 'psfId'>> | undefined): string[] {
  if (!facts) return [];
  const problems: string[] = [];
  if ('psfId' in facts) problems.push('the PSF advisory id is given on publication and cannot be edited');
  for (const id of facts.cweIds ?? []) {
    if (!cwePattern.test(id)) problems.push(`CWE "${id}" must look like CWE-22`);
  }
  for (const [i, credit] of (facts.credits ?? []).entries()) {
    if (!credit.name?.trim()) problems.push(`credit ${i + 1} needs the name to print`);
    if (!creditTypes.includes(credit.type))
      problems.push(`credit ${i + 1}: type must be one of ${creditTypes.join(', ')}`);
    if (!creditStates.includes(credit.state))
      problems.push(`credit ${i + 1}: state must be one of ${creditStates.join(', ')}`);
    problems.push(...nulProblem(`credit ${i + 1} name`, credit.name));
  }
  for (const [i, reference] of (facts.references ?? []).entries()) {
    if (!/^https?:\/\/\S+$/.test(reference.url)) problems.push(`reference ${i + 1} must be an http(s) URL`);
    if (!referenceTypes.includes(reference.type))
      problems.push(`reference ${i + 1}: type must be one of ${referenceTypes.join(', ')}`);
  }
  for (const [i, product] of (facts.products ?? []).entries()) {
    if (!product.vendor?.trim() || !product.product?.trim())
      problems.push(`product ${i + 1} needs its vendor and name`);
    for (const version of product.versions ?? []) {
      if (!version.version?.trim())
        problems.push(`product ${i + 1}: every version range needs its first version (0 for all before)`);
    }
  }
  return problems;
}

/** Whether an affected entry says what is vulnerable: a version range, or where the commit range starts. */
export const listsAffectedVersions = (affected: Affected): boolean =>
  isCommitRange(affected) ? affected.introduced.trim() !== '' : affected.vulnerableVersionRange.trim() !== '';

// Full or abbreviated commit hashes, as OSV's GIT ranges write them.
const commitPattern = /^[0-9a-f]{7,40}$/;

function commitRangeProblems(range: AffectedCommits): string[] {
  const problems: string[] = [];
  if (!/^https:\/\/\S+$/.test(range.repo)) problems.push('repo must be the https URL of the git repository');
  if (range.introduced !== '0' && !commitPattern.test(range.introduced))
    problems.push('introduced must be a commit hash, or 0 for "since the first commit"');
  for (const fixed of range.fixed) {
    if (!commitPattern.test(fixed)) problems.push(`fixed commit "${fixed}" must be a commit hash`);
  }
  return problems;
}

/**
 * A NUL character cannot be stored (PostgreSQL text refuses it) and is never
 * meant: it comes from a binary file or a paste gone wrong. Named up front so
 * the database never sees it. `field` is how the message names the text.
 */
export function nulProblem(field: string, text: string | null | undefined): string[] {
  return text?.includes('\0') ? [`${field} contains a NUL character (\\0); remove it`] : [];
}

function problemsOf(patch: FieldPatch, now: Date): string[] {
  const problems: string[] = [
    ...publicationProblems(patch.publication),
    ...nulProblem('title', patch.title),
    ...nulProblem('description', patch.description),
    ...nulProblem('credit name', patch.creditPreference?.name),
    ...(patch.affected ?? []).flatMap((affected, i) =>
      isCommitRange(affected)
        ? [
            ...nulProblem(`affected[${i + 1}] repo`, affected.repo),
            ...nulProblem(`affected[${i + 1}] introduced`, affected.introduced),
            ...affected.fixed.flatMap((fixed) => nulProblem(`affected[${i + 1}] fixed`, fixed)),
          ]
        : [
            ...nulProblem(`affected[${i + 1}] package`, affected.package),
            ...nulProblem(`affected[${i + 1}] vulnerable version range`, affected.vulnerableVersionRange),
            ...nulProblem(`affected[${i + 1}] patched versions`, affected.patchedVersions),
          ],
    ),
  ];
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
    const at = `affected[${i + 1}]`;
    if (isCommitRange(affected)) {
      problems.push(...commitRangeProblems(affected).map((problem) => `${at}: ${problem}`));
      continue;
    }
    if (affected.package.trim() === '') problems.push(`${at}: package must not be empty`);
    if (affected.vulnerableVersionRange.trim() === '')
      problems.push(`${at}: vulnerable version range must not be empty`);
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
  const { exploitationAwareAt, fixAvailableAt, publication, ...fields } = patch;
  const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  return {
    ...report,
    ...defined,
    ...(defined.title !== undefined ? { title: String(defined.title).trim() } : {}),
    ...(patch.cvssVector ? { cvssVector: parseCvss(patch.cvssVector).vector } : {}),
    publication: { ...report.publication, ...publication },
    cra: {
      ...report.cra,
      ...(exploitationAwareAt !== undefined ? { exploitationAwareAt } : {}),
      ...(fixAvailableAt !== undefined ? { fixAvailableAt } : {}),
    },
    updatedAt: now,
    lastActivityAt: now,
  };
}
