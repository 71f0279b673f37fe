// What the `psrt` command accepts as dates, numbers and logins, read strictly:
// a value that is not exactly one of these is refused with a message naming
// the option and the rule, never coerced into something else (30 February
// into 2 March, `0x10` into 16). Used as commander option parsers, so a bad
// value stops the command before the database is opened. Files named on the
// command line are read here too, up to a size the command sets.
import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { githubLoginPattern } from '../domain/identifiers.ts';
import { MINUTE_MS } from '../domain/time.ts';
import { CliError } from './runtime.ts';
import { terminalText } from './terminal.ts';

const quoted = (value: string) => `"${terminalText(value)}"`;

/** The earliest date psrt takes: before Python existed (1991), a date is a typo. */
export const EARLIEST_DATE = new Date('1990-01-01T00:00:00Z');
/** The latest date psrt takes where nothing else limits it (e.g. an access expiry). */
export const LATEST_DATE = new Date('2100-01-01T00:00:00Z');

const isoDate =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

export const dateHelp = 'ISO 8601: 2026-03-01 (midnight UTC) or 2026-03-01T09:30:00Z (with Z or an offset)';

/**
 * An ISO 8601 calendar date or date-time with its zone. Every part must exist
 * (no 30 February, no hour 24) and the moment must lie in [notBefore, notAfter].
 */
export function parseDate(
  value: string,
  what: string,
  range: { notBefore?: Date; notAfter?: Date } = {},
): Date {
  const match = isoDate.exec(value);
  const refuse = (why: string) => new CliError(`${what}: ${quoted(value)} ${why}`, 2);
  if (!match) throw refuse(`is not a date (use ${dateHelp})`);
  const part = (i: number) => Number(match[i] ?? 0);
  const [y, mo, d, h, mi, s] = [part(1), part(2), part(3), part(4), part(5), part(6)] as const;
  const millis = Number((match[7] ?? '0').padEnd(3, '0'));
  const zone = match[8] ?? 'Z';
  if (h > 23 || mi > 59 || s > 59)
    throw refuse('is not a time of day (hours 00-23, minutes and seconds 00-59)');
  // setUTCFullYear, unlike Date.UTC, takes year 50 as 50, not 1950.
  const local = new Date(0);
  local.setUTCFullYear(y, mo - 1, d);
  local.setUTCHours(h, mi, s, millis);
  // Dates roll 30 February over into March: reading the parts back tells.
  if (local.getUTCFullYear() !== y || local.getUTCMonth() !== mo - 1 || local.getUTCDate() !== d)
    throw refuse(`is not a date: ${value.slice(0, 7)} has no day ${value.slice(8, 10)}`);
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const [zh = 0, zm = 0] = zone.slice(1).split(':').map(Number);
    if (zh > 23 || zm > 59) throw refuse('has an impossible time zone offset');
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (zh * 60 + zm);
  }
  const date = new Date(local.getTime() - offsetMinutes * MINUTE_MS);
  const notBefore = range.notBefore ?? EARLIEST_DATE;
  const notAfter = range.notAfter ?? LATEST_DATE;
  if (date < notBefore) throw refuse(`is before ${notBefore.toISOString().slice(0, 10)}`);
  if (date > notAfter)
    throw refuse(
      notAfter === range.notAfter ? 'is in the future' : `is after ${notAfter.toISOString().slice(0, 10)}`,
    );
  return date;
}

/** A whole number in decimal digits only (no sign, exponent, hex or fraction), from `min` to `max`. */
export function parseWholeNumber(value: string, what: string, min: number, max: number): number {
  const n = /^[0-9]{1,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max))
    throw new CliError(
      `${what} must be a whole number from ${min} to ${max}, in digits, not ${quoted(value)}`,
      2,
    );
  return n;
}

/** A GitHub login: what a person acts as, is credited as or given access as. */
export function parseLogin(value: string, what: string): string {
  if (!githubLoginPattern.test(value))
    throw new CliError(
      `${what} must be a GitHub login (letters, digits and hyphens, starting with a letter or digit, at most 39 characters), not ${quoted(value)}`,
      2,
    );
  return value;
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${Math.round(bytes / 1024)} KiB`;

/**
 * The text of FILE (`-`: stdin), refused once it passes `maxBytes` without
 * reading the rest, and the name to use for it in messages.
 */
export function readTextInput(
  file: string,
  what: string,
  maxBytes: number,
): { text: string; source: string } {
  const source = file === '-' ? 'stdin' : path.basename(file);
  const cannotRead = (error: unknown) =>
    new CliError(
      `${what}: cannot read ${quoted(file)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      2,
    );
  let fd: number;
  try {
    fd = file === '-' ? 0 : openSync(file, 'r');
  } catch (error) {
    throw cannotRead(error);
  }
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      let read: number;
      try {
        read = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          // A non-blocking stdin with nothing yet: wait a moment for the writer.
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
          continue;
        }
        if (code === 'EOF') break;
        throw cannotRead(error);
      }
      if (read === 0) break;
      size += read;
      if (size > maxBytes)
        throw new CliError(
          `${what}: ${quoted(source)} is larger than ${sizeText(maxBytes)}, the most it may be`,
          2,
        );
      chunks.push(chunk.subarray(0, read));
    }
    return { text: Buffer.concat(chunks).toString('utf8'), source };
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}
