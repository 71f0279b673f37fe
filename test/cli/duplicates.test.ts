// Duplicates at the terminal, with the real `psrt` command on one embedded
// database: `psrt report similar` names the likely original and why, and
// `psrt report merge DUPLICATE --into ORIGINAL` merges it, refusing a merge
// into a report that is itself rejected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReport } from '../../src/app/reports.ts';
import { resolvePrincipal } from '../../src/app/roster.ts';
import { createLogger } from '../../src/config/logger.ts';
import { openStore } from '../../src/store/index.ts';
import { json, psrt, rosterWorkspace, type Workspace } from './psrt.ts';

const ws: Workspace = await rosterWorkspace();
afterAll(() => ws.remove());
const run = (...args: string[]) => psrt(ws.dir, args);
const ids: string[] = [];

async function create(title: string, description: string, receivedAt: string, reporter: string) {
  const created = await run(
    'report',
    'create',
    '--as',
    'sethmlarson',
    '--repo',
    'python/cpython',
    '--title',
    title,
    '--description',
    description,
    '--received-at',
    receivedAt,
    '--reporter',
    reporter,
    '--json',
  );
  expect(created.code, created.stderr).toBe(0);
  ids.push(json<{ id: string }>(created).id);
}

describe('psrt report similar and merge at the terminal', () => {
  // The two reports are filed in this process, by the use-case `psrt report create` calls.
  beforeAll(async () => {
    const text =
      'http.cookies.SimpleCookie.load() backtracks on a cookie value full of backslashes (_unquote).';
    const store = await openStore({ dataDir: ws.dataDir });
    try {
      const ctx = { store, now: () => new Date(), log: createLogger('silent') };
      const seth = await resolvePrincipal(ctx, 'sethmlarson');
      const file = async (title: string, description: string, receivedAt: string, reporter: string) =>
        ids.push(
          (
            await createReport(ctx, seth, {
              repository: 'python/cpython',
              title,
              description,
              receivedAt: new Date(receivedAt),
              reporter,
            })
          ).id,
        );
      await file('http.cookies: ReDoS in SimpleCookie', text, '2026-03-05', 'alice');
      await file('SimpleCookie quadratic backtracking', `Found independently: ${text}`, '2026-03-01', 'bob');
    } finally {
      await store.close();
    }
  });

  it('names the likely original of a report, with the reasons', async () => {
    const similar = await run('report', 'similar', ids[1] ?? '', '--as', 'sethmlarson');
    expect(similar.code, similar.stderr).toBe(0);
    expect(similar.stdout).toContain(ids[0]);
    expect(similar.stdout).toContain('same repository and module `http.cookies`');
  });

  it('merges the duplicate into the original, saying what the original gained', async () => {
    const merged = await run('report', 'merge', ids[1] ?? '', '--into', ids[0] ?? '', '--as', 'sethmlarson');
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout.trim().split('\n')).toEqual([
      `${ids[1]} merged into ${ids[0]}: rejected as its duplicate`,
      `${ids[0]} now counts from 2026-03-01`,
      `${ids[0]} credits bob (reporter)`,
    ]);
  });

  it('refuses a merge into a rejected report, saying what to do, and changes nothing', async () => {
    await create('another', 'something else entirely', '2026-03-07', 'carol');
    const refused = await run('report', 'merge', ids[2] ?? '', '--into', ids[1] ?? '', '--as', 'sethmlarson');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`${ids[1]} is rejected: merge into the report that is still tracked`);
    const shown = json<{ report: { state: string } }>(
      await run('report', 'show', ids[2] ?? '', '--as', 'sethmlarson', '--json'),
    );
    expect(shown.report.state).toBe('triage');
  });
});
