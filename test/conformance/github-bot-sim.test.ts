// The GitHub simulator against GitHub's official descriptions for what the psrt bot reads and
// writes besides advisories: issues and their comments, commits, merging pull requests, the
// community profile and private vulnerability reporting by an App, with every exchange checked
// after each test, and the issues, issue_comment, pull_request and push deliveries checked
// against the webhooks description. Issue search and an App's merge are in github-sim.test.ts,
// beside the allow-list entries they need (that file checks every entry is used).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { webhookConformance } from '../../sim/conformance/descriptions.ts';
import { formatProblems } from '../../sim/conformance/record.ts';
import { checkDelivery, webhookName } from '../../sim/conformance/webhooks.ts';
import { createGitHubSim } from '../../sim/github/index.ts';
import {
  appJwt,
  type ReceivedDelivery,
  seedWorld,
  signatureOf,
  startReceiver,
  type World,
} from './github-world.ts';
import { useConformance } from './support.ts';

const sim = createGitHubSim();
const github = useConformance(sim, 'github');
const API = 'https://api.github.com';
const SECRET = 'conformance-webhook-secret';
const REPO = '/repos/python/cpython';
let world: World;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let token: string;

function gh(method: string, path: string, options: { token?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    'user-agent': 'psrt-conformance',
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return github.fetch(`${API}${path}`, { method, headers, body });
}

// biome-ignore lint/suspicious/noExplicitAny: response JSON, checked by the conformance recorder
async function json(response: Response | Promise<Response>): Promise<any> {
  return (await response).json();
}

/** Every delivery received so far, in the order sent, checked against the webhooks description and its signature. */
async function deliveries(): Promise<{ event: string; action?: string; body: ReceivedDelivery['body'] }[]> {
  await sim.control.waitForDeliveries();
  // Deliveries arrive in any order; put them in the order the simulator sent them.
  const sent = sim.control.deliveries().map((d) => d.guid);
  const at = (d: ReceivedDelivery) => sent.indexOf(String(d.headers['x-github-delivery']));
  return [...receiver.received]
    .sort((a, b) => at(a) - at(b))
    .map((delivery) => {
      const headers = delivery.headers as Record<string, string>;
      const problems = checkDelivery(webhookConformance(), headers, delivery.body);
      if (problems.length > 0) throw new Error(formatProblems(problems));
      const payload = JSON.parse(delivery.body);
      github.noteCoverage({
        service: 'github-webhooks',
        operation: webhookName(headers['x-github-event'] ?? '', payload),
        status: 200,
      });
      expect(headers['x-hub-signature-256']).toBe(signatureOf(SECRET, delivery.body));
      return { event: headers['x-github-event'] ?? '', action: payload.action, body: delivery.body };
    });
}

beforeAll(async () => {
  receiver = await startReceiver();
  world = seedWorld(sim);
  await sim.control.setWebhook({ url: receiver.url, secret: SECRET });
  const jwt = appJwt(world, sim.control.now());
  const minted = await gh('POST', `/app/installations/${world.app.installationId}/access_tokens`, {
    token: jwt,
  });
  token = (await json(minted)).token;
});
afterAll(() => receiver.close());
beforeEach(async () => {
  await sim.control.waitForDeliveries();
  receiver.received.length = 0;
});

describe('issues and issue comments', () => {
  it('the App opens a public issue, reads, lists and edits it, and comments; each fires its webhook', async () => {
    sim.control.openIssue({ as: 'outsider', owner: 'python', repo: 'cpython', title: 'An older issue' });
    const opened = await gh('POST', `${REPO}/issues`, {
      token,
      body: { title: 'Public follow-up', body: 'From psrt.' },
    });
    expect(opened.status).toBe(201);
    const { number } = await json(opened);
    expect((await gh('GET', `${REPO}/issues/${number}`, { token })).status).toBe(200);
    const listed = await gh(
      'GET',
      `${REPO}/issues?state=all&sort=updated&direction=desc&since=2000-01-01T00:00:00Z&per_page=1`,
      { token },
    );
    expect(listed.headers.get('link') ?? '').toContain('rel="next"');
    const edited = await gh('PATCH', `${REPO}/issues/${number}`, {
      token,
      body: { title: 'Public follow-up (edited)' },
    });
    expect((await json(edited)).title).toBe('Public follow-up (edited)');
    const comment = await gh('POST', `${REPO}/issues/${number}/comments`, {
      token,
      body: { body: 'Linked to the advisory.' },
    });
    expect(comment.status).toBe(201);
    expect(
      (await gh('GET', `${REPO}/issues/${number}/comments?since=2000-01-01T00:00:00Z&per_page=10`, { token }))
        .status,
    ).toBe(200);
    await gh('PATCH', `${REPO}/issues/${number}`, {
      token,
      body: { state: 'closed', state_reason: 'completed' },
    });
    await gh('PATCH', `${REPO}/issues/${number}`, { token: world.admin, body: { state: 'open' } });
    expect((await deliveries()).map((d) => `${d.event}:${d.action}`)).toEqual([
      'issues:opened',
      'issues:opened',
      'issues:edited',
      'issue_comment:created',
      'issues:closed',
      'issues:reopened',
    ]);
  });

  it('answers 404 for an issue that does not exist, 401 without credentials, 422 without a title', async () => {
    expect((await gh('GET', `${REPO}/issues/999999`, { token })).status).toBe(404);
    expect((await gh('POST', `${REPO}/issues`, { body: { title: 'x' } })).status).toBe(401);
    const blank = await gh('POST', `${REPO}/issues`, { token, body: { title: '' } });
    expect(blank.status).toBe(422);
  });
});

describe('commits, pushes and merges', () => {
  it('lists commits and reads one; a push fires push', async () => {
    sim.control.pushCommit({
      as: 'sethmlarson',
      owner: 'python',
      repo: 'cpython',
      message: 'gh-9: Harden tarfile',
      files: { 'Lib/tarfile.py': '"""safer"""\n' },
    });
    const listed = await gh(
      'GET',
      `${REPO}/commits?sha=main&path=Lib/tarfile.py&since=2000-01-01T00:00:00Z&per_page=1`,
      { token },
    );
    const [latest] = await json(listed);
    expect(latest.commit.message).toBe('gh-9: Harden tarfile');
    const one = await json(gh('GET', `${REPO}/commits/${latest.sha}`, { token }));
    expect(one.files).toHaveLength(1);
    expect((await gh('GET', `${REPO}/commits/no-such-ref`, { token })).status).toBe(422);
    expect((await deliveries()).map((d) => d.event)).toEqual(['push']);
  });

  it('a pull request is opened, pushed to and merged through PUT …/merge; 405 once merged', async () => {
    const control = sim.control;
    control.pushCommit({
      as: 'hugovk',
      owner: 'python',
      repo: 'cpython',
      branch: 'fix-9',
      message: 'Fix',
      files: { 'Lib/fix.py': 'x\n' },
    });
    const pull = control.openPullRequest({
      as: 'hugovk',
      owner: 'python',
      repo: 'cpython',
      title: 'gh-9: Fix',
      head: 'fix-9',
    });
    control.pushCommit({
      as: 'hugovk',
      owner: 'python',
      repo: 'cpython',
      branch: 'fix-9',
      message: 'Test',
      files: { 'Lib/test_fix.py': 'y\n' },
    });
    expect((await gh('GET', `${REPO}/pulls/${pull.number}`, { token })).status).toBe(200);
    // An App merging is in github-sim.test.ts, with the allow-list entry its bot's address needs.
    const merged = await gh('PUT', `${REPO}/pulls/${pull.number}/merge`, {
      token: world.admin,
      body: { merge_method: 'merge', commit_title: 'Merge gh-9' },
    });
    expect(await json(merged)).toMatchObject({ merged: true, message: 'Pull Request successfully merged' });
    const again = await gh('PUT', `${REPO}/pulls/${pull.number}/merge`, { token });
    expect(again.status).toBe(405);
    expect((await deliveries()).map((d) => `${d.event}:${d.action ?? ''}`)).toEqual([
      'push:',
      'pull_request:opened',
      'push:',
      'pull_request:synchronize',
      'pull_request:closed',
      'push:',
    ]);
  });

  it('editing and reopening a pull request through its issue fires pull_request edited, closed and reopened', async () => {
    sim.control.pushCommit({
      as: 'hugovk',
      owner: 'python',
      repo: 'cpython',
      branch: 'wip-9',
      message: 'WIP',
      files: { 'wip.py': 'w\n' },
    });
    const pull = sim.control.openPullRequest({
      as: 'hugovk',
      owner: 'python',
      repo: 'cpython',
      title: 'WIP',
      head: 'wip-9',
    });
    await gh('PATCH', `${REPO}/issues/${pull.number}`, {
      token,
      body: { title: 'gh-10: Ready', state: 'closed' },
    });
    await gh('PATCH', `${REPO}/issues/${pull.number}`, { token, body: { state: 'open' } });
    sim.control.commentOnIssue({
      as: 'gpshead',
      owner: 'python',
      repo: 'cpython',
      number: pull.number,
      body: 'Reopened.',
    });
    expect((await deliveries()).map((d) => `${d.event}:${d.action ?? ''}`)).toEqual([
      'push:',
      'pull_request:opened',
      'pull_request:edited',
      'pull_request:closed',
      'pull_request:reopened',
      'issue_comment:created',
    ]);
  });
});

describe('coverage settings', () => {
  it('the App reads the community profile, SECURITY.md, and turns private vulnerability reporting off and on', async () => {
    sim.control.putFile({
      owner: 'python',
      repo: 'cpython',
      path: '.github/SECURITY.md',
      content: 'Report at /security/advisories/new\n',
    });
    expect((await gh('GET', `${REPO}/community/profile`, { token })).status).toBe(200);
    expect((await gh('GET', `${REPO}/contents/.github/SECURITY.md`, { token })).status).toBe(200);
    expect((await gh('DELETE', `${REPO}/private-vulnerability-reporting`, { token })).status).toBe(204);
    expect(await json(gh('GET', `${REPO}/private-vulnerability-reporting`, { token }))).toEqual({
      enabled: false,
    });
    expect((await gh('PUT', `${REPO}/private-vulnerability-reporting`, { token })).status).toBe(204);
  });
});

describe('credited people', () => {
  it("the App reads a credited person's profile, with the name they give or none, and a 404 for an unknown login", async () => {
    const named = await json(gh('GET', '/users/reporter', { token }));
    expect(named).toMatchObject({ login: 'reporter', name: 'Jane Reporter' });
    expect((await json(gh('GET', '/users/outsider', { token }))).name).toBeNull();
    expect((await gh('GET', '/users/nobody-by-this-login', { token })).status).toBe(404);
  });
});
