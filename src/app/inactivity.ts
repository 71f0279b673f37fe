// The yearly inactivity report to the Steering Council (PEP 811), for admins:
// preview it for a period (computed, not stored), produce it (frozen with its
// evidence), send it (one mail to the Council), and record the Council's
// decision per listed member; a removal goes to the GitHub team, then the
// roster, through decideMembershipChange. Every action is audited.
import type { Effect } from '../domain/effects.ts';
import {
  type CouncilDecision,
  type CouncilVerdict,
  checkCouncilDecision,
  checkPeriod,
  coordinatorTenures,
  defaultPeriod,
  type InactivityReport,
  inactiveMembers,
  inactivityReport,
  type Period,
  type ProducedReport,
} from '../domain/inactivity.ts';
import type { Principal } from '../domain/report.ts';
import { inactivityEmail } from '../records/inactivity-email.ts';
import {
  appendAudit,
  coordinatorChangesUntil,
  type Db,
  enqueueEffects,
  getInactivityReport,
  insertCouncilDecision,
  insertInactivityReport,
  joinsAppliedSince,
  lastInactivityPeriodEnd,
  listInactivityReports,
  listRoster,
  markInactivityReportSent,
  reportActivityDuring,
  reportsLivingDuring,
} from '../store/index.ts';
import { authorize } from './authorize.ts';
import { type AppContext, actorName, steeringCouncilOf } from './context.ts';
import { UseCaseError } from './errors.ts';
import { decideMembershipChange } from './membership.ts';
import { refusing, toOutbox } from './report-change.ts';

