// How clocks and checklists read to a person, shared by the web pages and the
// CLI so both say the same thing.

import type { DisclosureClock, ReportClocks } from '../domain/clocks.ts';
import { craRules } from '../domain/cra.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../domain/time.ts';

export const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

/** "2026-12-05 09:30 UTC". */
export const utcMinute = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "12 days left", "due today", "overdue by 3 days", "stopped". */
export function disclosureWords(clock: DisclosureClock): string {
  if (clock.status === 'stopped') return 'stopped';
  if (clock.overdue) {
    const late = -clock.msLeft;
    return late < DAY_MS
      ? `overdue by ${plural(Math.max(1, Math.floor(late / HOUR_MS)), 'hour')}`
      : `overdue by ${plural(Math.floor(late / DAY_MS), 'day')}`;
  }
  if (clock.msLeft < DAY_MS)
    return `due in ${plural(Math.max(1, Math.ceil(clock.msLeft / HOUR_MS)), 'hour')}`;
  return `${plural(clock.daysLeft, 'day')} left`;
}

/** The coordinator clock as a person reads it, or null when it does not apply. */
export function coordinatorClockWords(clocks: ReportClocks, now: Date): string | null {
  const clock = clocks.coordinator;
  if (!clock.applies) return null;
  if (clock.due) return 'auto-assignment due';
  const ms = clock.autoAssignAt.getTime() - now.getTime();
  // Minutes only for a short idle time (the sandbox's two minutes).
  if (ms >= DAY_MS) return `auto-assign in ${plural(Math.ceil(ms / DAY_MS), 'day')}`;
  if (ms >= HOUR_MS) return `auto-assign in ${plural(Math.ceil(ms / HOUR_MS), 'hour')}`;
  return `auto-assign in ${plural(Math.max(1, Math.ceil(ms / MINUTE_MS)), 'minute')}`;
}

/** The most urgent CRA stage or CSIRT request still open, or null when no CRA clock runs. */
export function craWords(clocks: ReportClocks): string | null {
  const open = [
    ...clocks.cra.flatMap((clock) =>
      clock.due && clock.msLeft !== null
        ? [{ what: craRules[clock.stage].label, due: clock.due, msLeft: clock.msLeft }]
        : [],
    ),
    ...clocks.csirt.flatMap((clock) =>
      clock.msLeft !== null
        ? [{ what: `answer to ${clock.csirt}`, due: clock.due, msLeft: clock.msLeft }]
        : [],
    ),
  ];
  const first = open.sort((a, b) => a.due.getTime() - b.due.getTime())[0];
  if (!first) return null;
  if (first.msLeft <= 0) return `CRA ${first.what} overdue`;
  return first.msLeft >= DAY_MS
    ? `CRA ${first.what} in ${plural(Math.ceil(first.msLeft / DAY_MS), 'day')}`
    : `CRA ${first.what} in ${plural(Math.max(1, Math.ceil(first.msLeft / HOUR_MS)), 'hour')}`;
}
