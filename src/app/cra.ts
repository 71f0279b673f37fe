// Use-cases of the CRA (Regulation (EU) 2024/2847) Art. 14 reporting on a report: the team records
// what it knows, completes each stage's draft, and records that a person submitted it to ENISA's
// Single Reporting Platform (no API: a person submits). PSRT members on the reports they see; audited.

import { reportClocks } from '../domain/clocks.ts';
import {
  type CraClock,
  type CraStage,
  type CsirtClock,
  craClocks,
  craRules,
  csirtClocks,
  recordCraSubmission,
} from '../domain/cra.ts';
import { type CraDraft, craDraft } from '../domain/cra-drafts.ts';
import {
  answerCsirtRequest as answerRule,
  editCraDraft,
  recordExploitation,
  recordIncident,
  recordMeasure,
  recordNotExploited,
  recordCsirtRequest as requestRule,
} from '../domain/cra-events.ts';
import { Refusal } from '../domain/errors.ts';
import type { CraData, Principal, Report } from '../domain/report.ts';
import {
  type CraSubmission,
  insertCraSubmission,
  listCraSubmissions,
  reportsWithRunningClocks,
} from '../store/index.ts';
import { authorize, isAllowed, personActing } from './authorize.ts';
import type { AppContext } from './context.ts';
import { changeReport, readVisibleReport } from './report-change.ts';
import { craWords } from './wording.ts';

/** Everything the CRA section shows about one report. */
export interface CraView {
  reportId: string;
  cra: CraData;
  clocks: CraClock[];
  csirtClocks: CsirtClock[];
  /** Drafts of the stages whose clock runs or that wait for a submission; submitted ones are frozen below. */
  drafts: CraDraft[];
  /** Exactly what was submitted for each stage, never changed. */
  submissions: CraSubmission[];
}

/** The CRA record of a report the person may act on; members only (CRA data is report data). */
export async function showCra(ctx: AppContext, actor: Principal, reportId: string): Promise<CraView> {
  const now = ctx.now();
  const { report, access } = await readVisibleReport(ctx.store.db, actor, reportId, now);
  authorize(actor, 'report.coordinate', report, access);
  return craViewOf(report, await listCraSubmissions(ctx.store.db, report.id), now);
}

export function craViewOf(report: Report, submissions: CraSubmission[], now: Date): CraView {
  const clocks = craClocks(report.cra, now);
  const drafts = clocks
    .filter((clock) => clock.status !== 'not-started' && clock.status !== 'submitted')
    .map((clock) => craDraft(report, clock.stage));
  return {
    reportId: report.id,
    cra: report.cra,
    clocks,
    csirtClocks: csirtClocks(report.cra, now),
    drafts,
    submissions,
  };
}

const coordinate = (
  ctx: AppContext,
  actor: Principal,
  reportId: string,
  action: string,
  decide: (report: Report, now: Date) => Report,
) =>
  changeReport(ctx, actor, reportId, 'report.coordinate', action, (report, now) => ({
    report: decide(report, now),
  }));

/** The team became aware of active exploitation (Art. 14(1)): who, when, on what evidence. */
export function recordCraAwareness(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
  input: { awareAt: Date; evidence: string },
) {
  return coordinate(ctx, actor, reportId, 'cra.aware', (report, now) =>
    recordExploitation(report, input, personActing(actor), now),
  );
}

/** The team finds the vulnerability is not actively exploited, and says why. */
export function recordCraNotExploited(ctx: AppContext, actor: Principal, reportId: string, reason: string) {
  return coordinate(ctx, actor, reportId, 'cra.not-exploited', (report, now) =>
    recordNotExploited(report, reason, personActing(actor), now),
  );
}

/** A corrective or mitigating measure is available: what it is, and since when. */
export function recordCraMeasure(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
  input: { availableAt: Date; description: string },
) {
  return coordinate(ctx, actor, reportId, 'cra.measure', (report, now) =>
    recordMeasure(report, input, personActing(actor), now),
  );
}

