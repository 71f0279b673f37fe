// The inactivity report at the terminal, with the real `psrt` command on one
// embedded database: an admin produces the report for a chosen period, sends
// it once, records the Council's vote, and lists the reports; a member is refused.
import { afterAll, describe, expect, it } from 'vitest';
import { json, psrt, rosterWorkspace, type Workspace } from './psrt.ts';

const ws: Workspace = await rosterWorkspace();
afterAll(() => ws.remove());
const run = (...args: string[]) => psrt(ws.dir, args);

describe('psrt roster inactivity', () => {
  it("an admin produces the report for a period, sends it once and records the Council's vote", {
    timeout: 60_000,
  }, async () => {
    const produced = await run(
      'roster',
      'inactivity',
      'produce',
      '--as',
      'sethmlarson',
      '--from',
      '2025-01-01',
      '--to',
      '2026-01-01',
    );
    expect(produced.code).toBe(0);
    expect(produced.stdout).toContain('Subject: PSRT inactivity report, 2025-01-01 to 2026-01-01');
    expect(produced.stdout).toContain('- Tim Peters (@tim-one): recommended for removal');
    expect(produced.stdout).toContain('send it with: psrt roster inactivity send 1');
    expect((await run('roster', 'inactivity', 'send', '1', '--as', 'sethmlarson')).stdout).toContain(
      'inactivity report #1 is on its way to the Steering Council',
    );
    const again = await run('roster', 'inactivity', 'send', '1', '--as', 'sethmlarson');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('was already sent to the Steering Council');
    const kept = await run(
      'roster',
      'inactivity',
      'decide',
      '1',
      'tim-one',
      '--keep',
      '--decision',
      'SC vote 2026-01-10',
      '--as',
      'sethmlarson',
      '--json',
    );
    expect(kept.code).toBe(0);
    expect(json<{ login: string; verdict: string }>(kept)).toMatchObject({
      login: 'tim-one',
      verdict: 'keep',
    });
    const listed = await run('roster', 'inactivity', 'list', '--as', 'sethmlarson');
    expect(listed.stdout).toMatch(/1\s+2025-01-01 to 2026-01-01\s+\d+\s+\d{4}-\d{2}-\d{2}\s+1 of \d+/);
  });

  it('refuses a member, and a decision without exactly one of --remove and --keep', {
    timeout: 30_000,
  }, async () => {
    const member = await run('roster', 'inactivity', 'preview', '--as', 'gpshead');
    expect(member.code).not.toBe(0);
    expect(member.stderr).toContain('Only PSRT admins may do this');
    const both = await run(
      'roster',
      'inactivity',
      'decide',
      '1',
      'encukou',
      '--keep',
      '--remove',
      '--decision',
      'x',
      '--as',
      'sethmlarson',
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Give exactly one of --remove and --keep.');
  });
});
