// The PSRT's process in numbers (the Metrics page): per report, the days from the first receipt
// to a coordinator, a determination, acceptance and publication, and whether it was finished
// within the devguide's 90 days; then the count, median and 90th percentile of each, by month of
// receipt and by severity. Pure: reports and their recorded changes in, numbers out.
import { DISCLOSURE_DAYS } from './clocks.ts';
import { severityOfVector } from './cvss.ts';
import type { Report } from './report.ts';
import { DAY_MS } from './time.ts';

/** The steps a report's time is measured to, in the order the process takes them. */
export const steps = ['coordinator', 'determination', 'accepted', 'published'] as const;
export type Step = (typeof steps)[number];

/** FIRST's severities, most severe first, then `unscored`: no CVSS vector (or one that does not read). */
export const severityGroups = ['Critical', 'High', 'Medium', 'Low', 'None', 'unscored'] as const;
export type SeverityGroup = (typeof severityGroups)[number];

/**
 * One audit event of a report, as far as metrics read it. The report keeps only its current
 * coordinator, determination and state; when each was first set is in its audit log, where a
 * change is written `{ field: { from, to } }` (app/report-change `reportDiff`).
 */
export interface RecordedChange {
  action: string;
  at: Date;
  change: unknown;
}

/** The audit action of a report loaded from the PSF's published records (app/history). */
export const IMPORT_ACTION = 'report.import';

export interface ReportTimes {
  /** `YYYY-MM` of the receipt, in UTC. */
  month: string;
  severity: SeverityGroup;
  /** Loaded from the PSF's published records rather than handled in psrt. */
  imported: boolean;
  /** Days from the receipt to each step; null when the step was not taken or either end is unknown. */
  days: Record<Step, number | null>;
  /** Finished (published or rejected) before the 90-day deadline; null while open or when the receipt is unknown. */
  withinGoal: boolean | null;
}

type Tracked = 'coordinator' | 'determination' | 'state';

/** The `{ from, to }` an event's change records for `field`, if it changed it. */
function fieldChange(change: unknown, field: Tracked): { from: unknown; to: unknown } | null {
  if (typeof change !== 'object' || change === null) return null;
  const value = (change as Record<string, unknown>)[field];
  if (typeof value !== 'object' || value === null || !('to' in value)) return null;
  return { from: (value as { from?: unknown }).from ?? null, to: (value as { to: unknown }).to };
}

/**
 * When `field` first held a value that `holds`. The value it had when psrt opened the report
 * is the `from` of its first recorded change (or its value now, if it never changed): a draft
 * advisory a maintainer opened is accepted from the start, its report created accepted.
 */
function firstTime(
  report: Report,
  changes: readonly RecordedChange[],
  field: Tracked,
  holds: (value: unknown) => boolean,
): Date | null {
  let changedBefore = false;
  for (const event of changes) {
    const changed = fieldChange(event.change, field);
    if (changed === null) continue;
    if (!changedBefore && holds(changed.from)) return report.createdAt;
    changedBefore = true;
    if (holds(changed.to)) return event.at;
  }
  return !changedBefore && holds(report[field]) ? report.createdAt : null;
}

/** Days from `from` to `to`; null when either is unknown, or `to` comes first (then `from` is not the real receipt). */
function daysBetween(from: Date | null, to: Date | null): number | null {
  if (from === null || to === null || to < from) return null;
  return (to.getTime() - from.getTime()) / DAY_MS;
}

const monthOf = (date: Date): string => date.toISOString().slice(0, 7);

const severityGroupOf = (vector: string | null): SeverityGroup => severityOfVector(vector) ?? 'unscored';

/**
 * One report's times. An imported advisory states only when it was published and, where its CVE
 * record was read, when its CVE ID was reserved (taken as its receipt): it counts towards the
 * time to publish and the 90-day goal when that receipt is known, and towards nothing else. The
 * goal is the devguide's 90 days from receipt: extensions move a report's deadline, not the goal.
 */
