// EU Cyber Resilience Act (Regulation (EU) 2024/2847) Art. 14 clocks, as they bind the PSF as an
// open-source steward (Art. 24(3)): the vulnerability stages (Art. 14(2)), the severe-incident stages
// for infrastructure the PSF provides (Art. 14(4)), CSIRT requests, and the alerts to steward staff.

import { Refusal } from './errors.ts';
import type { CraData, Report } from './report.ts';
import { addMonthsUtc, DAY_MS, HOUR_MS, msUntil } from './time.ts';

export const vulnerabilityStages = ['early-warning', 'notification', 'final-report'] as const;
export const incidentStages = [
  'incident-early-warning',
  'incident-notification',
  'incident-final-report',
] as const;
export const craStages = [...vulnerabilityStages, ...incidentStages] as const;
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

interface Milestone {
  milestone: string;
  msLeft: number;
}

/** Steward staff hear at 12 h, 4 h and 1 h left, and once overdue (issue 12). */
const shortAlerts: readonly Milestone[] = [
  { milestone: '12h', msLeft: 12 * HOUR_MS },
  { milestone: '4h', msLeft: 4 * HOUR_MS },
  { milestone: '1h', msLeft: HOUR_MS },
];
/**
 * A final report takes days to write (severity, impact, the malicious actor, the update's details)
 * and needs the coordinator's facts, so its stages also warn three days ahead.
 */
const longAlerts: readonly Milestone[] = [{ milestone: '3d', msLeft: 3 * DAY_MS }, ...shortAlerts];

