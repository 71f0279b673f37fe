// Millisecond date arithmetic for the clocks. Everything is UTC instants:
// a "day" is exactly 86 400 000 ms, so deadlines never drift with time zones
// or daylight-saving changes.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

export const addMs = (at: Date, ms: number): Date => new Date(at.getTime() + ms);
export const addHours = (at: Date, hours: number): Date => addMs(at, hours * HOUR_MS);
export const addDays = (at: Date, days: number): Date => addMs(at, days * DAY_MS);

/** Milliseconds from `now` until `at`; negative once `at` has passed. */
export const msUntil = (at: Date, now: Date): number => at.getTime() - now.getTime();

/** Whole days left, rounded up, so "1 ms left" reads as 1 day and the deadline itself as 0 (never -0). */
export const daysLeftOf = (msLeft: number): number => Math.ceil(msLeft / DAY_MS) + 0;

/**
 * The same instant `months` calendar months later in UTC; a day the month lacks becomes its last
 * day (31 January + 1 month = 28 or 29 February), so "within one month" never runs into the next.
 */
export function addMonthsUtc(at: Date, months: number): Date {
  const target = new Date(at.getTime());
  const day = at.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}
