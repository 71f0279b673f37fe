// The repository events the psrt bot listens to besides advisories: issues, issue_comment,
// pull_request and push, each sent only to an App installed on the repository and subscribed to
// the event, and each payload valid against GitHub's webhooks description.
import { afterEach, describe, expect, it } from 'vitest';
import {
  expectConformant,
  installationToken,
  type Received,
  receiver,
  webhookProblems,
  world,
} from './support.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

const allEvents = ['issues', 'issue_comment', 'pull_request', 'push'];
const allPermissions = { issues: 'write', pull_requests: 'write', contents: 'write' } as const;

async function setup(
  options: {
    events?: string[];
    permissions?: Record<string, 'read' | 'write'>;
    repositories?: string[];
  } = {},
) {
  const hook = await receiver();
  closers.push(hook.close);
  const w = world();
  w.c.addRepo({ owner: 'python', name: 'other' });
  const app = w.app({
    name: 'psrt-bot',
    permissions: options.permissions ?? allPermissions,
    events: options.events ?? allEvents,
    installations: [{ account: 'python', repositories: options.repositories ?? ['cpython'] }],
  });
  await w.c.setWebhook({ url: hook.url, secret: 's3cret' });
  await w.c.waitForDeliveries();
  hook.received.length = 0;
  // Deliveries arrive in any order; the simulator's record has the order they were sent in.
  const settled = async () => {
    await w.c.waitForDeliveries();
    const sent = w.c.deliveries().map((d) => d.guid);
    const at = (d: Received) => sent.indexOf(String(d.headers['x-github-delivery']));
    return [...hook.received].sort((a, b) => at(a) - at(b));
  };
  return { w, hook, app, settled };
}

const named = (received: Received[]) =>
  received.map((d) => {
    const body = JSON.parse(d.body);
    return body.action
      ? `${d.headers['x-github-event']}:${body.action}`
      : String(d.headers['x-github-event']);
  });

function expectValid(received: Received[]): void {
  for (const delivery of received) expect(webhookProblems(delivery)).toEqual([]);
}

describe('issues and issue_comment deliveries', () => {
  it('opening, editing, commenting on and closing an issue each reach the App, valid and signed', async () => {
    const { w, settled, app } = await setup();
    const opened = w.c.openIssue({
      as: 'mallory',
      owner: 'python',
      repo: 'cpython',
      title: 'Crash in json',
      body: 'It crashes.',
    });
    const token = await installationToken(w, app);
    const path = `/repos/python/cpython/issues/${opened.number}`;
    await w.call('PATCH', path, { token: w.tokens.mallory, body: { title: 'Crash in json.loads' } });
    await w.call('POST', `${path}/comments`, { token, body: { body: 'Thanks for the report.' } });
    w.c.editIssue({
      as: 'ned',
      owner: 'python',
      repo: 'cpython',
      number: opened.number,
      changes: { state: 'closed', state_reason: 'not_planned' },
    });
    const received = await settled();
    expect(named(received)).toEqual([
      'issues:opened',
      'issues:edited',
      'issue_comment:created',
      'issues:closed',
    ]);
    expectValid(received);
    const [open, edited, comment, closed] = received.map((d) => JSON.parse(d.body));
    expect(open).toMatchObject({
      issue: { number: opened.number, title: 'Crash in json', user: { login: 'mallory' } },
      repository: { full_name: 'python/cpython' },
      sender: { login: 'mallory' },
      installation: { id: app.installations[0]?.id },
    });
    expect(edited).toMatchObject({
      changes: { title: { from: 'Crash in json' } },
      issue: { title: 'Crash in json.loads' },
    });
    expect(comment).toMatchObject({
      comment: { body: 'Thanks for the report.' },
      sender: { login: 'psrt-bot[bot]' },
    });
    expect(closed).toMatchObject({
      issue: { state: 'closed', state_reason: 'not_planned' },
      sender: { login: 'ned' },
    });
    expectConformant(w);
  });

  it('an App hears nothing from a repository it is not installed on, nor for events it did not subscribe to', async () => {
    const { w, settled } = await setup({ events: ['issue_comment'] });
    w.c.openIssue({ as: 'mallory', owner: 'python', repo: 'other', title: 'Elsewhere' });
    const here = w.c.openIssue({ as: 'mallory', owner: 'python', repo: 'cpython', title: 'Here' });
    w.c.commentOnIssue({ as: 'mallory', owner: 'python', repo: 'other', number: 1, body: 'elsewhere' });
    w.c.commentOnIssue({
      as: 'mallory',
      owner: 'python',
      repo: 'cpython',
      number: here.number,
      body: 'here',
    });
    const received = await settled();
    expect(named(received)).toEqual(['issue_comment:created']);
    expect(JSON.parse(received[0]?.body ?? '{}').comment.body).toBe('here');
  });

  it('an App without the issues permission hears no issue events, even subscribed', async () => {
    const { w, settled } = await setup({ permissions: { contents: 'read' } });
    w.c.openIssue({ as: 'mallory', owner: 'python', repo: 'cpython', title: 'Silent' });
    expect(await settled()).toEqual([]);
  });

  it('an organization webhook (no App) hears repository advisories only', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    const w = world();
    await w.c.setWebhook({ url: hook.url });
    w.c.openIssue({ as: 'mallory', owner: 'python', repo: 'cpython', title: 'Quiet' });
    w.c.pushCommit({ as: 'ned', owner: 'python', repo: 'cpython', message: 'Quiet', files: { a: 'a' } });
    await w.c.waitForDeliveries();
    expect(named(hook.received)).toEqual(['ping']);
  });
});

