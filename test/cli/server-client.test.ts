// The psrt command as a client of a running psrt: with PSRT_URL and
// PSRT_TOKEN set it calls `psrt serve`'s API, so it works while the server
// holds the embedded database, and prints exactly what it prints when it opens
// the database itself. A refused action, an embargoed report, a bad token or
// an unreachable server each exit with the code and words a person acts on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/app/sessions.ts';
import { createLogger } from '../../src/config/logger.ts';
import { openStore } from '../../src/store/index.ts';
import { cleanEnv, json, psrt, type Workspace, workspace } from './psrt.ts';
import { type Serving, startServe } from './serve-support.ts';

interface ReportJson {
  id: string;
  state: string;
  title: string;
  receivedAt: string;
  coordinator: string | null;
  determination: string | null;
}

const ws: Workspace = workspace();
let serve: Serving;
const tokens = { seth: '', mira: '', reader: '' };

/** `psrt ARGS` against the running server, with `token`. */
const remote = (token: string, ...args: string[]) =>
  psrt(ws.dir, args, cleanEnv({ PSRT_URL: serve.url, PSRT_TOKEN: token }));

beforeAll(async () => {
  // The tokens are made while the folder is free (the Tokens page makes them once psrt serves).
  const store = await openStore({ dataDir: ws.dataDir });
  try {
    await store.migrate();
    const ctx = { store, now: () => new Date(), log: createLogger('silent') };
    const person = (login: string) => ({ kind: 'user' as const, login, member: false, roles: [] });
    tokens.seth = (await createApiToken(ctx, person('sethmlarson'), { name: 'cli', scope: 'act' })).secret;
    tokens.mira = (
      await createApiToken(ctx, person('mira-finds-bugs'), { name: 'cli', scope: 'act' })
    ).secret;
    tokens.reader = (await createApiToken(ctx, person('sethmlarson'), { name: 'ro', scope: 'read' })).secret;
  } finally {
    await store.close();
  }
  // The first start seeds the sandbox and performs its effects: seconds, more on a busy machine.
  serve = await startServe(ws.dir);
}, 180_000);

afterAll(async () => {
  serve?.child.kill('SIGTERM');
  await serve?.exit(15_000);
  ws.remove();
});

let created: ReportJson;

/** The report the first test files through the server. */
function triageReport(): ReportJson {
  if (!created) throw new Error('the first test files a report through the server');
  return created;
}

