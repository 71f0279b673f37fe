// What a PSRT member sees of the effect runner at the terminal, with the real
// `psrt` command on one embedded database: the effects an accepted report
// waits on, the filters and --json of `psrt effects list`, `effects retry`
// refusing what it cannot do, `effects run --once` on a psrt without GitHub,
// CNA or mail configured, and the effects in `psrt report show`. The steps
// share one folder (opening it costs a second or two) and build on each other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignCoordinator, createReport, determineReport, transitionReport } from '../../src/app/reports.ts';
import { resolvePrincipal } from '../../src/app/roster.ts';
import { createLogger } from '../../src/config/logger.ts';
import { openStore } from '../../src/store/index.ts';
import { json, psrt, rosterWorkspace, type Workspace } from './psrt.ts';

interface EffectJson {
  id: number;
  kind: string;
  reportId: string | null;
  status: string;
  attempts: number;
  maxAttempts: number;
}
interface ListJson {
  effects: EffectJson[];
  summary: { byStatus: Record<string, number>; oldestPendingSince: string | null };
}

const ws: Workspace = await rosterWorkspace();
afterAll(() => ws.remove());
const run = (...args: string[]) => psrt(ws.dir, args);
const description = 'A crafted preset dictionary overflows a heap buffer.';

let accepted = '';
let other = '';

