// Use-cases on reports: intake, coordination, determination, transitions and
// extensions, plus the read models the web, API and CLI show.
import { reportScope } from '../domain/access.ts';
import { disclosureDeadline, type ReportClocks, reportClocks } from '../domain/clocks.ts';
import {
  acceptHandoff as acceptHandoffRule,
  assignCoordinator as assignCoordinatorRule,
  declineHandoff as declineHandoffRule,
  requestHandoff as requestHandoffRule,
} from '../domain/coordinator.ts';
import { validateCvssV4 } from '../domain/cvss.ts';
import { editFields, type FieldPatch } from '../domain/fields.ts';
import { type Intake, intakeProblems, newReport } from '../domain/intake.ts';
import {
  addExtension,
  applyTransition,
  type Checklist,
  checklists,
  recordDetermination,
  type TransitionInput,
  type TransitionName,
} from '../domain/lifecycle.ts';
import type { Determination, Extension, Grant, Principal, Report } from '../domain/report.ts';
import {
  getReport,
  getReportByGhsaId,
  insertReport,
  listEffects,
  listGrants,
  listReports,
  listRoster,
  nextReportId,
  type ReportFilters,
  type StoredEffect,
} from '../store/index.ts';
import { authorize, isAllowed, personActing } from './authorize.ts';
import type { AppContext } from './context.ts';
import { type EffectView, effectView } from './effects/manage.ts';
import { isUniqueViolation, reportNotFound, UseCaseError } from './errors.ts';
import { changeReport, readVisibleReport, saveDecision } from './report-change.ts';

/** What a person or the bot files; see domain/intake. */
export type NewReport = Intake;

const alreadyTracked = (ghsaId: string, reportId: string) =>
  new UseCaseError('conflict', `${ghsaId} is already tracked as ${reportId}.`);

/** Records a new report in triage; its disclosure clock starts at the first receipt. */
export async function createReport(ctx: AppContext, actor: Principal, input: NewReport): Promise<Report> {
  const now = ctx.now();
  authorize(actor, 'report.coordinate');
  const problems = intakeProblems(input, now);
  if (problems.length > 0)
    throw new UseCaseError('invalid', `Cannot create the report: ${problems.join('; ')}.`);
  // The unique key settles a race between two filings (webhook and poll) of the same GHSA.
  return ctx.store
    .transaction(async (tx) => {
      const tracked = input.ghsaId ? await getReportByGhsaId(tx, input.ghsaId) : null;
      if (tracked) throw alreadyTracked(input.ghsaId ?? '', tracked.id);
      const id = await nextReportId(tx, now.getUTCFullYear());
      const report = newReport(id, input, now);
      await insertReport(tx, report, disclosureDeadline(report));
      await saveDecision(tx, actor, 'report.create', null, { report }, now);
      return report;
    })
    .catch(async (error: unknown) => {
      if (!isUniqueViolation(error) || !input.ghsaId) throw error;
      const winner = await getReportByGhsaId(ctx.store.db, input.ghsaId);
      throw alreadyTracked(input.ghsaId, winner?.id ?? 'another report');
    });
}

export interface ReportWithClocks {
  report: Report;
  clocks: ReportClocks;
}

export interface ReportPage {
  reports: ReportWithClocks[];
  total: number;
  page: number;
  pageSize: number;
}

/** Open reports the principal may see, overdue first, with their clocks. */
export async function listOpenReports(
  ctx: AppContext,
  principal: Principal,
  options: {
    page?: number;
    pageSize?: number;
    /** Keyset paging (the API's cursors): the page starts after this report, instead of at `page`. */
    after?: { deadline: Date; id: string };
    filters?: ReportFilters;
    /** true (the default): open reports; false: published and rejected ones; 'all': both. */
    open?: boolean | 'all';
  } = {},
): Promise<ReportPage> {
  const now = ctx.now();
  const pageSize = Math.min(Math.max(options.pageSize ?? 50, 1), 500);
  // Past the last page is simply empty; the cap keeps the offset a sane number.
  const page = Math.min(Math.max(options.page ?? 1, 1), 1_000_000);
  const { reports, total } = await listReports(ctx.store.db, reportScope(principal), {
    open: options.open === 'all' ? undefined : (options.open ?? true),
    now,
    limit: pageSize,
    offset: options.after ? 0 : (page - 1) * pageSize,
    after: options.after,
    filters: options.filters,
  });
  return {
    reports: reports.map((report) => ({
      report,
      clocks: reportClocks(report, now, ctx.coordinatorIdleDays),
    })),
    total,
    page,
    pageSize,
  };
}

