// The crash loop (bench/crash/loop.ts) in one round: a runner process killed
// (SIGKILL) at each named step of the runner and its performers in turn, the
// next one inheriting what it left half done; afterwards every effect happened
// exactly once at its service, two publications included (advisory emails,
// OSV commits, GHSAs closed, CVE records). `npm run crash` kills 1,000 runners
// at random checkpoints instead.
import { describe, expect, it } from 'vitest';
import { type CrashLoopOptions, runCrashLoop } from '../../../bench/crash/loop.ts';
import { serverProblem, serverUrl } from '../../support/engines.ts';

/** Every checkpoint of the runner and its performers (src/app/effects) a round reaches. */
const everyStep = [
  'child:opened',
  'runner:claimed',
  'runner:performed',
  'runner:committed',
  'cve.reserve:intent-recorded',
  'cve.reserve:before-orphan-search',
  'cve.reserve:before-reserve',
  'cve.reserve:reserved',
  'cve.reject:before-reject',
  'cve.reject:rejected',
  'ghsa.update-state:before-patch',
  'ghsa.update-state:patched',
  'ghsa.set-cve:before-patch',
  'ghsa.set-cve:patched',
  'ghsa.create-fork:before-create',
  'ghsa.create-fork:created',
  'ghsa.add-collaborator:before-patch',
  'ghsa.add-collaborator:patched',
  'ghsa.remove-collaborator:before-patch',
  'ghsa.remove-collaborator:patched',
  'ghsa.set-coordinator:before-patch',
  'ghsa.set-coordinator:patched',
  'ghsa.comment:before-post',
  'ghsa.comment:posted',
  'github.open-issue:before-create',
  'github.open-issue:created',
  'mail.send:before-send',
  'mail.send:accepted',
  'mail.send:sent',
  'advisory.send:before-send',
  'advisory.send:accepted',
  'advisory.send:sent',
  'osv.commit:before-commit',
  'osv.commit:committed',
  'cve.publish:before-publish',
  'cve.publish:published',
];

/**
 * Where the database is written around a kill: claims committed, the CVE reservation's intent
 * recorded before asking the CNA, the mail server's acceptance about to be noted and noted (the
 * advisory email), a write done but not recorded, and one recorded.
 */
const aroundCommits = [
  'runner:claimed',
  'cve.reserve:intent-recorded',
  'cve.reserve:reserved',
  'advisory.send:accepted',
  'advisory.send:sent',
  'runner:performed',
  'runner:committed',
];

const killedAtEach = async (options: Pick<CrashLoopOptions, 'engine' | 'steps'>) => {
  const steps = options.steps ?? everyStep;
  const result = await runCrashLoop({ ...options, runs: 100, at: 'each step once', serverUrl });
  // Killed once at each step, then one runner that finished the round.
  expect(Object.keys(result.crashPoints).sort()).toEqual([...steps].sort());
  expect(result.crashes).toBe(steps.length);
  expect(result.runs).toBe(steps.length + 1);
  // Each effect left undone, with its attempts and last error: the reason, should there be one.
  expect(result.notDone).toEqual([]);
  expect(result.effects.lost).toBe(0);
  expect(result.duplicated).toBe(0);
  for (const tally of Object.values(result.writes)) expect(tally.arrived).toBe(tally.expected);
  // Mail: every message arrived; only a kill between the SMTP server's 250 and psrt's note of it resends it.
  expect(result.mail.distinct).toBe(result.mail.expected);
  expect(result.mail.delivered - result.mail.distinct).toBeLessThanOrEqual(result.mail.resendsAllowed);
  // Publications: one advisory email per report (by Message-ID and by subject), one commit per OSV
  // record version, one CVE record write, each as stored.
  const { advisoryEmails: emails, osvCommits, cveRecords, mismatches } = result.publication;
  expect(mismatches).toEqual([]);
  expect(emails.expected).toBeGreaterThan(0);
  expect([emails.messageIds, emails.subjects]).toEqual([emails.expected, emails.expected]);
  expect(emails.resends).toBeLessThanOrEqual(emails.resendsAllowed);
  expect(osvCommits.arrived).toBe(osvCommits.expected);
  expect(cveRecords.arrived).toBe(cveRecords.expected);
  return result;
};

describe.runIf(!serverProblem)('runners killed mid-work on PostgreSQL', () => {
  it('with a runner killed at each step of each performer in turn, every effect happened exactly once', async () => {
    await killedAtEach({ engine: 'postgres' });
  }, 180_000);
});

describe('runners killed mid-work on PGlite', () => {
  it('with a runner killed around each of its commits in turn, every effect happened exactly once in the data folder', async () => {
    await killedAtEach({ engine: 'pglite', steps: aroundCommits });
  }, 120_000);
});
