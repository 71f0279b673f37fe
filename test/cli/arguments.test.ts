// What the psrt command accepts as a date, a number or a login: exactly that,
// or a usage error (exit 2) naming the option and the rule. Nothing is
// coerced into something the person did not type.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDate, parseLogin, parseWholeNumber, readTextInput } from '../../src/cli/arguments.ts';
import { CliError } from '../../src/cli/runtime.ts';

/** The usage error a parse throws. */
function refusal(parse: () => unknown): CliError {
  try {
    parse();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected the value to be refused');
}

describe('dates', () => {
  it.each([
    ['2026-03-01', '2026-03-01T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2026-03-01T09:30Z', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T09:30:15.250Z', '2026-03-01T09:30:15.250Z'],
    ['2026-03-01T09:30:00+02:00', '2026-03-01T07:30:00.000Z'],
    ['2026-03-01T23:30:00-05:30', '2026-03-02T05:00:00.000Z'],
  ])('%s is read as %s', (value, iso) => {
    expect(parseDate(value, '--received-at').toISOString()).toBe(iso);
  });

  it.each([
    ['2026-02-30', 'has no day 30'],
    ['2025-02-29', 'has no day 29'],
    ['2026-13-01', 'has no day 01'],
    ['2026-03-01T24:00Z', 'not a time of day'],
    ['2026-03-01T09:60Z', 'not a time of day'],
    ['0', 'is not a date'],
    ['2026', 'is not a date'],
    ['March 1, 2026', 'is not a date'],
    ['2026-03-01T09:30', 'is not a date'], // a time needs its zone: whose 09:30?
    ['2026-03-01 09:30Z', 'is not a date'],
    ['1970-01-01', 'is before 1990-01-01'],
    ['0050-01-01', 'is before 1990-01-01'],
    ['2100-01-02', 'is after 2100-01-01'],
  ])('%s is refused: %s', (value, why) => {
    const error = refusal(() => parseDate(value, '--received-at'));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('--received-at');
    expect(error.message).toContain(why);
  });

  it('a date after the latest allowed one (received-at: now) is "in the future"', () => {
    const now = new Date('2026-03-10T09:00:00Z');
    expect(parseDate('2026-03-10T09:00:00Z', '--received-at', { notAfter: now })).toEqual(now);
    expect(
      refusal(() => parseDate('2026-03-10T09:00:01Z', '--received-at', { notAfter: now })).message,
    ).toContain('is in the future');
  });
});

describe('whole numbers', () => {
  it.each([
    ['1', 1],
    ['365', 365],
    ['007', 7],
  ])('%s is %d', (value, n) => {
    expect(parseWholeNumber(value, '--days', 1, 365)).toBe(n);
  });

  it.each(['1e2', '0x10', '1.5', '-1', '+5', ' 5', '5 ', '', '0', '366', '١٢', 'Infinity', '9'.repeat(400)])(
    '"%s" is refused, naming the option and the range',
    (value) => {
      const error = refusal(() => parseWholeNumber(value, '--days', 1, 365));
      expect(error.exitCode).toBe(2);
      expect(error.message).toContain('--days must be a whole number from 1 to 365, in digits');
    },
  );
});

describe('logins', () => {
  it.each(['sethmlarson', 'ned-deily', 'Yhg1s', 'a'])('%s is a login', (login) => {
    expect(parseLogin(login, '--as')).toBe(login);
  });

  it.each(['', 'seth larson', '-seth', '../admin', 'a'.repeat(40), 'seth\u001b[31m', 'séth'])(
    '"%s" is refused, naming the option',
    (value) => {
      const error = refusal(() => parseLogin(value, '--reporter'));
      expect(error.exitCode).toBe(2);
      expect(error.message).toContain('--reporter must be a GitHub login');
      expect(error.message).not.toContain('\u001b');
    },
  );
});

describe('files named on the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psrt-args-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are read whole up to the limit', () => {
    const file = join(dir, 'ok.csv');
    writeFileSync(file, 'é'.repeat(512));
    expect(readTextInput(file, '--members', 1024)).toEqual({ text: 'é'.repeat(512), source: 'ok.csv' });
  });

  it('are refused past the limit, saying the limit', () => {
    const file = join(dir, 'big.csv');
    writeFileSync(file, 'x'.repeat(1025));
    const error = refusal(() => readTextInput(file, '--members', 1024));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('--members: "big.csv" is larger than 1 KiB, the most it may be');
  });

  it('that cannot be read say so, with the reason', () => {
    expect(refusal(() => readTextInput(join(dir, 'none.csv'), '--members', 1024)).message).toContain(
      'cannot read',
    );
    expect(refusal(() => readTextInput(dir, '--members', 1024)).message).toContain('EISDIR');
  });
});
