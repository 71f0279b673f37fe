// What the team records for the CRA on a report: that it became aware of active exploitation (or
// found none), the corrective measure, a severe incident, CSIRT requests and answers, and the drafts.
// Pure rules: the use-cases in app/cra audit each change; times are checked against `now`.
import { type CraStage, craRules } from './cra.ts';
import { draftFieldKeys } from './cra-drafts.ts';
import { DomainError, Refusal } from './errors.ts';
import type { CraData, Report } from './report.ts';

/** Longest text kept in one CRA field: ENISA's forms are short, and a paste of a log is not evidence. */
export const CRA_TEXT_MAX = 10_000;

function text(value: string, what: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new DomainError(`${what} is empty: write it in a sentence or two.`);
  if (trimmed.length > CRA_TEXT_MAX) {
    throw new DomainError(
      `${what} is longer than ${CRA_TEXT_MAX} characters: summarise it and keep the rest elsewhere.`,
    );
  }
  return trimmed;
}

function notFuture(at: Date, now: Date, what: string): Date {
  if (Number.isNaN(at.getTime()))
    throw new DomainError(`${what} is not a time: give it as 2026-10-05T10:00Z.`);
  if (at.getTime() > now.getTime()) throw new DomainError(`${what} is in the future: give when it happened.`);
  return at;
}

const changed = (report: Report, cra: CraData, now: Date): Report => ({
  ...report,
  cra,
  updatedAt: now,
  lastActivityAt: now,
});

const submittedVulnerabilityStage = (cra: CraData): boolean =>
  (['early-warning', 'notification', 'final-report'] as const).some((stage) =>
    craRules[stage].submittedAt(cra),
  );

/**
 * The team became aware that the vulnerability is actively exploited (Art. 14(1)): the 24 h and
 * 72 h clocks start at `awareAt`. Recording it again corrects the time or the evidence.
 */
export function recordExploitation(
  report: Report,
  input: { awareAt: Date; evidence: string },
  by: string,
  now: Date,
): Report {
  const awareAt = notFuture(input.awareAt, now, 'The time of awareness');
  const evidence = text(input.evidence, 'The evidence of active exploitation');
  return changed(
    report,
    {
      ...report.cra,
      exploitationAwareAt: awareAt,
      exploitation: { status: 'exploited', evidence, recordedBy: by, recordedAt: now },
    },
    now,
  );
}

/** The team finds no active exploitation, and says why: no CRA clock runs. */
export function recordNotExploited(report: Report, reason: string, by: string, now: Date): Report {
  const why = text(reason, 'The reason it is not actively exploited');
  if (submittedVulnerabilityStage(report.cra)) {
    throw new Refusal(
      'A CRA stage was already submitted to ENISA for active exploitation: correct it on the Single Reporting Platform, and keep the finding here as it was submitted.',
    );
  }
  return changed(
    report,
    {
      ...report.cra,
      exploitationAwareAt: null,
      exploitation: { status: 'not-exploited', reason: why, recordedBy: by, recordedAt: now },
    },
    now,
  );
}

/** A corrective or mitigating measure is available (Art. 14(2)(c)): starts the 14-day final-report clock. */
export function recordMeasure(
  report: Report,
  input: { availableAt: Date; description: string },
  by: string,
  now: Date,
): Report {
  const availableAt = notFuture(input.availableAt, now, 'The time the measure became available');
  const description = text(input.description, 'The description of the measure');
  return changed(
    report,
    { ...report.cra, fixAvailableAt: availableAt, measure: { description, recordedBy: by, recordedAt: now } },
    now,
  );
}

/**
 * A severe incident on infrastructure the PSF provides (PyPI, python.org) affects the product's
 * security (Art. 14(3), Art. 24(3)). Recording it again corrects it until its early warning is sent.
 */
export function recordIncident(
  report: Report,
  input: { awareAt: Date; description: string },
  by: string,
  now: Date,
): Report {
  const awareAt = notFuture(input.awareAt, now, 'The time of awareness of the incident');
  const description = text(input.description, 'The description of the incident');
  const before = report.cra.incident;
  if (before?.earlyWarningSubmittedAt) {
    throw new Refusal(
      'The incident early warning was already submitted to ENISA: send corrections with the next stage on the Single Reporting Platform.',
    );
  }
  return changed(
    report,
    {
      ...report.cra,
      incident: {
        awareAt,
        description,
        recordedBy: by,
        recordedAt: now,
        earlyWarningSubmittedAt: null,
        notificationSubmittedAt: null,
        finalReportSubmittedAt: null,
      },
    },
    now,
  );
}

/** A CSIRT (or ENISA) asks for more information by a due time (Art. 14(2)(b), 14(4)(b)). */
export function recordCsirtRequest(
  report: Report,
  input: { csirt: string; request: string; askedAt: Date; dueAt: Date },
  by: string,
  now: Date,
): Report {
  const csirt = text(input.csirt, 'The name of the CSIRT that asked');
  const request = text(input.request, 'What the CSIRT asked');
  const askedAt = notFuture(input.askedAt, now, 'The time the CSIRT asked');
  if (Number.isNaN(input.dueAt.getTime()))
    throw new DomainError('The due time is not a time: give it as 2026-10-07T10:00Z.');
  if (input.dueAt.getTime() <= askedAt.getTime()) {
    throw new DomainError(
      'The due time is not after the request: give the time the CSIRT wants the answer by.',
    );
  }
  const id = Math.max(0, ...report.cra.csirtRequests.map((r) => r.id)) + 1;
  const added = { id, csirt, request, askedAt, dueAt: input.dueAt, recordedBy: by, answer: null };
  return changed(report, { ...report.cra, csirtRequests: [...report.cra.csirtRequests, added] }, now);
}

/** The team answered a CSIRT's request: its clock stops. */
export function answerCsirtRequest(
  report: Report,
  requestId: number,
  answer: string,
  by: string,
  now: Date,
): Report {
  const request = report.cra.csirtRequests.find((r) => r.id === requestId);
  if (!request) {
    throw new DomainError(
      `There is no CSIRT request ${requestId} on this report: see the report's CRA section for the numbers.`,
    );
  }
  if (request.answer) throw new Refusal(`CSIRT request ${requestId} is already answered.`);
  const answered = {
    ...request,
    answer: { text: text(answer, 'The answer'), answeredAt: now, answeredBy: by },
  };
  return changed(
    report,
    {
      ...report.cra,
      csirtRequests: report.cra.csirtRequests.map((r) => (r.id === requestId ? answered : r)),
    },
    now,
  );
}

/** A person completes a stage's draft; an empty field falls back to what the report says. */
export function editCraDraft(
  report: Report,
  stage: CraStage,
  fields: Record<string, string>,
  now: Date,
): Report {
  if (craRules[stage].submittedAt(report.cra)) {
    throw new Refusal(`The ${craRules[stage].label} is already submitted: its submitted copy cannot change.`);
  }
  const keys = draftFieldKeys(stage);
  const draft: Record<string, string> = { ...report.cra.drafts[stage] };
  for (const [key, value] of Object.entries(fields)) {
    if (!keys.includes(key)) {
      throw new DomainError(
        `The ${craRules[stage].label} has no field "${key}": its fields are ${keys.join(', ')}.`,
      );
    }
    if (value.length > CRA_TEXT_MAX)
      throw new DomainError(`The field ${key} is longer than ${CRA_TEXT_MAX} characters.`);
    if (value.trim() === '') delete draft[key];
    else draft[key] = value.trim();
  }
  return changed(report, { ...report.cra, drafts: { ...report.cra.drafts, [stage]: draft } }, now);
}