describe('psrt with PSRT_URL and PSRT_TOKEN, while psrt serve holds the database', () => {
  it('report create files a report on the server, printing it as it does on its own database', async () => {
    const result = await remote(
      tokens.seth,
      'report',
      'create',
      '--repo',
      'python/cpython',
      '--title',
      'EMBARGOED: zipimport reads past the end of a crafted archive',
      '--received-at',
      '2026-11-20',
      '--json',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    created = json<ReportJson>(result);
    expect(created).toMatchObject({ state: 'triage', receivedAt: '2026-11-20T00:00:00.000Z' });
  }, 60_000);

  it('report list prints the open reports with their clocks, as the server sees them', async () => {
    const text = await remote(tokens.seth, 'report', 'list');
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toMatch(/^REPORT\s+STATE\s+REPOSITORY\s+COORDINATOR\s+DEADLINE/);
    expect(text.stdout).toMatch(/\n\d+ of \d+ \(page 1\)\n$/);
    const listed = await remote(tokens.seth, 'report', 'list', '--json');
    const page = json<{ reports: { report: ReportJson; clocks: { disclosure: { deadline: string } } }[] }>(
      listed,
    );
    const row = page.reports.find((r) => r.report.id === triageReport().id);
    expect(row?.clocks.disclosure.deadline).toBe('2027-02-18T00:00:00.000Z');
    expect(text.stdout).toContain(`${triageReport().id}  triage`);
  }, 60_000);

  it('report show prints the report with its checklists', async () => {
    const report = triageReport();
    const shown = await remote(tokens.seth, 'report', 'show', report.id);
    expect(shown.code).toBe(0);
    expect(shown.stdout.split('\n')[0]).toContain(report.id);
    expect(shown.stdout).toContain('  state         triage');
    expect(shown.stdout).toContain('accept (triage → accepted): blocked');
  }, 60_000);

  it('a refused action says what is missing (exit 1); an action changes the report on the server', async () => {
    const report = triageReport();
    const refused = await remote(tokens.seth, 'report', 'accept', report.id);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('psrt: Cannot accept the report.');
    expect(refused.stderr).toContain(`  psrt report determine ${report.id} <vulnerability|`);
    const determined = await remote(tokens.seth, 'report', 'determine', report.id, 'vulnerability');
    expect(determined.stderr).toBe('');
    expect(determined.stdout).toBe(`${report.id}: determination recorded: vulnerability\n`);
    const shown = json<{ report: ReportJson }>(
      await remote(tokens.seth, 'report', 'show', report.id, '--json'),
    );
    expect(shown.report.determination).toBe('vulnerability');
  }, 60_000);

  it('an embargoed report is not found for someone without a grant: exit 3, word for word as an unknown id', async () => {
    const report = triageReport();
    const unknownId = report.id.replace(/\d{4}$/, '9999');
    const hidden = await remote(tokens.mira, 'report', 'show', report.id);
    const missing = await remote(tokens.mira, 'report', 'show', unknownId);
    expect(hidden.code).toBe(3);
    expect(hidden.stderr).toBe(missing.stderr.replace(unknownId, report.id));
    expect(hidden.stderr).not.toContain('EMBARGOED');
  }, 60_000);

  it('a read-only token may list but not act: exit 4, saying which scope it needs', async () => {
    const report = triageReport();
    expect((await remote(tokens.reader, 'report', 'list')).code).toBe(0);
    const acted = await remote(tokens.reader, 'report', 'extend', report.id, '--days', '7', '--reason', 'r');
    expect(acted.code).toBe(4);
    expect(acted.stderr).toBe(
      'psrt: This API token may only read: make one with the act scope to change anything.\n',
    );
  }, 60_000);

  it('a bad token is refused in words that say to make a new one (exit 78), with --json too', async () => {
    const result = await remote('psrt_not-a-token-psrt-gave', 'report', 'list');
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`psrt at ${serve.url} refused PSRT_TOKEN`);
    expect(result.stderr).toContain('make a new one on the Tokens page');
    const asJson = await remote('psrt_not-a-token-psrt-gave', 'report', 'list', '--json');
    expect(asJson.code).toBe(78);
    expect(JSON.parse(asJson.stderr)).toMatchObject({ error: 'error' });
  }, 60_000);

  it('--as naming someone other than the token is a usage error, not a silent switch', async () => {
    const result = await remote(tokens.seth, '--as', 'gpshead', 'report', 'list');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PSRT_TOKEN acts as sethmlarson');
    expect((await remote(tokens.seth, '--as', 'sethmlarson', 'report', 'list')).code).toBe(0);
  }, 60_000);
});

describe('psrt with a server half configured, or unreachable', () => {
  it('PSRT_URL without PSRT_TOKEN says to make a token (exit 78)', async () => {
    const result = await psrt(ws.dir, ['report', 'list'], cleanEnv({ PSRT_URL: 'http://127.0.0.1:9' }));
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('PSRT_TOKEN is not set');
  }, 60_000);

  it('a server that does not answer is named, with what to check (exit 1)', async () => {
    const result = await psrt(
      ws.dir,
      ['report', 'list'],
      cleanEnv({ PSRT_URL: 'http://127.0.0.1:9', PSRT_TOKEN: tokens.seth }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot reach psrt at http://127.0.0.1:9');
    expect(result.stderr).toContain('PSRT_URL');
    expect(result.stderr).not.toContain(tokens.seth);
  }, 60_000);
});
