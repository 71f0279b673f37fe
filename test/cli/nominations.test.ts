// Nominations at the terminal, with the real `psrt` command on one embedded
// database: a member nominates, another votes, the nomination reads with its
// rule and votes, and a Steering Council member vetoes it.
import { afterAll, describe, expect, it } from 'vitest';
import { json, psrt, rosterWorkspace, type Workspace } from './psrt.ts';

const ws: Workspace = await rosterWorkspace();
afterAll(() => ws.remove());
const run = (...args: string[]) => psrt(ws.dir, args);

describe('psrt nomination at the terminal', () => {
  it('a member nominates, another votes, and show names the votes and how the vote stands', async () => {
    const opened = await run(
      'nomination',
      'open',
      'new-person',
      '--name',
      'New Person',
      '--why',
      'Fixed a dozen security bugs.',
      '--as',
      'gpshead',
      '--json',
    );
    expect(opened.code, opened.stderr).toBe(0);
    const { id, status, eligibilityWords } = json<{ id: number; status: string; eligibilityWords: string }>(
      opened,
    );
    expect({ status, eligibilityWords }).toEqual({
      status: 'open',
      eligibilityWords: 'unknown: GitHub is not configured',
    });
    const voted = await run('nomination', 'vote', String(id), '--for', '--as', 'encukou');
    expect(voted.code, voted.stderr).toBe(0);
    expect(voted.stdout).toContain(`Your vote on nomination ${id} (New Person): in favour.`);
    const shown = await run('nomination', 'show', String(id), '--as', 'sethmlarson');
    expect(shown.stdout).toContain('Status: open: open until');
    expect(shown.stdout).toContain('so far 1 of 1 vote cast in favour');
    expect(shown.stdout).toContain('  encukou: in favour');

    const vetoed = await run(
      'nomination',
      'veto',
      String(id),
      '--decision',
      'SC vote of 2026-12-04',
      '--as',
      'corona10',
    );
    expect(vetoed.code, vetoed.stderr).toBe(0);
    expect(vetoed.stdout).toMatch(
      /vetoed by the Steering Council on \d{4}-\d{2}-\d{2} \(SC vote of 2026-12-04\)/,
    );
  });

  it('someone who is not a member is refused, with what to do', async () => {
    const listed = await run('nomination', 'list', '--as', 'curious-visitor');
    expect(listed.code).not.toBe(0);
    expect(listed.stderr).toContain('Only PSRT members and the Steering Council see nominations');
  });
});
