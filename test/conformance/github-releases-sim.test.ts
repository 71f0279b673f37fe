// The GitHub simulator against GitHub's official descriptions for what psrt reads to say where a
// fix landed and in which release (issue 10): backport pull requests found by issue search
// (`label:`, `in:title`), read with their labels, merge commit and base branch, the branches, the
// release tags and comparisons between a tag and a merge commit, with every exchange checked
// after each test and the push and pull_request deliveries a backport fires checked against the
// webhooks description. A paged comparison (whose Link needs an allow-list entry) is in
// github-sim.test.ts, which checks that every entry is used.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { webhookConformance } from '../../sim/conformance/descriptions.ts';
import { formatProblems } from '../../sim/conformance/record.ts';
import { checkDelivery, webhookName } from '../../sim/conformance/webhooks.ts';
import { createGitHubSim } from '../../sim/github/index.ts';
import { appJwt, seedWorld, startReceiver, type World } from './github-world.ts';
import { useConformance } from './support.ts';

const sim = createGitHubSim();
const github = useConformance(sim, 'github');
const API = 'https://api.github.com';
const REPO = '/repos/python/cpython';
const at = { owner: 'python', repo: 'cpython' } as const;
let world: World;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let token: string;
let fix: { number: number; merge_commit_sha: string | null };

function gh(path: string) {
  return github.fetch(`${API}${path}`, {
    headers: {
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': 'psrt-conformance',
      authorization: `Bearer ${token}`,
    },
  });
}

// biome-ignore lint/suspicious/noExplicitAny: response JSON, checked by the conformance recorder
async function json(response: Response | Promise<Response>): Promise<any> {
  return (await response).json();
}

beforeAll(async () => {
  receiver = await startReceiver();
  world = seedWorld(sim);
  await sim.control.setWebhook({ url: receiver.url, secret: 'releases' });
  const minted = await github.fetch(`${API}/app/installations/${world.app.installationId}/access_tokens`, {
    method: 'POST',
    headers: {
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      authorization: `Bearer ${appJwt(world, sim.control.now())}`,
    },
  });
  token = (await json(minted)).token;
  // 3.13 branches from main; then a security fix is merged on main and released in 3.14.0a1.
  const c = sim.control;
  c.pushCommit({ as: 'sethmlarson', ...at, branch: '3.13', from: 'main', message: 'Branch', files: {} });
  c.addTag({ ...at, tag: 'v3.13.0', ref: '3.13' });
  c.pushCommit({
    as: 'hugovk',
    ...at,
    branch: 'fix-tar',
    message: 'Fix',
    files: { 'Lib/tarfile.py': 'safe\n' },
  });
  const opened = c.openPullRequest({
    as: 'hugovk',
    ...at,
    title: 'gh-123456: Reject unsafe tar members',
    head: 'fix-tar',
    labels: ['type-security'],
  });
  fix = c.mergePullRequest({ as: 'sethmlarson', ...at, number: opened.number, mergeMethod: 'squash' });
  c.pushCommit({ as: 'sethmlarson', ...at, message: 'Python 3.14.0a1', files: { 'Misc/NEWS': 'a1\n' } });
  c.addTag({ ...at, tag: 'v3.14.0a1', ref: 'main' });
});
afterAll(() => receiver.close());
beforeEach(async () => {
  await sim.control.waitForDeliveries();
  receiver.received.length = 0;
});

describe('backports and releases', () => {
  it('a backport opened and merged by miss-islington fires push and pull_request with its labels', async () => {
    sim.control.backportPullRequest({ as: 'hugovk', ...at, number: fix.number, branch: '3.13', merge: true });
    await sim.control.waitForDeliveries();
    const sent = sim.control.deliveries().slice(-4);
    expect(sent.map((d) => `${d.event}:${d.action ?? ''}`)).toEqual([
      'push:',
      'pull_request:opened',
      'pull_request:closed',
      'push:',
    ]);
    for (const delivery of receiver.received) {
      const headers = delivery.headers as Record<string, string>;
      const problems = checkDelivery(webhookConformance(), headers, delivery.body);
      if (problems.length > 0) throw new Error(formatProblems(problems));
      const name = webhookName(headers['x-github-event'] ?? '', JSON.parse(delivery.body));
      github.noteCoverage({ service: 'github-webhooks', operation: name, status: 200 });
    }
    const closed = JSON.parse(sent[2]?.request.payload ?? '{}');
    expect(closed.pull_request.labels.map((l: { name: string }) => l.name)).toEqual(['type-security']);
  });

  it('search finds the backport by label and the GH-n in its title; the pull request shows where it was merged', async () => {
    const q = `repo:python/cpython is:pr label:type-security in:title "GH-${fix.number}"`;
    const found = await json(gh(`/search/issues?q=${encodeURIComponent(q)}&per_page=100`));
    expect(found.items).toHaveLength(1);
    const [item] = found.items;
    expect(item.pull_request.merged_at).not.toBeNull();
    const pull = await json(gh(`${REPO}/pulls/${item.number}`));
    expect(pull).toMatchObject({ base: { ref: '3.13' }, merged: true, labels: [{ name: 'type-security' }] });
    expect(pull.merge_commit_sha).toMatch(/^[0-9a-f]{40}$/);
  });

  it('lists branches and tags, and compares a release tag with a merge commit', async () => {
    const branches = await json(gh(`${REPO}/branches?per_page=100`));
    expect(branches.map((b: { name: string }) => b.name)).toContain('3.13');
    const tags = await gh(`${REPO}/tags?per_page=1`);
    expect((await json(tags)).map((t: { name: string }) => t.name)).toEqual(['v3.14.0a1']);
    expect(tags.headers.get('link')).toContain('rel="next"');
    const contains = await json(gh(`${REPO}/compare/v3.14.0a1...${fix.merge_commit_sha}`));
    expect(contains).toMatchObject({ status: 'behind', ahead_by: 0 });
    const before = await json(gh(`${REPO}/compare/v3.13.0...${fix.merge_commit_sha}`));
    expect(before.status).toBe('diverged');
    expect((await gh(`${REPO}/compare/v3.13.0...no-such-ref`)).status).toBe(404);
  });
});