export function reportTimes(
  report: Report,
  changes: readonly RecordedChange[],
  severityOf: (vector: string | null) => SeverityGroup = severityGroupOf,
): ReportTimes {
  const imported = changes.some((event) => event.action === IMPORT_ACTION);
  const finishedAt = report.state === 'published' || report.state === 'rejected' ? report.finishedAt : null;
  // Without a CVE reservation date the import took the publication date as the receipt.
  const receivedAt =
    imported && report.receivedAt.getTime() === report.finishedAt?.getTime() ? null : report.receivedAt;
  const inPsrt = (time: () => Date | null): Date | null => (imported ? null : time());
  const days: Record<Step, number | null> = {
    coordinator: daysBetween(
      receivedAt,
      inPsrt(() => firstTime(report, changes, 'coordinator', (value) => value !== null)),
    ),
    determination: daysBetween(
      receivedAt,
      inPsrt(() => firstTime(report, changes, 'determination', (value) => value !== null)),
    ),
    accepted: daysBetween(
      receivedAt,
      inPsrt(() => firstTime(report, changes, 'state', (value) => value === 'accepted')),
    ),
    published: daysBetween(receivedAt, report.state === 'published' ? finishedAt : null),
  };
  const finishedDays = daysBetween(receivedAt, finishedAt);
  return {
    month: monthOf(report.receivedAt),
    severity: severityOf(report.cvssVector),
    imported,
    days,
    // The deadline itself already reads as overdue on the disclosure clock (domain/clocks).
    withinGoal: finishedDays === null ? null : finishedDays < DISCLOSURE_DAYS,
  };
}

/** Numbers of one step in one group of reports: how many took it, and the median and 90th percentile days. */
export interface StepSummary {
  count: number;
  median: number | null;
  p90: number | null;
}

export interface MetricsGroup {
  /** `YYYY-MM`, a severity group, or `all`. */
  key: string;
  reports: number;
  steps: Record<Step, StepSummary>;
  /** Finished reports whose receipt is known: the ones the 90-day goal is measured on. */
  finished: number;
  withinGoal: number;
  /** `withinGoal / finished`; null when none is finished. */
  share: number | null;
}

export interface ProcessMetrics {
  overall: MetricsGroup;
  /** How many of the reports were imported from the PSF's published records. */
  imported: number;
  /** Months of receipt that have reports, oldest first. */
  byMonth: MetricsGroup[];
  /** Severity groups that have reports, most severe first. */
  bySeverity: MetricsGroup[];
}

/**
 * The `p`-th percentile (0–1) of ascending `sorted` values, interpolated between the two nearest
 * ranks (as spreadsheets' PERCENTILE.INC and numpy do): the median of 1, 2, 3, 4 is 2.5.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (sorted.length - 1) * p;
  const below = Math.floor(rank);
  const lower = sorted[below] ?? 0;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] ?? lower;
  return lower + (rank - below) * (upper - lower);
}

function summary(days: number[]): StepSummary {
  const sorted = days.sort((a, b) => a - b);
  return { count: sorted.length, median: percentile(sorted, 0.5), p90: percentile(sorted, 0.9) };
}

function group(key: string, times: readonly ReportTimes[]): MetricsGroup {
  const stepSummaries = Object.fromEntries(
    steps.map((step) => [
      step,
      summary(times.flatMap((time) => (time.days[step] === null ? [] : [time.days[step]]))),
    ]),
  ) as Record<Step, StepSummary>;
  const finished = times.filter((time) => time.withinGoal !== null).length;
  const withinGoal = times.filter((time) => time.withinGoal === true).length;
  return {
    key,
    reports: times.length,
    steps: stepSummaries,
    finished,
    withinGoal,
    share: finished === 0 ? null : withinGoal / finished,
  };
}

function groupsBy(
  times: readonly ReportTimes[],
  keyOf: (time: ReportTimes) => string,
): Map<string, ReportTimes[]> {
  const groups = new Map<string, ReportTimes[]>();
  for (const time of times) {
    const key = keyOf(time);
    const members = groups.get(key);
    if (members) members.push(time);
    else groups.set(key, [time]);
  }
  return groups;
}

/** The numbers of a set of reports' times, overall, by month of receipt and by severity. */
export function aggregateTimes(times: readonly ReportTimes[]): ProcessMetrics {
  const months = groupsBy(times, (time) => time.month);
  const severities = groupsBy(times, (time) => time.severity);
  return {
    overall: group('all', times),
    imported: times.filter((time) => time.imported).length,
    byMonth: [...months.keys()].sort().map((month) => group(month, months.get(month) ?? [])),
    bySeverity: severityGroups
      .filter((severity) => severities.has(severity))
      .map((severity) => group(severity, severities.get(severity) ?? [])),
  };
}

/** The metrics of `reports`, each with its recorded changes (oldest first) from `history`. */
export function processMetrics(
  reports: readonly Report[],
  history: ReadonlyMap<string, readonly RecordedChange[]>,
): ProcessMetrics {
  // Reports share few distinct vectors, and scoring one is the costly part.
  const severities = new Map<string | null, SeverityGroup>();
  const severityOf = (vector: string | null): SeverityGroup => {
    let severity = severities.get(vector);
    if (severity === undefined) {
      severity = severityGroupOf(vector);
      severities.set(vector, severity);
    }
    return severity;
  };
  return aggregateTimes(
    reports.map((report) => reportTimes(report, history.get(report.id) ?? [], severityOf)),
  );
}