/** A severe incident on infrastructure the PSF provides (PyPI, python.org). */
export function recordCraIncident(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
  input: { awareAt: Date; description: string },
) {
  return coordinate(ctx, actor, reportId, 'cra.incident', (report, now) =>
    recordIncident(report, input, personActing(actor), now),
  );
}

export function recordCsirtRequest(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
  input: { csirt: string; request: string; askedAt: Date; dueAt: Date },
) {
  return coordinate(ctx, actor, reportId, 'cra.csirt-request', (report, now) =>
    requestRule(report, input, personActing(actor), now),
  );
}

export function answerCsirtRequest(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
  requestId: number,
  answer: string,
) {
  return coordinate(ctx, actor, reportId, 'cra.csirt-answer', (report, now) =>
    answerRule(report, requestId, answer, personActing(actor), now),
  );
}

/** A person completes fields of a stage's draft. */
export function editCraStageDraft(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
  stage: CraStage,
  fields: Record<string, string>,
) {
  return coordinate(ctx, actor, reportId, 'cra.draft', (report, now) =>
    editCraDraft(report, stage, fields, now),
  );
}

const REFERENCE_MAX = 200;

/**
 * A person submitted a stage on ENISA's Single Reporting Platform: psrt keeps who, when, the
 * platform's reference and a frozen copy of the draft as submitted. A draft with required fields
 * missing is refused: complete it first (write "not known" where that is the truth).
 */
export async function submitCraStage(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
  stage: CraStage,
  reference: string,
): Promise<CraSubmission> {
  const ref = reference.trim();
  let submission: CraSubmission | null = null;
  await changeReport(ctx, actor, reportId, 'report.coordinate', 'cra.submit', async (report, now, tx) => {
    if (ref === '' || ref.length > REFERENCE_MAX) {
      throw new Refusal(
        `Give the Single Reporting Platform's reference for the ${craRules[stage].label} (up to ${REFERENCE_MAX} characters).`,
      );
    }
    const draft = craDraft(report, stage);
    const submitted = recordCraSubmission(report, stage, now);
    if (draft.missing.length > 0) {
      throw new Refusal(
        `The ${craRules[stage].label} misses required fields: ${draft.missing.join('; ')}. Complete the draft first.`,
      );
    }
    submission = {
      reportId: report.id,
      stage,
      submittedBy: personActing(actor),
      submittedAt: now,
      reference: ref,
      fields: draft.fields.map(({ key, label, value }) => ({ key, label, value })),
    };
    await insertCraSubmission(tx, submission);
    return {
      report: submitted,
      audit: { stage, reference: ref, submitted: submission.fields },
    };
  });
  if (submission === null) throw new Error('unreachable: the submission was decided');
  return submission;
}

/** A CRA clock near its due time or past it, for the dashboard's alert. */
export interface UrgentCra {
  reportId: string;
  /** "CRA early warning in 3 hours", as the open-reports list says it. */
  words: string;
  overdue: boolean;
}

/** Within this of its due time, a CRA clock is shown at the top of the dashboard (the first alert to steward staff). */
const URGENT_MS = 12 * 3_600_000;

/** Open reports whose CRA clock is due within 12 hours or overdue, most urgent first; members only. */
export async function urgentCraClocks(ctx: AppContext, actor: Principal): Promise<UrgentCra[]> {
  if (!isAllowed(actor, 'report.coordinate')) return [];
  const now = ctx.now();
  // A deadline before 1970 matches no disclosure clock: only reports with a CRA clock come back.
  const running = await reportsWithRunningClocks(ctx.store.db, new Date(0));
  const urgent: (UrgentCra & { msLeft: number })[] = [];
  for (const report of running) {
    const clocks = reportClocks(report, now);
    const msLeft = Math.min(
      ...[...clocks.cra, ...clocks.csirt].flatMap((clock) => (clock.msLeft === null ? [] : [clock.msLeft])),
    );
    const words = craWords(clocks);
    if (words && msLeft <= URGENT_MS)
      urgent.push({ reportId: report.id, words, overdue: msLeft <= 0, msLeft });
  }
  return urgent.sort((a, b) => a.msLeft - b.msLeft).map(({ msLeft: _, ...rest }) => rest);
}