interface StageRule {
  label: string;
  /** When the stage's clock runs out, from its start. */
  dueFrom: (startedAt: Date) => Date;
  dueSoonMs: number;
  /** When steward staff are alerted, by time left, earliest first; overdue is alerted as well. */
  alerts: readonly Milestone[];
  startedAt: (cra: CraData) => Date | null;
  submittedAt: (cra: CraData) => Date | null;
  /** The CRA data with the stage recorded as submitted at `at`. */
  submit: (cra: CraData, at: Date) => CraData;
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
const noIncident =
  'No severe incident is recorded on this report: record the incident first to start its CRA clocks.';
const after = (ms: number) => (start: Date) => new Date(start.getTime() + ms);
const incidentWith = (cra: CraData, change: object): CraData =>
  cra.incident ? { ...cra, incident: { ...cra.incident, ...change } } : cra;

export const craRules: Readonly<Record<CraStage, StageRule>> = {
  // Art. 14(2)(a): without undue delay and in any event within 24 hours of becoming aware.
  'early-warning': {
    label: 'early warning',
    dueFrom: after(24 * HOUR_MS),
    dueSoonMs: 6 * HOUR_MS,
    alerts: shortAlerts,
    startedAt: (cra) => cra.exploitationAwareAt,
    submittedAt: (cra) => cra.earlyWarningSubmittedAt,
    submit: (cra, at) => ({ ...cra, earlyWarningSubmittedAt: at }),
    notStarted: notAware,
  },
  // Art. 14(2)(b): within 72 hours of becoming aware.
  notification: {
    label: 'vulnerability notification',
    dueFrom: after(72 * HOUR_MS),
    dueSoonMs: 24 * HOUR_MS,
    alerts: shortAlerts,
    startedAt: (cra) => cra.exploitationAwareAt,
    submittedAt: (cra) => cra.notificationSubmittedAt,
    submit: (cra, at) => ({ ...cra, notificationSubmittedAt: at }),
    notStarted: notAware,
  },
  // Art. 14(2)(c): no later than 14 days after a corrective or mitigating measure is available.
  'final-report': {
    label: 'final report',
    dueFrom: after(14 * DAY_MS),
    dueSoonMs: 3 * DAY_MS,
    alerts: longAlerts,
    startedAt: finalReportStart,
    submittedAt: (cra) => cra.finalReportSubmittedAt,
    submit: (cra, at) => ({ ...cra, finalReportSubmittedAt: at }),
    notStarted:
      'The final report is due 14 days after a fix or mitigation is available for an actively exploited vulnerability: record both times first.',
  },
  // Art. 14(4)(a): incident early warning within 24 hours of becoming aware.
  'incident-early-warning': {
    label: 'incident early warning',
    dueFrom: after(24 * HOUR_MS),
    dueSoonMs: 6 * HOUR_MS,
    alerts: shortAlerts,
    startedAt: (cra) => cra.incident?.awareAt ?? null,
    submittedAt: (cra) => cra.incident?.earlyWarningSubmittedAt ?? null,
    submit: (cra, at) => incidentWith(cra, { earlyWarningSubmittedAt: at }),
    notStarted: noIncident,
  },
  // Art. 14(4)(b): incident notification within 72 hours of becoming aware.
  'incident-notification': {
    label: 'incident notification',
    dueFrom: after(72 * HOUR_MS),
    dueSoonMs: 24 * HOUR_MS,
    alerts: shortAlerts,
    startedAt: (cra) => cra.incident?.awareAt ?? null,
    submittedAt: (cra) => cra.incident?.notificationSubmittedAt ?? null,
    submit: (cra, at) => incidentWith(cra, { notificationSubmittedAt: at }),
    notStarted: noIncident,
  },
  // Art. 14(4)(c): a final report within one month after the submission of the incident notification.
  'incident-final-report': {
    label: 'incident final report',
    dueFrom: (start) => addMonthsUtc(start, 1),
    dueSoonMs: 3 * DAY_MS,
    alerts: longAlerts,
    startedAt: (cra) => cra.incident?.notificationSubmittedAt ?? null,
    submittedAt: (cra) => cra.incident?.finalReportSubmittedAt ?? null,
    submit: (cra, at) => incidentWith(cra, { finalReportSubmittedAt: at }),
    notStarted:
      'The incident final report is due one month after the incident notification: record that submission first.',
  },
};

function statusAt(due: Date, dueSoonMs: number, now: Date): { status: CraStatus; msLeft: number } {
  const msLeft = msUntil(due, now);
  if (msLeft <= 0) return { status: 'overdue', msLeft };
  return { status: msLeft <= dueSoonMs ? 'due-soon' : 'pending', msLeft };
}

function stageClock(cra: CraData, stage: CraStage, now: Date): CraClock {
  const rule = craRules[stage];
  const startedAt = rule.startedAt(cra);
  const submittedAt = rule.submittedAt(cra);
  const due = startedAt ? rule.dueFrom(startedAt) : null;
  if (submittedAt) return { stage, startedAt, due, submittedAt, status: 'submitted', msLeft: null };
  if (due === null) return { stage, startedAt, due, submittedAt, status: 'not-started', msLeft: null };
  return { stage, startedAt, due, submittedAt, ...statusAt(due, rule.dueSoonMs, now) };
}

/** The Art. 14 stages in the order they fall due: the vulnerability's, then an incident's when one is recorded. */
export function craClocks(cra: CraData, now: Date): CraClock[] {
  const stages = cra.incident ? craStages : vulnerabilityStages;
  return stages.map((stage) => stageClock(cra, stage, now));
}

export interface CsirtClock {
  requestId: number;
  csirt: string;
  due: Date;
  answeredAt: Date | null;
  status: Exclude<CraStatus, 'not-started'>;
  msLeft: number | null;
}

/** A CSIRT's request for more information runs to the due time the CSIRT set, until it is answered. */
export function csirtClocks(cra: CraData, now: Date): CsirtClock[] {
  return cra.csirtRequests.map((request) => {
    const base = { requestId: request.id, csirt: request.csirt, due: request.dueAt };
    if (request.answer) {
      return { ...base, answeredAt: request.answer.answeredAt, status: 'submitted' as const, msLeft: null };
    }
    const { status, msLeft } = statusAt(request.dueAt, 12 * HOUR_MS, now);
    return { ...base, answeredAt: null, status: status as CsirtClock['status'], msLeft };
  });
}

export interface CraAlert {
  /** Unique per report, stage, due time and milestone: the sender records it so each alert goes out once. */
  key: string;
  reportId: string;
  /** A stage, or `csirt-request` for a CSIRT's request (then `requestId` says which). */
  stage: CraStage | 'csirt-request';
  requestId?: number;
  kind: 'reminder' | 'overdue';
  /** The milestone crossed: time left (`12h`, `3d`…) or `overdue`. */
  milestone: string;
  due: Date;
  msLeft: number;
  audience: 'steward-staff';
}

function latestCrossed(msLeft: number, milestones: readonly Milestone[]): string | null {
  if (msLeft <= 0) return 'overdue';
  return milestones.filter((at) => msLeft <= at.msLeft).at(-1)?.milestone ?? null;
}

/**
 * Alerts to send steward staff now: per open stage or CSIRT request, only the
 * latest milestone crossed, so a bot that was down sends one alert, not a
 * backlog. The key carries the due time, so correcting a start time re-arms them.
 */
export function dueCraAlerts(
  cra: CraData,
  reportId: string,
  now: Date,
  alreadySent: ReadonlySet<string>,
): CraAlert[] {
  const open: {
    stage: CraAlert['stage'];
    requestId?: number;
    name: string;
    due: Date;
    msLeft: number;
    alerts: readonly Milestone[];
  }[] = [];
  for (const clock of craClocks(cra, now)) {
    if (clock.due === null || clock.msLeft === null) continue;
    const { stage, due, msLeft } = clock;
    open.push({ stage, name: stage, due, msLeft, alerts: craRules[stage].alerts });
  }
  for (const clock of csirtClocks(cra, now)) {
    if (clock.msLeft === null) continue;
    const { requestId, due, msLeft } = clock;
    open.push({
      stage: 'csirt-request',
      requestId,
      name: `csirt-${requestId}`,
      due,
      msLeft,
      alerts: shortAlerts,
    });
  }
  const alerts: CraAlert[] = [];
  for (const { stage, requestId, name, due, msLeft, alerts: milestones } of open) {
    const milestone = latestCrossed(msLeft, milestones);
    if (milestone === null) continue;
    const key = `cra:${reportId}:${name}:${due.toISOString()}:${milestone}`;
    if (alreadySent.has(key)) continue;
    alerts.push({
      key,
      reportId,
      stage,
      ...(requestId !== undefined ? { requestId } : {}),
      kind: milestone === 'overdue' ? 'overdue' : 'reminder',
      milestone,
      due,
      msLeft,
      audience: 'steward-staff',
    });
  }
  return alerts;
}

/** Records that a person submitted a stage on ENISA's Single Reporting Platform (it has no API). */
export function recordCraSubmission(report: Report, stage: CraStage, now: Date): Report {
  const rule = craRules[stage];
  if (rule.startedAt(report.cra) === null) throw new Refusal(rule.notStarted);
  if (rule.submittedAt(report.cra) !== null) {
    throw new Refusal(`The ${rule.label} is already recorded as submitted.`);
  }
  return {
    ...report,
    cra: rule.submit(report.cra, now),
    updatedAt: now,
    lastActivityAt: now,
  };
}
