// A coordinator's and an admin's day at the terminal, in order, with the real
// `psrt` command on one embedded database: migrate it, set up the roster, take a report
// from triage to accepted, extend it, grant and revoke a collaborator, check
// the audit log, then start `psrt serve` on the same folder. Each step relies
// on the ones before it (and opening the folder costs a second or two, so the
// steps share one).
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bin, cleanEnv, json, psrt, sandboxRoster, type Workspace, workspace } from './psrt.ts';

const DAY_MS = 86_400_000;

interface ReportJson {
  id: string;
  state: string;
  title: string;
  receivedAt: string;
  coordinator: string | null;
  determination: string | null;
  extensions: Array<{ days: number; reason: string; reporterAgreed: boolean; grantedBy: string }>;
}
interface ClocksJson {
  disclosure: { deadline: string; daysLeft: number; overdue: boolean };
}
interface GrantJson {
  login: string;
  grantedBy: string;
  reason: string;
  revokedAt: string | null;
}
interface DetailJson {
  report: ReportJson;
  clocks: ClocksJson;
  grants: GrantJson[] | null;
  checklists: Array<{ transition: string; allowed: boolean }>;
}

const ws: Workspace = workspace();
let server: ChildProcessWithoutNullStreams | undefined;
afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server?.once('close', resolve));
    server.kill('SIGKILL');
    await exited;
  }
  ws.remove();
});
const run = (...args: string[]) => psrt(ws.dir, args);

/** Starts `psrt serve --port 0` in the workspace; resolves once it says where it listens. */
function startServe(): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], { cwd: ws.dir, env: cleanEnv() });
  server = child;
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const listening = /listening on (http:\/\/\S+)/.exec(stdout);
      if (listening?.[1]) resolve({ child, url: listening[1] });
    });
    child.once('close', (code) =>
      reject(new Error(`psrt serve exited with ${code} before listening: ${stderr}`)),
    );
  });
}

const membersCsv = readFileSync(sandboxRoster('psrt.csv'), 'utf8');
// Thirty days ago, as the date a security@ email arrived.
const receivedDay = new Date(Date.now() - 30 * DAY_MS).toISOString().slice(0, 10);
const receivedAt = new Date(`${receivedDay}T00:00:00Z`);
let id = '';

