// The clocks, acted on: automatic coordinator assignment after three idle
// days, disclosure reminders and escalations, CRA alerts for the steward
// staff, and removal of expired grants. Safe to run from several instances at
// once: every action re-checks under a row lock or a unique key.
import {
  COORDINATOR_IDLE_DAYS,
  coordinatorClock,
  dueReminder,
  REMINDER_MILESTONES,
} from '../domain/clocks.ts';
import { assignCoordinator, chooseCoordinator } from '../domain/coordinator.ts';
import { dueCraAlerts } from '../domain/cra.ts';
import type { Effect } from '../domain/effects.ts';
import { craAlertNotices, reminderNotices } from '../domain/notices.ts';
import type { Report } from '../domain/report.ts';
import { addDays, addMs } from '../domain/time.ts';
import { UPDATE_REMINDER_LEAD_MS, updateOwedNotice } from '../domain/triage.ts';
import {
  appendAudit,
  coordinatorLoads,
  enqueueEffects,
  expiredGrants,
  getReportForUpdate,
  listRoster,
  markReminderSent,
  markUpdateReminded,
  reportsAwaitingCoordinator,
  reportsWithRunningClocks,
  threadsOwingUpdate,
} from '../store/index.ts';
import { type AppContext, actorName, botPrincipal, steeringCouncilOf } from './context.ts';
import { loggableError } from './errors.ts';
import { revokeAccess } from './grants.ts';
import { type ClosedNomination, closeDueNominations } from './nominations.ts';
import { saveDecision, toOutbox } from './report-change.ts';

export interface TickResult {
  assigned: Array<{ reportId: string; coordinator: string }>;
  /** Reports due for assignment that no eligible member could take. */
  unassigned: string[];
  reminders: string[];
  craAlerts: string[];
  /** security@ threads whose promised update was reminded of. */
  updatesOwed: number[];
  expiredGrants: number;
  /** Nominations whose week ended, with their outcome (PEP 811). */
  nominations: ClosedNomination[];
}

/** Assigns the least-loaded eligible member to each open report idle three days without a coordinator. */
async function autoAssign(ctx: AppContext, now: Date, result: TickResult): Promise<void> {
  const idleDays = ctx.coordinatorIdleDays ?? COORDINATOR_IDLE_DAYS;
  const due = await reportsAwaitingCoordinator(ctx.store.db, addDays(now, -idleDays));
  for (const candidate of due) {
    await ctx.store.transaction(async (tx) => {
      // Someone may have volunteered since the candidate list was read.
      const report = await getReportForUpdate(tx, candidate.id);
      if (!report || !coordinatorClock(report, now, idleDays).due) return;
      const roster = await listRoster(tx);
      const coordinator = chooseCoordinator(roster, await coordinatorLoads(tx), {
        steeringCouncil: steeringCouncilOf(ctx),
        exclude: report.reporter ? [report.reporter] : [],
      });
      if (!coordinator) {
        result.unassigned.push(report.id);
        return;
      }
      const assigned = assignCoordinator(report, coordinator, roster, now, { automatic: true });
      await saveDecision(tx, botPrincipal, 'report.auto-assign', report, assigned, now);
      result.assigned.push({ reportId: report.id, coordinator });
    });
  }
}

/** Records a notice once (by its key) and enqueues its delivery; returns whether it was new. */
async function sendOnce(
  ctx: AppContext,
  report: Report,
  key: string,
  action: string,
  effects: readonly Effect[],
  now: Date,
): Promise<boolean> {
  return ctx.store.transaction(async (tx) => {
    if (!(await markReminderSent(tx, report.id, key, now))) return false;
    await enqueueEffects(tx, toOutbox(effects), now);
    await appendAudit(tx, {
      actor: actorName(botPrincipal),
      action,
      subject: report.id,
      at: now,
      change: { key },
    });
    return true;
  });
}

async function remind(ctx: AppContext, now: Date, result: TickResult): Promise<void> {
  const firstMilestone = Math.max(...REMINDER_MILESTONES);
  for (const report of await reportsWithRunningClocks(ctx.store.db, addDays(now, firstMilestone))) {
    // The store's unique key is the record of what was sent; the domain picks the latest milestone crossed.
    const reminder = dueReminder(report, now, new Set());
    const action = `disclosure.${reminder?.kind}`;
    if (
      reminder &&
      (await sendOnce(ctx, report, reminder.key, action, reminderNotices(report, reminder), now))
    ) {
      result.reminders.push(reminder.key);
    }
    for (const alert of dueCraAlerts(report.cra, report.id, now, new Set())) {
      if (await sendOnce(ctx, report, alert.key, 'cra.alert', craAlertNotices(report, alert), now)) {
        result.craAlerts.push(alert.key);
      }
    }
  }
}

/** A day before the update an acknowledgement promised a reporter, reminds whoever owes it, once. */
async function remindUpdatesOwed(ctx: AppContext, now: Date, result: TickResult): Promise<void> {
  for (const thread of await threadsOwingUpdate(ctx.store.db, addMs(now, UPDATE_REMINDER_LEAD_MS))) {
    const { nextUpdateBy } = thread;
    if (nextUpdateBy === null) continue;
    await ctx.store.transaction(async (tx) => {
      if (!(await markUpdateReminded(tx, thread.id, nextUpdateBy))) return;
      const report = thread.reportId ? await getReportForUpdate(tx, thread.reportId) : null;
      const notice = updateOwedNotice({ ...thread, nextUpdateBy }, report?.coordinator ?? null, now);
      await enqueueEffects(tx, toOutbox([notice]), now);
      result.updatesOwed.push(thread.id);
    });
  }
}

async function expireGrants(ctx: AppContext, now: Date, result: TickResult): Promise<void> {
  for (const grant of await expiredGrants(ctx.store.db, now)) {
    const revoked = await revokeAccess(ctx, botPrincipal, grant.reportId, grant.login, 'expired').catch(
      (error: unknown) => {
        ctx.log.warn({ grant: grant.id, err: loggableError(error) }, 'could not expire grant');
        return [];
      },
    );
    result.expiredGrants += revoked.length;
  }
}

/** One pass over every clock. The server runs it every minute; it is idempotent. */
export async function runClockTick(ctx: AppContext): Promise<TickResult> {
  const now = ctx.now();
  const result: TickResult = {
    assigned: [],
    unassigned: [],
    reminders: [],
    craAlerts: [],
    updatesOwed: [],
    expiredGrants: 0,
    nominations: [],
  };
  await autoAssign(ctx, now, result);
  await remind(ctx, now, result);
  await remindUpdatesOwed(ctx, now, result);
  await expireGrants(ctx, now, result);
  result.nominations = await closeDueNominations(ctx);
  return result;
}