/** A period as asked: either end may be left out (the default's then). */
export interface PeriodChoice {
  from?: Date | undefined;
  to?: Date | undefined;
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A period as typed (a form's date fields, the CLI's --from/--to, the API's
 * query): a day (its midnight, UTC) or an ISO 8601 time; blank means the default.
 */
export function periodChoiceOf(from?: string | null, to?: string | null): PeriodChoice {
  const read = (value: string | null | undefined, which: string): Date | undefined => {
    const text = value?.trim() ?? '';
    if (text === '') return undefined;
    const date = new Date(dayPattern.test(text) ? `${text}T00:00:00Z` : text);
    if (Number.isNaN(date.getTime()) || text.length > 40)
      throw new UseCaseError('invalid', `The period's "${which}" is not a date: give it as YYYY-MM-DD.`);
    return date;
  };
  return { from: read(from, 'from'), to: read(to, 'to') };
}

/** The audit subject of a report. */
const subjectOf = (id: number) => `inactivity-report:${id}`;

/** The key of a report's mail to the Council: it goes out once. */
export const inactivityMailKey = (id: number) => `inactivity-report:${id}:mail`;

async function periodFor(db: Db, ctx: AppContext, choice: PeriodChoice): Promise<Period> {
  const now = ctx.now();
  const fallback = defaultPeriod(await lastInactivityPeriodEnd(db), now);
  return checkPeriod({ from: choice.from ?? fallback.from, to: choice.to ?? fallback.to }, now);
}

/** Computes the report from the roster and the evidence in the store. */
async function compute(db: Db, ctx: AppContext, choice: PeriodChoice): Promise<InactivityReport> {
  const period = await periodFor(db, ctx, choice);
  const [roster, reports, changes, activity, joinedAt] = await Promise.all([
    listRoster(db),
    reportsLivingDuring(db, period),
    coordinatorChangesUntil(db, period),
    reportActivityDuring(db, period),
    joinsAppliedSince(db, period.from),
  ]);
  return inactivityReport({
    roster,
    steeringCouncil: steeringCouncilOf(ctx),
    period,
    activity: [...coordinatorTenures(reports, changes, period), ...activity],
    joinedAt,
  });
}

/** The report for a period, computed now and not stored (admins). */
export async function previewInactivity(
  ctx: AppContext,
  actor: Principal,
  choice: PeriodChoice = {},
): Promise<InactivityReport> {
  authorize(actor, 'membership.inactivity');
  return refusing(() => compute(ctx.store.db, ctx, choice));
}

/** Produces the report: computed and frozen as it is now, to be sent and decided on. */
export async function produceInactivityReport(
  ctx: AppContext,
  actor: Principal,
  choice: PeriodChoice = {},
): Promise<ProducedReport> {
  authorize(actor, 'membership.inactivity');
  return refusing(() =>
    ctx.store.transaction(async (tx) => {
      const computed = await compute(tx, ctx, choice);
      const now = ctx.now();
      const report = await insertInactivityReport(tx, {
        ...computed,
        producedAt: now,
        producedBy: actorName(actor),
      });
      await appendAudit(tx, {
        actor: actorName(actor),
        action: 'inactivity.produced',
        subject: subjectOf(report.id),
        at: now,
        change: {
          id: report.id,
          from: report.period.from.toISOString(),
          to: report.period.to.toISOString(),
          inactive: inactiveMembers(report).map((m) => m.login),
          exempt: report.members.filter((m) => m.standing === 'exempt').map((m) => m.login),
          active: report.members.filter((m) => m.standing === 'active').length,
        },
      });
      return report;
    }),
  );
}

/** A produced report with its decisions (admins). */
export async function showInactivityReport(
  ctx: AppContext,
  actor: Principal,
  id: number,
): Promise<ProducedReport> {
  authorize(actor, 'membership.inactivity');
  const report = await getInactivityReport(ctx.store.db, id);
  if (!report) throw notFound(id);
  return report;
}

/** The produced reports, newest period first (admins). */
export async function listInactivity(ctx: AppContext, actor: Principal): Promise<ProducedReport[]> {
  authorize(actor, 'membership.inactivity');
  return listInactivityReports(ctx.store.db);
}

const notFound = (id: number) =>
  new UseCaseError(
    'not-found',
    `There is no inactivity report #${id}; \`psrt roster inactivity list\` lists them.`,
  );

/** Sends a produced report to the Steering Council: one mail, enqueued with its record (admins). */
export async function sendInactivityReport(
  ctx: AppContext,
  actor: Principal,
  id: number,
): Promise<ProducedReport> {
  authorize(actor, 'membership.inactivity');
  return refusing(() =>
    ctx.store.transaction(async (tx) => {
      const report = await getInactivityReport(tx, id, { forUpdate: true });
      if (!report) throw notFound(id);
      const now = ctx.now();
      const mailKey = inactivityMailKey(id);
      if (!(await markInactivityReportSent(tx, id, { at: now, by: actorName(actor), mailKey })))
        throw new UseCaseError(
          'conflict',
          `Inactivity report #${id} was already sent to the Steering Council (${report.sentAt?.toISOString()} by ${report.sentBy}).`,
        );
      const mail = inactivityEmail(report);
      const effect: Effect = {
        kind: 'mail.send',
        key: mailKey,
        reportId: null,
        purpose: 'inactivity-report',
        to: ['steering-council'],
        subject: mail.subject,
        text: mail.text,
      };
      await enqueueEffects(tx, toOutbox([effect]), now);
      await appendAudit(tx, {
        actor: actorName(actor),
        action: 'inactivity.sent',
        subject: subjectOf(id),
        at: now,
        change: { id, to: 'steering-council', mail: mailKey },
      });
      return { ...report, sentAt: now, sentBy: actorName(actor) };
    }),
  );
}

/**
 * Records the Council's decision on a listed member (admins). `remove` starts
 * the removal in the same transaction: to emeritus and off the team, applied
 * by the effect runner; the two-admin rule may refuse it, and then nothing is
 * recorded.
 */
export async function recordCouncilDecision(
  ctx: AppContext,
  actor: Principal,
  id: number,
  input: { login: string; verdict: CouncilVerdict; councilDecision: string },
): Promise<CouncilDecision> {
  authorize(actor, 'membership.inactivity');
  return refusing(() =>
    ctx.store.transaction(async (tx) => {
      const report = await getInactivityReport(tx, id, { forUpdate: true });
      if (!report) throw notFound(id);
      const member = checkCouncilDecision(report, input.login, input.councilDecision);
      const councilDecision = input.councilDecision.trim();
      const change =
        input.verdict === 'remove'
          ? await decideMembershipChange(tx, ctx, actor, {
              kind: 'removal',
              login: member.login,
              reason: `removed by the Steering Council on inactivity report #${id} (${councilDecision})`,
              source: { kind: 'inactivity-report', id },
            })
          : null;
      const now = ctx.now();
      const decision = await insertCouncilDecision(tx, id, {
        login: member.login,
        verdict: input.verdict,
        councilDecision,
        decidedAt: now,
        recordedBy: actorName(actor),
        changeId: change?.id ?? null,
      });
      await appendAudit(tx, {
        actor: actorName(actor),
        action: 'inactivity.decided',
        subject: subjectOf(id),
        at: now,
        change: {
          id,
          login: member.login,
          verdict: input.verdict,
          decision: councilDecision,
          change: change?.id ?? null,
        },
      });
      return decision;
    }),
  );
}