describe('psrt effects at the terminal', () => {
  // A migrated folder with the devguide roster, one accepted report and one whose coordinator
  // changed: the effects they leave behind are what the tests below look at. They are made by
  // the use-cases the commands call, in this process (six commands would take seconds each).
  beforeAll(async () => {
    const store = await openStore({ dataDir: ws.dataDir });
    try {
      const ctx = { store, now: () => new Date(), log: createLogger('silent') };
      const seth = await resolvePrincipal(ctx, 'sethmlarson');
      const file = async (title: string) =>
        (await createReport(ctx, seth, { repository: 'python/cpython', title, description })).id;
      accepted = await file('zlib: heap overflow in decompressobj');
      other = await file('email: header injection');
      await assignCoordinator(ctx, seth, accepted, 'sethmlarson');
      await determineReport(ctx, seth, accepted, 'vulnerability');
      await transitionReport(ctx, seth, accepted, 'accept');
      await assignCoordinator(ctx, seth, other, 'encukou');
    } finally {
      await store.close();
    }
  });

  it('an accepted report leaves its CVE reservation and its notice pending for the runner', async () => {
    const result = await run('effects', 'list', '--as', 'sethmlarson');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+KIND\s+REPORT\s+STATUS\s+ATTEMPTS\s+WHEN\s+LAST ERROR$/);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^\\d+\\s+cve\\.reserve\\s+${accepted}\\s+pending\\s+0/8\\s`)),
        expect.stringMatching(new RegExp(`^\\d+\\s+mail\\.send\\s+${accepted}\\s+pending\\s+0/8\\s`)),
        expect.stringMatching(new RegExp(`^\\d+\\s+mail\\.send\\s+${other}\\s+pending\\s+0/8\\s`)),
      ]),
    );
    expect(lines.at(-1)).toMatch(/^3 pending \(oldest due \S+\), 0 in progress, 0 done, 0 failed$/);
  });

  it('effects list --json gives each effect and the counts, but no report text', async () => {
    const result = await run('effects', 'list', '--as', 'sethmlarson', '--json');
    expect(result.code).toBe(0);
    const listed = json<ListJson>(result);
    expect(listed.effects).toHaveLength(3);
    for (const effect of listed.effects) {
      expect(Object.keys(effect).sort()).toEqual(
        [
          'attempts',
          'completedAt',
          'createdAt',
          'id',
          'kind',
          'lastError',
          'maxAttempts',
          'nextAttemptAt',
          'reportId',
          'result',
          'status',
        ].sort(),
      );
    }
    expect(listed.summary).toEqual({
      byStatus: { pending: 3, claimed: 0, done: 0, failed: 0 },
      oldestPendingSince: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(result.stdout).not.toContain('zlib');
    expect(result.stdout).not.toContain(description);
  });

  it("--report narrows the list to one report's effects", async () => {
    const result = await run('effects', 'list', '--report', other, '--as', 'gpshead', '--json');
    expect(result.code).toBe(0);
    expect(json<ListJson>(result).effects.map((e) => [e.kind, e.reportId])).toEqual([['mail.send', other]]);
  });

  it('--pending and --failed narrow the list by status, and together are refused as bad usage', async () => {
    const pending = json<ListJson>(await run('effects', 'list', '--pending', '--as', 'gpshead', '--json'));
    expect(pending.effects.map((e) => e.status)).toEqual(['pending', 'pending', 'pending']);
    const failed = json<ListJson>(await run('effects', 'list', '--failed', '--as', 'gpshead', '--json'));
    expect(failed.effects).toEqual([]);
    const both = await run('effects', 'list', '--failed', '--pending', '--as', 'gpshead');
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('psrt: Choose --failed or --pending, not both.\n');
  });

  it('effects retry on an effect that has not failed exits 1, saying only a failed effect is retried', async () => {
    const listed = json<ListJson>(
      await run('effects', 'list', '--report', accepted, '--as', 'sethmlarson', '--json'),
    );
    const reservation = listed.effects.find((e) => e.kind === 'cve.reserve') as EffectJson;
    const result = await run('effects', 'retry', String(reservation.id), '--as', 'sethmlarson');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `psrt: Effect ${reservation.id} is pending, not failed: only a failed effect is retried.\n`,
    );
  });

  it('effects retry on an id no effect has exits 3', async () => {
    const result = await run('effects', 'retry', '999', '--as', 'sethmlarson');
    expect(result.code).toBe(3);
    expect(result.stderr).toBe('psrt: No effect 999. List them with their ids.\n');
  });

  it('someone who is not a PSRT member may neither list, retry nor run effects: exit 4', async () => {
    for (const args of [['list'], ['retry', '1'], ['run', '--once']]) {
      const result = await run('effects', ...args, '--as', 'curious-visitor');
      expect(result.code).toBe(4);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe('psrt: Only PSRT members may do this.\n');
    }
  });

  it('effects run --once on a psrt without GitHub, CNA or mail says what is missing and leaves the effects pending', async () => {
    const result = await run('effects', 'run', '--once', '--as', 'sethmlarson');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^psrt: not configured: github, cna, mailer, advisoryDatabase; .* effects wait\.\n$/,
    );
    expect(result.stderr).toContain('osv.commit');
    expect(result.stderr).toContain('cve.reserve');
    expect(result.stderr).toContain('mail.send');
    expect(result.stdout).toBe('0 done, 0 to retry later, 0 failed\n');
    const after = json<ListJson>(await run('effects', 'list', '--as', 'sethmlarson', '--json'));
    expect(after.effects.map((e) => [e.status, e.attempts])).toEqual([
      ['pending', 0],
      ['pending', 0],
      ['pending', 0],
    ]);
  });

  it("report show lists the report's effects for a member", async () => {
    const result = await run('report', 'show', accepted, '--as', 'gpshead');
    expect(result.code).toBe(0);
    const [, section = ''] = result.stdout.split('\nEffects\n');
    const rows = section.trimEnd().split('\n').slice(2);
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.includes(accepted) && /\spending\s+0\/8\s/.test(row))).toBe(true);
    expect(rows.map((row) => row.split(/\s+/)[1]).sort()).toEqual(['cve.reserve', 'mail.send']);

    const detail = json<{ effects: EffectJson[] | null }>(
      await run('report', 'show', accepted, '--as', 'gpshead', '--json'),
    );
    expect(detail.effects?.map((e) => e.kind).sort()).toEqual(['cve.reserve', 'mail.send']);
  });
});
