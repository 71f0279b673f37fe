// Keeping the venues in sync at the terminal, with the real `psrt` command on
// one embedded database (no GitHub App here: the team and the devguide say
// why they were not read): a member's contact, the mailing list's plan against
// its current subscribers written for the list's administrator and marked
// applied, and the devguide's two files written from the roster.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { json, psrt, rosterWorkspace, sandboxRoster, type Workspace } from './psrt.ts';

const ws: Workspace = await rosterWorkspace();
afterAll(() => ws.remove());
const run = (...args: string[]) => psrt(ws.dir, [...args, '--as', 'sethmlarson']);

describe('psrt roster drift and sync at the terminal', () => {
  it("an admin sets a member's address; the mailing list's plan against its subscribers is written for the list's administrator and marked applied", async () => {
    const contact = await run('roster', 'contact', 'gpshead', '--email', 'greg@krypto.org');
    expect(contact).toMatchObject({ code: 0, stdout: '@gpshead: email greg@krypto.org, Discord -\n' });

    writeFileSync(join(ws.dir, 'subscribers.txt'), '# exported from Mailman\nformer@example.org\n');
    const out = join(ws.dir, 'plan.txt');
    const plan = await run(
      'roster',
      'sync',
      'mailing-list',
      '--current',
      join(ws.dir, 'subscribers.txt'),
      '--out',
      out,
      '--mark-applied',
    );
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(
      'Mailing list, against the list given:\n  subscribe   greg@krypto.org (@gpshead)\n  unsubscribe former@example.org\n',
    );
    expect(plan.stdout).toContain('Marked applied: the mailing list is taken to hold 1 from now on.');
    expect(readFileSync(out, 'utf8')).toContain(
      'Subscribe (Mass subscription, one address a line):\ngreg@krypto.org\n',
    );
  });

  it('psrt roster drift says which venues could not be read and why, and compares the mailing list with the plan applied', async () => {
    const drift = json<{
      team: { problem: string };
      mailingList: { add: unknown[]; remove: unknown[]; basis: { kind: string } };
    }>(await run('roster', 'drift', '--json'));
    expect(drift.team.problem).toContain('GitHub is not configured');
    expect(drift.mailingList).toMatchObject({ add: [], remove: [], basis: { kind: 'last-applied' } });
  });

  it("psrt roster sync devguide --out-dir writes the devguide's two files, byte for byte as the roster's export", async () => {
    const dir = join(ws.dir, 'devguide');
    const result = await run('roster', 'sync', 'devguide', '--out-dir', dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`wrote ${join(dir, 'psrt.csv')}`);
    for (const name of ['psrt.csv', 'psrt-emeritus.csv'] as const)
      expect(readFileSync(join(dir, name), 'utf8')).toBe(readFileSync(sandboxRoster(name), 'utf8'));
  });
});
