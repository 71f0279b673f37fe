// The GitHub simulator keeps its whole state in a folder (`stateDir`): a simulator started again
// on it serves the same world, every acknowledged change is on disk before the answer, and a
// file that is not its own is refused by name and left alone.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubSim, type GitHubSim, psrtAppSeed, StateFileError } from '../../../sim/github/index.ts';
import appJwt from './jwt.ts';
import { base, draft, receiver, report, T0, world } from './support.ts';

/** REST calls against any simulator, as a client in another process makes them. */
function rest(sim: GitHubSim) {
  return async (method: string, path: string, init: { token?: string; body?: unknown } = {}) => {
    const headers: Record<string, string> = { accept: 'application/vnd.github+json' };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const response = await sim.fetch(`${base}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'psrt-github-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const stateFile = () => join(dir, 'state.json');

describe('the GitHub simulator keeps its state in a folder', () => {
  it('a simulator started again on the folder serves the same world: advisories with credits, collaborators and comments, forks and their pulls, teams, Apps and their keys, tokens, the Advisory Database, knobs, clock and deliveries', async () => {
    const w = world({ stateDir: dir });
    const hook = await receiver();
    const app = w.app(psrtAppSeed(['python']));
    await w.c.setWebhook({ url: hook.url, secret: 'hook-secret', appId: app.appId });
    w.c.configure({ cveDelayMs: 120_000, commentShape: 'minimal' });

    const reported = await report(w);
    const ghsa = reported.ghsa_id;
    const ref = { owner: 'python', repo: 'cpython', ghsaId: ghsa };
    expect(
      (
        await w.call('PATCH', `/repos/python/cpython/security-advisories/${ghsa}`, {
          token: w.tokens.ned,
          body: {
            credits: [
              { login: 'alice', type: 'finder' },
              { login: 'seth', type: 'coordinator' },
            ],
            collaborating_teams: ['psrt'],
            collaborating_users: ['alice', 'guido'],
          },
        })
      ).status,
    ).toBe(200);
    w.c.acceptReport({ as: 'ned', ...ref });
    const fork = await w.call('POST', `/repos/python/cpython/security-advisories/${ghsa}/forks`, {
      token: w.tokens.ned,
    });
    expect(fork.status).toBe(202);
    w.c.addPullRequest({
      owner: 'python',
      repo: fork.body.name,
      title: 'Fix the overflow',
      user: 'seth',
      files: [{ filename: 'Lib/email/parser.py', status: 'modified', additions: 3, deletions: 1 }],
    });
    w.c.comment({ as: 'alice', ...ref, body: 'Any news?' });
    w.c.comment({ as: 'ned', ...ref, body: 'Triage notes', confidential: true });
    expect(
      (await w.call('POST', `/repos/python/cpython/security-advisories/${ghsa}/cve`, { token: w.tokens.ned }))
        .status,
    ).toBe(202);
    const published = await draft(w, 'Published one');
    w.c.publishAdvisory({ as: 'ned', owner: 'python', repo: 'cpython', ghsaId: published.ghsa_id });
    w.c.reviewAdvisory({ owner: 'python', repo: 'cpython', ghsaId: published.ghsa_id });
    const installation = app.installations[0]?.id;
    const minted = await w.call('POST', `/app/installations/${installation}/access_tokens`, {
      token: appJwt(app.appId, app.privateKey, new Date(T0)),
    });
    expect(minted.status).toBe(201);
    w.c.advance(5_000);
    await w.c.waitForDeliveries();

    const seen = async (sim: GitHubSim) => {
      const call = rest(sim);
      return {
        advisories: sim.control.advisories(),
        comments: sim.control.advisoryComments(ref),
        deliveries: sim.control.deliveries(),
        now: sim.control.now(),
        config: sim.control.configure({}),
        team: await call('GET', '/orgs/python/teams/psrt/members', { token: w.tokens.ned }),
        pulls: await call('GET', `/repos/python/${fork.body.name}/pulls`, { token: minted.body.token }),
        database: await call('GET', '/advisories'),
        asReporter: await call('GET', `/repos/python/cpython/security-advisories/${ghsa}`, {
          token: w.tokens.alice,
        }),
      };
    };
    const before = await seen(w.sim);
    await w.sim.close();

    const again = createGitHubSim({ stateDir: dir });
    expect(again.restored).toBe(true);
    const after = await seen(again);
    expect(after).toEqual(before);
    expect(after.pulls.body.map((p: { title: string }) => p.title)).toEqual(['Fix the overflow']);
    expect(after.asReporter.status).toBe(200);
    expect(after.comments.map((c) => c.body)).toEqual(['Any news?', 'Triage notes']);
    expect(after.deliveries.map((d) => [d.event, d.action, d.status])).toEqual([
      ['ping', null, 'OK'],
      ['repository_advisory', 'reported', 'OK'],
      ['repository_advisory', 'published', 'OK'],
      ['security_advisory', 'published', 'OK'],
    ]);

    // The App signs as before with the key the simulator kept, and new ids carry on from the old ones.
    const kept = again.control.appCredentials('psrt');
    expect(kept).toEqual(app);
    const call = rest(again);
    expect(
      (await call('GET', '/app', { token: appJwt(kept.appId, kept.privateKey, after.now) })).status,
    ).toBe(200);
    const next = again.control.reportVulnerability({
      as: 'alice',
      owner: 'python',
      repo: 'cpython',
      advisory: { summary: 'Another one', description: 'More.' },
    });
    const comment = again.control.comment({ as: 'alice', ...ref, body: 'Later' });
    expect(next.ghsa_id).not.toBe(ghsa);
    expect(comment.id).toBeGreaterThan(Math.max(...after.comments.map((c) => c.id)));
    // The CVE request GitHub was working on still arrives, at the time it was due.
    again.control.advance(120_000);
    expect(again.control.advisory(ref).cve_id).toMatch(/^CVE-\d{4}-\d+$/);
    hook.close();
  });

  it('every change it acknowledged is on disk before the answer, over HTTP and in-process, even if it never stops cleanly', async () => {
    const w = world({ stateDir: dir });
    const reported = await report(w, 'Saved before the answer');
    expect(readFileSync(stateFile(), 'utf8')).toContain('Saved before the answer');
    w.c.comment({
      as: 'alice',
      owner: 'python',
      repo: 'cpython',
      ghsaId: reported.ghsa_id,
      body: 'in-process',
    });
    expect(readFileSync(stateFile(), 'utf8')).toContain('in-process');

    // No close(): as if the process had been killed here.
    const again = createGitHubSim({ stateDir: dir });
    const ref = { owner: 'python', repo: 'cpython', ghsaId: reported.ghsa_id };
    expect(again.control.advisory(ref).summary).toBe('Saved before the answer');
    expect(again.control.advisoryComments(ref).map((c) => c.body)).toEqual(['in-process']);
  });

  it('a new folder starts with onNewState, a second start does not run it, and reset() goes back to it', () => {
    let seeded = 0;
    const onNewState = (control: GitHubSim['control']) => {
      seeded += 1;
      control.addOrg({ login: 'python', owners: ['ned'] });
      control.addRepo({ owner: 'python', name: 'cpython' });
    };
    const first = createGitHubSim({ stateDir: dir, onNewState });
    expect([first.restored, seeded]).toEqual([false, 1]);
    first.control.addUser({ login: 'alice' });
    first.control.reportVulnerability({
      as: 'alice',
      owner: 'python',
      repo: 'cpython',
      advisory: { summary: 'x', description: 'y' },
    });

    const second = createGitHubSim({ stateDir: dir, onNewState });
    expect([second.restored, seeded, second.control.advisories().length]).toEqual([true, 1, 1]);
    second.control.reset();
    expect([seeded, second.control.advisories().length]).toEqual([2, 0]);
    const third = createGitHubSim({ stateDir: dir, onNewState });
    expect([third.restored, seeded, third.control.advisories().length]).toEqual([true, 2, 0]);
    expect(third.control.advisories()).toEqual([]);
    expect(() => third.control.addRepo({ owner: 'python', name: 'cpython' })).toThrow('already exists');
  });

  const unusable: [string, string, string][] = [
    ['text that is not JSON', '{"format": "psrt-simu', 'is damaged: it is not JSON'],
    ['some other JSON file', '{"name": "psrt", "version": "0.1.0"}', 'is not a GitHub simulator state file'],
    [
      "the CVE Services simulator's file",
      '{"format":"psrt-simulator-state","simulator":"CVE Services","version":1,"state":{}}',
      'is not a GitHub simulator state file',
    ],
    [
      'a file from a newer format',
      '{"format":"psrt-simulator-state","simulator":"GitHub","version":2,"state":{}}',
      'has format version 2; this simulator reads version 1',
    ],
    [
      'a damaged date',
      '{"format":"psrt-simulator-state","simulator":"GitHub","version":1,"state":{"state":{"accounts":{"$map":[[1,{"createdAt":{"$date":"soon"}}]]}}}}',
      'is damaged: state.state.accounts.get(1).createdAt: not a date',
    ],
    [
      'a field of the wrong kind',
      '{"format":"psrt-simulator-state","simulator":"GitHub","version":1,"state":{"state":{"accounts":[]}}}',
      'is damaged: state.accounts is a list, not a Map',
    ],
  ];
  for (const [what, content, message] of unusable) {
    it(`${what} in the folder stops the start with the file's name and is left as it was`, () => {
      writeFileSync(stateFile(), content);
      let error: unknown;
      try {
        createGitHubSim({ stateDir: dir, onNewState: (control) => control.addUser({ login: 'x' }) });
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(StateFileError);
      expect((error as Error).message).toContain(`${stateFile()} ${message}`);
      expect((error as Error).message).toContain('Nothing was changed');
      expect(readFileSync(stateFile(), 'utf8')).toBe(content);
    });
  }

  it('a change it cannot save is answered 500 naming the file, not acknowledged', async () => {
    const w = world({ stateDir: dir });
    // The temporary file it writes before renaming is taken by a folder: the write fails.
    mkdirSync(`${stateFile()}.${process.pid}.tmp`);
    const r = await w.call('POST', '/repos/python/cpython/security-advisories/reports', {
      token: w.tokens.alice,
      body: { summary: 'Not kept', description: 'The disk is full.' },
    });
    expect(r.status).toBe(500);
    expect(r.body.message).toContain(`could not save its state to ${stateFile()}`);
    expect(readFileSync(stateFile(), 'utf8')).not.toContain('Not kept');
  });
});