export interface ReportDetail extends ReportWithClocks {
  checklists: Checklist[];
  /** Collaborator grants; only members see who else has access. */
  grants: Grant[] | null;
  /** What psrt did or will do outside for this report, and how it went; members only. */
  effects: EffectView[] | null;
}

export async function showReport(
  ctx: AppContext,
  principal: Principal,
  reportId: string,
): Promise<ReportDetail> {
  const db = ctx.store.db;
  const { report } = await readVisibleReport(db, principal, reportId, ctx.now());
  const [grants, effects] = await Promise.all([
    seesGrants(principal) ? listGrants(db, report.id) : null,
    seesEffects(principal) ? listEffects(db, { reportId: report.id }) : null,
  ]);
  return detailOf(ctx, report, grants, effects);
}

/** Who else has access is for those who manage access. */
export const seesGrants = (principal: Principal) => isAllowed(principal, 'report.grant');
/** What psrt did or will do outside is for those who manage effects (members). */
export const seesEffects = (principal: Principal) => isAllowed(principal, 'effects.manage');

/** The detail of a visible report, from its grants and effects (null: not for this reader). */
export function detailOf(
  ctx: AppContext,
  report: Report,
  grants: Grant[] | null,
  effects: StoredEffect[] | null,
): ReportDetail {
  const now = ctx.now();
  return {
    report,
    clocks: reportClocks(report, now, ctx.coordinatorIdleDays),
    checklists: checklists(report, { validateCvss: validateCvssV4 }),
    grants,
    effects: effects?.map(effectView) ?? null,
  };
}

/** A member volunteers (or is named) as coordinator. */
export function assignCoordinator(ctx: AppContext, actor: Principal, reportId: string, login: string) {
  return changeReport(ctx, actor, reportId, 'report.coordinate', 'report.assign', async (report, now, tx) =>
    assignCoordinatorRule(report, login, await listRoster(tx), now),
  );
}

export function requestHandoff(ctx: AppContext, actor: Principal, reportId: string, to: string) {
  return changeReport(
    ctx,
    actor,
    reportId,
    'report.coordinate',
    'report.handoff.request',
    async (report, now, tx) => ({
      report: requestHandoffRule(report, personActing(actor), to, await listRoster(tx), now),
    }),
  );
}

export function acceptHandoff(ctx: AppContext, actor: Principal, reportId: string) {
  return changeReport(ctx, actor, reportId, 'report.coordinate', 'report.handoff.accept', (report, now) =>
    acceptHandoffRule(report, personActing(actor), now),
  );
}

export function declineHandoff(ctx: AppContext, actor: Principal, reportId: string) {
  return changeReport(ctx, actor, reportId, 'report.coordinate', 'report.handoff.decline', (report, now) => ({
    report: declineHandoffRule(report, personActing(actor), now),
  }));
}

/** Edits the advisory fields (title, CVE, CVSS, affected versions, fixes, credit, CRA times). */
export function editReport(ctx: AppContext, actor: Principal, reportId: string, patch: FieldPatch) {
  return changeReport(ctx, actor, reportId, 'report.coordinate', 'report.edit', (report, now) => ({
    report: editFields(report, patch, now),
  }));
}

export function determineReport(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
  determination: Determination,
) {
  return changeReport(ctx, actor, reportId, 'report.transition', 'report.determine', (report, now) => ({
    report: recordDetermination(report, determination, now),
  }));
}

export function extendDeadline(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
  extension: Omit<Extension, 'grantedBy' | 'at'>,
) {
  return changeReport(ctx, actor, reportId, 'report.extend', 'report.extend', (report, now) => ({
    report: addExtension(report, { ...extension, grantedBy: personActing(actor), at: now }),
  }));
}

/**
 * accept / reject / reopen (publish comes with the publication use-case).
 * Open-ended grants follow the report: they end 14 days after it is finished
 * and come back if it is reopened (domain/clocks `grantExpiry`).
 */
export function transitionReport(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
  transition: TransitionName,
  input: TransitionInput = {},
) {
  return changeReport(ctx, actor, reportId, 'report.transition', `report.${transition}`, (report, now) =>
    applyTransition(report, transition, { ...input, validateCvss: validateCvssV4 }, now),
  );
}

/** Unscoped read for the bot and scheduler; never reachable from a signed-in person. */
export async function getReportAsSystem(ctx: AppContext, reportId: string): Promise<Report> {
  const report = await getReport(ctx.store.db, reportId);
  if (!report) throw reportNotFound(reportId);
  return report;
}
