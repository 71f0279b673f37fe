// The crash loop (bench/crash/loop.ts, `npm run crash` for the 1,000-run
// version): runner processes killed with SIGKILL at random checkpoints before
// and after each step of each performer; afterwards every effect happened
// exactly once at its service.
import { describe, expect, it } from 'vitest';
import { runCrashLoop } from '../../../bench/crash/loop.ts';
import { serverProblem, serverUrl } from '../../support/engines.ts';

const onceEach = async (engine: 'postgres' | 'pglite', runs: number) => {
  const result = await runCrashLoop({ runs, engine, serverUrl });
  expect(result.runs).toBeGreaterThanOrEqual(runs);
  expect(result.crashes).toBeGreaterThan(runs / 2);
  // Each effect left undone, with its attempts and last error: the reason, should there be one.
  expect(result.notDone).toEqual([]);
  expect(result.effects.lost).toBe(0);
  expect(result.duplicated).toBe(0);
  for (const tally of Object.values(result.writes)) expect(tally.arrived).toBe(tally.expected);
  // Mail: every message arrived; a kill between the SMTP server's 250 and our commit resends the same message.
  expect(result.mail.distinct).toBe(result.mail.expected);
  return result;
};

describe.runIf(!serverProblem)('runners killed at random points on PostgreSQL', () => {
  it('after 100 runner processes killed mid-work, every effect happened exactly once', async () => {
    await onceEach('postgres', 100);
  }, 180_000);
});

describe('runners killed at random points on PGlite', () => {
  it('after 12 runner processes killed mid-work, every effect happened exactly once', async () => {
    await onceEach('pglite', 12);
  }, 120_000);
});
