// A coordinator's credits at the terminal, with the real `psrt` command on one
// embedded database: `psrt report credit list` shows who is credited and who has
// not accepted yet, and `psrt report credit drop` drops a credit by login or by
// its printed name, refusing a name no credit carries. The report and its credits are written
// beforehand, in this process, as a coordinator files and edits it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReport, editReport } from '../../src/app/reports.ts';
import { resolvePrincipal } from '../../src/app/roster.ts';
import { createLogger } from '../../src/config/logger.ts';
import type { Credit } from '../../src/domain/publication.ts';
import { openStore } from '../../src/store/index.ts';
import { json, psrt, rosterWorkspace, type Workspace } from './psrt.ts';

const ws: Workspace = await rosterWorkspace();
afterAll(() => ws.remove());
const run = (...args: string[]) => psrt(ws.dir, args);
let reportId = '';

describe('psrt report credit at the terminal', () => {
  beforeAll(async () => {
    const store = await openStore({ dataDir: ws.dataDir });
    try {
      const ctx = { store, now: () => new Date(), log: createLogger('silent') };
      const seth = await resolvePrincipal(ctx, 'sethmlarson');
      const input = { repository: 'python/cpython', title: 'zipfile: heap overflow', description: '' };
      reportId = (await createReport(ctx, seth, input)).id;
      await editReport(ctx, seth, reportId, {
        publication: {
          credits: [
            { name: 'Rémy Fixer', type: 'remediation developer', login: 'remy-fixes', state: 'pending' },
            { name: 'Noriko Totsuka of JPCERT/CC', type: 'other', login: null, state: 'accepted' },
          ],
        },
      });
    } finally {
      await store.close();
    }
  });

  it('lists every credit with its type, login and whether it was accepted', async () => {
    const listed = await run('report', 'credit', 'list', reportId, '--as', 'sethmlarson');
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+TYPE\s+LOGIN\s+STATE$/);
    expect(lines[2]).toMatch(/^Rémy Fixer\s+remediation developer\s+remy-fixes\s+pending$/);
    expect(lines[3]).toMatch(/^Noriko Totsuka of JPCERT\/CC\s+other\s+accepted$/);
  });

  it('drops a credit by its login, and one given outside GitHub by its printed name', async () => {
    const byLogin = await run('report', 'credit', 'drop', reportId, 'remy-fixes', '--as', 'sethmlarson');
    expect(byLogin.code).toBe(0);
    // This report has no GHSA: nothing to take off GitHub.
    expect(byLogin.stdout.trim()).toBe(
      `${reportId}: dropped Rémy Fixer (remediation developer) from the publication`,
    );
    const byName = await run(
      'report',
      'credit',
      'drop',
      reportId,
      'Noriko Totsuka of JPCERT/CC',
      '--as',
      'sethmlarson',
      '--json',
    );
    expect(json<{ dropped: Credit[] }>(byName).dropped.map((c) => c.type)).toEqual(['other']);
    const listed = await run('report', 'credit', 'list', reportId, '--as', 'sethmlarson');
    expect(listed.stdout.trim()).toBe(`${reportId} has no credits`);
  });

  it('a name no credit carries is refused, pointing to the list', async () => {
    const refused = await run('report', 'credit', 'drop', reportId, 'nobody', '--as', 'sethmlarson');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('names "nobody"');
    expect(refused.stderr).toContain('psrt report credit list');
  });
});