describe('a PSRT session with the psrt command', () => {
  it('psrt db migrate sets up the new data folder first (other commands never change the schema)', async () => {
    const result = await run('db', 'migrate');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('database is up to date (pglite)\n');
  });

  it('the first roster import into an empty database sets up the team from the devguide files', async () => {
    const result = await run(
      'roster',
      'import',
      '--members',
      sandboxRoster('psrt.csv'),
      '--emeritus',
      sandboxRoster('psrt-emeritus.csv'),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('imported 31 members, imported 9 emeritus entries\n');
  });

  it('roster export prints the member list byte for byte as the devguide publishes it', async () => {
    const result = await run('roster', 'export');
    expect(result.code).toBe(0);
    expect(Buffer.from(result.stdout, 'utf8').equals(readFileSync(sandboxRoster('psrt.csv')))).toBe(true);
  });

  it('report create records a report in triage whose clock starts when the PSRT first received it', async () => {
    const result = await run(
      'report',
      'create',
      '--as',
      'sethmlarson',
      '--repo',
      'python/cpython',
      '--title',
      'zlib: heap overflow in decompressobj with a crafted dictionary',
      '--description',
      'A crafted preset dictionary overflows a heap buffer.',
      '--received-at',
      receivedDay,
      '--json',
    );
    expect(result.code).toBe(0);
    const report = json<ReportJson>(result);
    expect(report.id).toMatch(/^PSRT-\d{4}-\d{4}$/);
    expect(report.state).toBe('triage');
    expect(report.receivedAt).toBe(receivedAt.toISOString());
    id = report.id;
  });

  it('report list shows the open report with its 90-day disclosure deadline', async () => {
    const result = await run('report', 'list', '--as', 'sethmlarson', '--json');
    expect(result.code).toBe(0);
    const page = json<{ total: number; reports: Array<{ report: ReportJson; clocks: ClocksJson }> }>(result);
    expect(page.total).toBe(1);
    const [row] = page.reports;
    expect(row?.report.id).toBe(id);
    expect(row?.clocks.disclosure.deadline).toBe(new Date(receivedAt.getTime() + 90 * DAY_MS).toISOString());
    expect(row?.clocks.disclosure.overdue).toBe(false);
    expect(row?.clocks.disclosure.daysLeft).toBeGreaterThanOrEqual(59);
    expect(row?.clocks.disclosure.daysLeft).toBeLessThanOrEqual(60);
  });

  it('report assign without a login makes the acting member the coordinator', async () => {
    const result = await run('report', 'assign', id, '--as', 'sethmlarson');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${id}: coordinator is now sethmlarson\n`);
  });

  it('accepting before the determination is recorded is refused with exit 1, naming what is missing', async () => {
    const result = await run('report', 'accept', id, '--as', 'sethmlarson');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Cannot accept the report.');
    expect(result.stderr).toContain('No determination is recorded');
    expect(result.stderr).toContain('psrt report determine');
    // The command to run, for this report, after the words every interface shares.
    expect(result.stderr).toContain(`  psrt report determine ${id} <vulnerability|`);
    // The coordinator requirement is met, so it is not listed as missing.
    expect(result.stderr).not.toContain('No coordinator');
  });

  it('report determine records that it is a vulnerability', async () => {
    const result = await run('report', 'determine', id, 'vulnerability', '--as', 'sethmlarson');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${id}: determination recorded: vulnerability\n`);
  });

  it('with a coordinator and the determination, report accept moves it to accepted', async () => {
    const result = await run('report', 'accept', id, '--as', 'sethmlarson');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${id} accepted, coordinator sethmlarson\n`);
  });

  it('report extend moves the deadline and records that the reporter agreed', async () => {
    const result = await run(
      'report',
      'extend',
      id,
      '--days',
      '14',
      '--reason',
      'The fix must land in every maintained branch.',
      '--reporter-agreed',
      '--as',
      'sethmlarson',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${id}: deadline extended by 14 days\n`);
  });

  it('report grant gives the reporter access to this report until 14 days after it is finished', async () => {
    const result = await run(
      'report',
      'grant',
      id,
      'mira-finds-bugs',
      '--reason',
      'reporter',
      '--as',
      'sethmlarson',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`mira-finds-bugs may now see ${id} until 14 days after it is finished\n`);
  });

  it('report show gives a member every field: state, coordinator, extension, deadline and collaborators', async () => {
    const result = await run('report', 'show', id, '--as', 'sethmlarson', '--json');
    expect(result.code).toBe(0);
    const detail = json<DetailJson>(result);
    expect(detail.report).toMatchObject({
      id,
      state: 'accepted',
      coordinator: 'sethmlarson',
      determination: 'vulnerability',
      receivedAt: receivedAt.toISOString(),
    });
    expect(detail.report.extensions).toEqual([
      expect.objectContaining({ days: 14, reporterAgreed: true, grantedBy: 'sethmlarson' }),
    ]);
    expect(detail.clocks.disclosure.deadline).toBe(
      new Date(receivedAt.getTime() + 104 * DAY_MS).toISOString(),
    );
    expect(detail.grants).toEqual([
      expect.objectContaining({
        login: 'mira-finds-bugs',
        grantedBy: 'sethmlarson',
        reason: 'reporter',
        revokedAt: null,
      }),
    ]);
  });

  it('report timeline tells a member what happened, newest first, with each reason under its entry', async () => {
    const result = await run('report', 'timeline', id, '--as', 'sethmlarson');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const when = /^\d{4}-\d\d-\d\d \d\d:\d\d UTC {2}/;
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.every((line) => when.test(line) || line.startsWith(' '.repeat(35)))).toBe(true);
    expect(lines.map((line) => line.replace(when, '').trim())).toEqual([
      'sethmlarson  gave mira-finds-bugs access until 14 days after the report is finished',
      'reporter',
      'sethmlarson  extended the disclosure deadline by 14 days (the reporter agreed)',
      'The fix must land in every maintained branch.',
      'psrt         [effect] reserve a CVE ID at the CNA (waiting)',
      'sethmlarson  accepted the report',
      'sethmlarson  determined the report is a vulnerability',
      `psrt         [effect] mail the PSRT: [PSRT] ${id}: sethmlarson coordinates (waiting)`,
      'sethmlarson  became coordinator',
      'sethmlarson  filed the report',
    ]);
  });

  it('report timeline --json gives the collaborator what GitHub shows them: no grant, effect or reason', async () => {
    const result = await run('report', 'timeline', id, '--as', 'mira-finds-bugs', '--json');
    expect(result.code).toBe(0);
    const timeline = json<{ reportId: string; entries: Array<{ who: string; what: string; text: null }> }>(
      result,
    );
    expect(timeline.reportId).toBe(id);
    expect(timeline.entries.map((entry) => `${entry.who} ${entry.what}`)).toEqual([
      'sethmlarson extended the disclosure deadline by 14 days (the reporter agreed)',
      'sethmlarson accepted the report',
      'sethmlarson became coordinator',
      'sethmlarson filed the report',
    ]);
    expect(timeline.entries.every((entry) => entry.text === null && !('effect' in entry))).toBe(true);
  });

  it('report revoke removes the collaborator', async () => {
    const result = await run('report', 'revoke', id, 'mira-finds-bugs', '--as', 'sethmlarson');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`mira-finds-bugs no longer has access to ${id}\n`);
  });

  it('after the revocation the report does not exist for her: exit 3, word for word as for an unknown id', async () => {
    const revoked = await run('report', 'show', id, '--as', 'mira-finds-bugs');
    const unknownId = id.replace(/\d{4}$/, '9999');
    const missing = await run('report', 'show', unknownId, '--as', 'mira-finds-bugs');
    expect(revoked.code).toBe(3);
    expect(missing.code).toBe(3);
    expect(revoked.stdout).toBe('');
    expect(revoked.stderr).toBe(missing.stderr.replace(unknownId, id));
    expect(revoked.stderr).not.toContain('zlib');
  });

  it('an admin verifies the audit log: every step above is there, the chain is intact, and the check is recorded', async () => {
    type Checked = { by: string; verdict: { ok: boolean; count: number; lastSeq: number; lastHash: string } };
    const result = await run('audit', 'verify', '--as', 'warsaw', '--json');
    expect(result.code).toBe(0);
    const { by, verdict } = json<Checked>(result);
    expect(by).toBe('warsaw');
    expect(verdict.ok).toBe(true);
    // roster import, create, assign, determine, accept, extend, grant, revoke (refusals change nothing).
    expect(verdict.count).toBe(8);
    // The check is an event of the log: the next check counts it, and holds the log to the head printed.
    const again = await run(
      'audit',
      'verify',
      '--expect-head',
      `${verdict.lastSeq}:${verdict.lastHash}`,
      '--as',
      'warsaw',
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^audit log intact: 9 events verified\nhead 9:[0-9a-f]{64} \(keep it/);
  });

  it('a member who is not an admin may not verify the audit log: exit 4, and with --json a parseable error', async () => {
    const result = await run('audit', 'verify', '--as', 'gpshead', '--json');
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    const error = JSON.parse(result.stderr) as { error: string; message: string };
    expect(error.error).toBe('forbidden');
    expect(error.message).toContain('Only PSRT admins');
  });

  it('a malformed roster file is refused naming each bad line, and the roster is left as it was', async () => {
    const bad = join(ws.dir, 'psrt-edited.csv');
    writeFileSync(bad, `${membersCsv}Someone "Nick" Else,someone,\nNo Login,,\n`);
    const result = await run('roster', 'import', '--members', bad, '--as', 'warsaw');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('psrt-edited.csv line 32: bad quoting');
    expect(result.stderr).toContain('psrt-edited.csv line 33: the GitHub username is blank');

    const exported = await run('roster', 'export');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(membersCsv);
  });

  it('while psrt serve holds the database folder, another command is told which process to stop', async () => {
    const serve = await startServe();
    expect((await fetch(`${serve.url}/healthz`)).status).toBe(200);

    const second = await run('report', 'list', '--as', 'sethmlarson');
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`in use by process ${serve.child.pid}`);
    expect(second.stderr).toContain(ws.dataDir);
    expect(second.stderr).toContain('psrt serve');

    const exited = new Promise<number | null>((resolve) => serve.child.once('close', resolve));
    serve.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // The first start seeds the sandbox and performs its effects: seconds, more on a busy machine.
  }, 120_000);

  it('once the server has stopped the folder is free; a command with nobody acting says how to name who acts', async () => {
    const result = await run('report', 'list');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--as LOGIN');
    expect(result.stderr).toContain('PSRT_ACTOR');
    expect(result.stderr).not.toContain('in use by process');
  });
});
