// EU Cyber Resilience Act (Regulation (EU) 2024/2847) Art. 14 clocks for an
// actively exploited vulnerability: early warning within 24 h, notification
// within 72 h, final report within 14 days of a fix, and the alerts to steward staff.

import { Refusal } from './errors.ts';
import type { CraData, Report } from './report.ts';
import { DAY_MS, HOUR_MS, msUntil } from './time.ts';

export const craStages = ['early-warning', 'notification', 'final-report'] as const;
export type CraStage = (typeof craStages)[number];

export type CraStatus = 'not-started' | 'pending' | 'due-soon' | 'overdue' | 'submitted';

export interface CraClock {
  stage: CraStage;
  startedAt: Date | null;
  due: Date | null;
  submittedAt: Date | null;
  status: CraStatus;
  /** Null when the stage has not started or is submitted. */
  msLeft: number | null;
}

type SubmittedField = 'earlyWarningSubmittedAt' | 'notificationSubmittedAt' | 'finalReportSubmittedAt';

interface StageRule {
  label: string;
  /** Time allowed from the start of the stage's clock. */
  allowedMs: number;
  dueSoonMs: number;
  /** When steward staff are alerted, by time left, earliest first; overdue is alerted as well. */
  alerts: readonly { milestone: string; msLeft: number }[];
  startedAt: (cra: CraData) => Date | null;
  submittedField: SubmittedField;
  notStarted: string;
}

/**
 * The final report is only owed for an actively exploited vulnerability, so
 * its clock waits for exploitation awareness as well as for the fix; a fix
 * that predates awareness starts it at awareness, not in the past.
 */
const finalReportStart = (cra: CraData): Date | null => {
  if (cra.exploitationAwareAt === null || cra.fixAvailableAt === null) return null;
  return new Date(Math.max(cra.fixAvailableAt.getTime(), cra.exploitationAwareAt.getTime()));
};

const notAware =
  'No awareness of active exploitation is recorded: record when the team learned of it to start the CRA clocks.';

export const craRules: Readonly<Record<CraStage, StageRule>> = {
  'early-warning': {
    label: 'early warning',
    allowedMs: 24 * HOUR_MS,
    dueSoonMs: 6 * HOUR_MS,
    alerts: [
      { milestone: '12h', msLeft: 12 * HOUR_MS },
      { milestone: '2h', msLeft: 2 * HOUR_MS },
    ],
    startedAt: (cra) => cra.exploitationAwareAt,
    submittedField: 'earlyWarningSubmittedAt',
    notStarted: notAware,
  },
  notification: {
    label: 'vulnerability notification',
    allowedMs: 72 * HOUR_MS,
    dueSoonMs: 24 * HOUR_MS,
    alerts: [
      { milestone: '24h', msLeft: 24 * HOUR_MS },
      { milestone: '6h', msLeft: 6 * HOUR_MS },
    ],
    startedAt: (cra) => cra.exploitationAwareAt,
    submittedField: 'notificationSubmittedAt',
    notStarted: notAware,
  },
  'final-report': {
    label: 'final report',
    allowedMs: 14 * DAY_MS,
    dueSoonMs: 3 * DAY_MS,
    alerts: [
      { milestone: '7d', msLeft: 7 * DAY_MS },
      { milestone: '1d', msLeft: DAY_MS },
    ],
    startedAt: finalReportStart,
    submittedField: 'finalReportSubmittedAt',
    notStarted:
      'The final report is due 14 days after a fix or mitigation is available for an actively exploited vulnerability: record both times first.',
  },
};

function stageClock(cra: CraData, stage: CraStage, now: Date): CraClock {
  const rule = craRules[stage];
  const startedAt = rule.startedAt(cra);
  const submittedAt = cra[rule.submittedField];
  const due = startedAt ? new Date(startedAt.getTime() + rule.allowedMs) : null;
  if (submittedAt) return { stage, startedAt, due, submittedAt, status: 'submitted', msLeft: null };
  if (due === null) return { stage, startedAt, due, submittedAt, status: 'not-started', msLeft: null };
  const msLeft = msUntil(due, now);
  let status: CraStatus = 'pending';
  if (msLeft <= 0) status = 'overdue';
  else if (msLeft <= rule.dueSoonMs) status = 'due-soon';
  return { stage, startedAt, due, submittedAt, status, msLeft };
}

/** The three Art. 14 stages, in the order they fall due. */
export function craClocks(cra: CraData, now: Date): CraClock[] {
  return craStages.map((stage) => stageClock(cra, stage, now));
}

export interface CraAlert {
  /** Unique per report, stage, due time and milestone: the sender records it so each alert goes out once. */
  key: string;
  reportId: string;
  stage: CraStage;
  kind: 'reminder' | 'overdue';
  /** The milestone crossed: time left (`12h`, `7d`…) or `overdue`. */
  milestone: string;
  due: Date;
  msLeft: number;
  audience: 'steward-staff';
}

/**
 * Alerts to send steward staff now: per unsubmitted stage, only the latest
 * milestone crossed, so a bot that was down sends one alert, not a backlog.
 * The key carries the due time, so correcting a start time re-arms them.
 */
export function dueCraAlerts(
  cra: CraData,
  reportId: string,
  now: Date,
  alreadySent: ReadonlySet<string>,
): CraAlert[] {
  const alerts: CraAlert[] = [];
  for (const clock of craClocks(cra, now)) {
    if (clock.due === null || clock.msLeft === null) continue;
    const { stage, due, msLeft } = clock;
    const base = `cra:${reportId}:${stage}:${due.toISOString()}`;
    let alert: CraAlert | null = null;
    if (msLeft <= 0) {
      alert = {
        key: `${base}:overdue`,
        reportId,
        stage,
        kind: 'overdue',
        milestone: 'overdue',
        due,
        msLeft,
        audience: 'steward-staff',
      };
    } else {
      const crossed = craRules[stage].alerts.filter((at) => msLeft <= at.msLeft).at(-1);
      if (crossed !== undefined) {
        const { milestone } = crossed;
        alert = {
          key: `${base}:${milestone}`,
          reportId,
          stage,
          kind: 'reminder',
          milestone,
          due,
          msLeft,
          audience: 'steward-staff',
        };
      }
    }
    if (alert && !alreadySent.has(alert.key)) alerts.push(alert);
  }
  return alerts;
}

/** Records that a person submitted a stage on ENISA's Single Reporting Platform (it has no API). */
export function recordCraSubmission(report: Report, stage: CraStage, now: Date): Report {
  const rule = craRules[stage];
  if (rule.startedAt(report.cra) === null) throw new Refusal(rule.notStarted);
  if (report.cra[rule.submittedField] !== null) {
    throw new Refusal(`The ${rule.label} is already recorded as submitted.`);
  }
  return {
    ...report,
    cra: { ...report.cra, [rule.submittedField]: now },
    updatedAt: now,
    lastActivityAt: now,
  };
}