describe('pull_request and push deliveries', () => {
  it('a push sends push; a pull request opened, pushed to and merged sends opened, synchronize, closed (merged) and the merge push', async () => {
    const { w, settled } = await setup();
    w.c.pushCommit({
      as: 'ned',
      owner: 'python',
      repo: 'cpython',
      branch: 'fix',
      message: 'Fix the overflow',
      files: { 'Lib/json.py': 'fixed\n' },
    });
    const pull = w.c.openPullRequest({
      as: 'ned',
      owner: 'python',
      repo: 'cpython',
      title: 'Fix json',
      head: 'fix',
    });
    w.c.pushCommit({
      as: 'ned',
      owner: 'python',
      repo: 'cpython',
      branch: 'fix',
      message: 'Add a test',
      files: { 'Lib/test/test_json.py': 'test\n' },
    });
    w.c.mergePullRequest({ as: 'ned', owner: 'python', repo: 'cpython', number: pull.number });
    const received = await settled();
    expect(named(received)).toEqual([
      'push',
      'pull_request:opened',
      'push',
      'pull_request:synchronize',
      'pull_request:closed',
      'push',
    ]);
    expectValid(received);
    const bodies = received.map((d) => JSON.parse(d.body));
    expect(bodies[0]).toMatchObject({
      ref: 'refs/heads/fix',
      created: true,
      before: '0000000000000000000000000000000000000000',
      head_commit: { message: 'Fix the overflow', added: ['Lib/json.py'] },
      pusher: { name: 'ned' },
    });
    expect(bodies[3]).toMatchObject({
      before: bodies[2].before,
      after: bodies[2].after,
      number: pull.number,
    });
    expect(bodies[4]).toMatchObject({
      pull_request: { merged: true, merged_by: { login: 'ned' }, state: 'closed' },
    });
    expect(bodies[5]).toMatchObject({
      ref: 'refs/heads/main',
      after: bodies[4].pull_request.merge_commit_sha,
    });
  });

  it('merging in a temporary private fork reaches the App installed on its parent', async () => {
    const { w, settled } = await setup();
    const ghsa = w.c.createAdvisory({
      as: 'ned',
      owner: 'python',
      repo: 'cpython',
      advisory: {
        summary: 'Overflow',
        description: 'd',
        vulnerabilities: [{ package: { ecosystem: 'pip', name: 'cpython' } }],
        start_private_fork: true,
      },
    });
    const fork = ghsa.private_fork?.name ?? '';
    w.c.pushCommit({
      as: 'ned',
      owner: 'python',
      repo: fork,
      branch: 'fix',
      message: 'Fix',
      files: { 'x.py': 'x\n' },
    });
    const pull = w.c.openPullRequest({ as: 'ned', owner: 'python', repo: fork, title: 'Fix', head: 'fix' });
    w.c.mergePullRequest({ as: 'ned', owner: 'python', repo: fork, number: pull.number });
    const received = await settled();
    expect(named(received)).toEqual(['push', 'pull_request:opened', 'pull_request:closed', 'push']);
    expectValid(received);
    expect(JSON.parse(received[2]?.body ?? '{}')).toMatchObject({
      repository: { name: fork, private: true },
      pull_request: { merged: true },
    });
  });
});
