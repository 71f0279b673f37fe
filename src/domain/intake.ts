// A report as it enters the PSRT process: in triage, no coordinator, its
// disclosure clock running from the first receipt (an earlier security@
// email counts). The store issues the id; this decides everything else.
import { DomainError } from './errors.ts';
import { nulProblem } from './fields.ts';
import { ghsaIdPattern, repositoryPattern } from './identifiers.ts';
import { emptyPublication } from './publication.ts';
import { emptyCra, GHSA_DESCRIPTION_MAX, GHSA_TITLE_MAX, type Report } from './report.ts';

export interface Intake {
  repository: string;
  title: string;
  description: string;
  /** First receipt by the PSRT; defaults to now. */
  receivedAt?: Date;
  ghsaId?: string | null;
  reporter?: string | null;
}

/** What is wrong with an intake, each problem named; empty when it can be filed. */
export function intakeProblems(input: Intake, now: Date): string[] {
  const problems: string[] = [];
  if (!repositoryPattern.test(input.repository)) problems.push('repository must look like owner/name');
  if (input.title.trim() === '') problems.push('title must not be empty');
  if (input.title.length > GHSA_TITLE_MAX)
    problems.push(`title is longer than GHSA allows (${GHSA_TITLE_MAX} characters)`);
  if (input.description.length > GHSA_DESCRIPTION_MAX)
    problems.push(`description is longer than GHSA allows (${GHSA_DESCRIPTION_MAX} characters)`);
  problems.push(...nulProblem('title', input.title), ...nulProblem('description', input.description));
  if (input.receivedAt && input.receivedAt.getTime() > now.getTime())
    problems.push('received time is in the future');
  if (input.ghsaId && !ghsaIdPattern.test(input.ghsaId))
    problems.push('GHSA id must look like GHSA-xxxx-xxxx-xxxx');
  return problems;
}

/** The new triage report with id `id`, or a DomainError listing every problem with the intake. */
export function newReport(id: string, input: Intake, now: Date): Report {
  const problems = intakeProblems(input, now);
  if (problems.length > 0) throw new DomainError(`Cannot create the report: ${problems.join('; ')}.`);
  return {
    id,
    ghsaId: input.ghsaId ?? null,
    repository: input.repository,
    title: input.title.trim(),
    description: input.description,
    state: 'triage',
    receivedAt: input.receivedAt ?? now,
    lastActivityAt: now,
    coordinator: null,
    coordinatorSince: null,
    handoff: null,
    determination: null,
    cveId: null,
    cvssVector: null,
    affected: [],
    fixPullRequests: [],
    reporter: input.reporter ?? null,
    creditPreference: null,
    extensions: [],
    rejection: null,
    finishedAt: null,
    cra: emptyCra(),
    publication: emptyPublication(),
    createdAt: now,
    updatedAt: now,
  };
}
