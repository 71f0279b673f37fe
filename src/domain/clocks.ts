// The PSRT's clocks as pure functions of stored times and "now": the 90-day
// disclosure deadline and its reminders, the coordinator clock that triggers
// automatic assignment, and the expiry of collaborator grants.

import { type CraClock, type CsirtClock, craClocks, csirtClocks } from './cra.ts';
import { DomainError } from './errors.ts';
import { type Grant, isOpen, type Report } from './report.ts';
import { addDays, DAY_MS, daysLeftOf, msUntil, WEEK_MS } from './time.ts';

export const DISCLOSURE_DAYS = 90;
/** Days left at which the coordinator and team are reminded, latest first. */
export const REMINDER_MILESTONES = [60, 30, 15, 7, 3, 1] as const;
export const DUE_SOON_DAYS = 7;
/** Idle days without a coordinator after which one is assigned automatically (devguide). */
export const COORDINATOR_IDLE_DAYS = 3;
export const GRANT_DAYS_AFTER_FINISH = 14;

/** 90 days from first receipt (an earlier security@ email counts), plus every extension. */
export function disclosureDeadline(report: Report): Date {
  const extensionDays = report.extensions.reduce((sum, extension) => sum + extension.days, 0);
  return addDays(report.receivedAt, DISCLOSURE_DAYS + extensionDays);
}

export type DisclosureStatus = 'on-track' | 'due-soon' | 'overdue' | 'stopped';

export interface DisclosureClock {
  deadline: Date;
  msLeft: number;
  /** Whole days left, rounded up; 0 at the deadline, negative once past it. */
  daysLeft: number;
  overdue: boolean;
  status: DisclosureStatus;
}

/**
 * Where the report stands against its deadline. A finished report's clock
 * stopped when it was published or rejected, so it reads the time left then
 * (what the "finished within 90 days" chart needs), not the time left now.
 */
export function disclosureClock(report: Report, now: Date): DisclosureClock {
  const deadline = disclosureDeadline(report);
  const open = isOpen(report.state);
  const at = open ? now : (report.finishedAt ?? now);
  const msLeft = msUntil(deadline, at);
  const overdue = msLeft <= 0;
  let status: DisclosureStatus = 'on-track';
  if (!open) status = 'stopped';
  else if (overdue) status = 'overdue';
  else if (msLeft <= DUE_SOON_DAYS * DAY_MS) status = 'due-soon';
  return { deadline, msLeft, daysLeft: daysLeftOf(msLeft), overdue, status };
}

export interface DisclosureReminder {
  /** Unique per report, deadline and milestone: the sender records it so each reminder goes out once. */
  key: string;
  kind: 'reminder' | 'escalation';
  /** Days-left milestone of a reminder; null for an escalation. */
  milestoneDays: number | null;
  /** Whole weeks overdue of an escalation (0 on the day it becomes overdue); null for a reminder. */
  overdueWeeks: number | null;
  audience: 'coordinator-and-team' | 'admins';
  deadline: Date;
  daysLeft: number;
}

/**
 * The one disclosure reminder to send now, or null. Only the latest milestone
 * crossed counts, so a bot that was down sends one message, not a backlog.
 * Keys carry the deadline, so an extension re-arms the reminders; milestones
 * the new deadline had already passed when the extension was granted are not
 * sent (the team has just acted on the deadline), the next ones are.
 */
export function dueReminder(
  report: Report,
  now: Date,
  alreadySent: ReadonlySet<string>,
): DisclosureReminder | null {
  if (!isOpen(report.state)) return null;
  const deadline = disclosureDeadline(report);
  const msLeft = msUntil(deadline, now);
  const base = `disclosure:${report.id}:${deadline.toISOString()}`;
  const daysLeft = daysLeftOf(msLeft);

  let reminder: DisclosureReminder;
  let crossedAt: Date;
  if (msLeft <= 0) {
    // Escalate on the day it becomes overdue, then weekly while it stays so.
    const overdueWeeks = Math.floor(msUntil(now, deadline) / WEEK_MS);
    crossedAt = new Date(deadline.getTime() + overdueWeeks * WEEK_MS);
    reminder = {
      key: `${base}:overdue-w${overdueWeeks}`,
      kind: 'escalation',
      milestoneDays: null,
      overdueWeeks,
      audience: 'admins',
      deadline,
      daysLeft,
    };
  } else {
    const milestone = [...REMINDER_MILESTONES].reverse().find((days) => msLeft <= days * DAY_MS);
    if (milestone === undefined) return null;
    crossedAt = new Date(deadline.getTime() - milestone * DAY_MS);
    reminder = {
      key: `${base}:${milestone}d`,
      kind: 'reminder',
      milestoneDays: milestone,
      overdueWeeks: null,
      audience: 'coordinator-and-team',
      deadline,
      daysLeft,
    };
  }
  const extendedAt = Math.max(...report.extensions.map((extension) => extension.at.getTime()));
  if (crossedAt.getTime() < extendedAt) return null;
  return alreadySent.has(reminder.key) ? null : reminder;
}

export interface CoordinatorClock {
  /** The report is open (in triage or accepted) with no coordinator. */
  applies: boolean;
  idleSince: Date;
  /** When a coordinator is due to be assigned automatically; meaningful only when `applies`. */
  autoAssignAt: Date;
  due: boolean;
}

/**
 * Three idle days without a coordinator: one is assigned automatically. The
 * devguide says "a GHSA ticket", so this holds for every open report, accepted
 * ones too: a report accepted on GitHub ("Accept as draft") or whose
 * coordinator credit was removed there has none, and needs one all the same.
 */
export function coordinatorClock(
  report: Report,
  now: Date,
  idleDays: number = COORDINATOR_IDLE_DAYS,
): CoordinatorClock {
  const applies = isOpen(report.state) && report.coordinator === null;
  const idleSince = report.lastActivityAt;
  const autoAssignAt = addDays(idleSince, idleDays);
  return { applies, idleSince, autoAssignAt, due: applies && now >= autoAssignAt };
}

function assertGrantOf(grant: Grant, report: Report): void {
  if (grant.reportId !== report.id) {
    throw new DomainError('The grant belongs to another report: pass the report it was granted on.');
  }
}

/** When a grant ends: its chosen expiry, else 14 days after the report is finished, else not yet known. */
export function grantExpiry(grant: Grant, report: Report): Date | null {
  assertGrantOf(grant, report);
  if (grant.expiresAt) return grant.expiresAt;
  return report.finishedAt ? addDays(report.finishedAt, GRANT_DAYS_AFTER_FINISH) : null;
}

export function isGrantActive(grant: Grant, report: Report, now: Date): boolean {
  if (grant.revokedAt !== null && grant.revokedAt <= now) return false;
  const expiry = grantExpiry(grant, report);
  return expiry === null || now < expiry;
}

export interface ReportClocks {
  disclosure: DisclosureClock;
  coordinator: CoordinatorClock;
  cra: CraClock[];
  /** CSIRTs' requests for more information, each to its due time until answered. */
  csirt: CsirtClock[];
}

/** Every clock of a report: what the "open reports" page shows. `idleDays` as in `coordinatorClock`. */
export function reportClocks(
  report: Report,
  now: Date,
  idleDays: number = COORDINATOR_IDLE_DAYS,
): ReportClocks {
  return {
    disclosure: disclosureClock(report, now),
    coordinator: coordinatorClock(report, now, idleDays),
    cra: craClocks(report.cra, now),
    csirt: csirtClocks(report.cra, now),
  };
}
