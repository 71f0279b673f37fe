// Issues and their comments as the psrt bot reads and writes them: a public issue opened from a
// report, the leak guard reading new issues, and pull requests appearing as issues too.
import { describe, expect, it } from 'vitest';
import { expectConformant, installationToken, type World, world } from './support.ts';

function scenario(fn: (w: World) => Promise<void>) {
  return async () => {
    const w = world();
    await fn(w);
    expectConformant(w);
  };
}

const ISSUES = '/repos/python/cpython/issues';

describe('issues', () => {
  it(
    'a person opens an issue; it shares the number sequence with pull requests, which list as issues too',
    scenario(async (w) => {
      w.c.addPullRequest({ owner: 'python', repo: 'cpython', title: 'gh-1: Fix json', user: 'pablo' });
      const opened = await w.call('POST', ISSUES, {
        token: w.tokens.mallory,
        body: { title: 'json crashes', body: 'On big input.' },
      });
      expect(opened.status).toBe(201);
      expect(opened.body).toMatchObject({
        number: 2,
        state: 'open',
        title: 'json crashes',
        user: { login: 'mallory' },
      });
      expect(opened.headers.get('location')).toBe(`http://sim.test${ISSUES}/2`);
      const listed = await w.call('GET', ISSUES, { token: w.tokens.pablo });
      expect(
        listed.body.map((i: { number: number; pull_request?: unknown }) => [
          i.number,
          Boolean(i.pull_request),
        ]),
      ).toEqual([
        [2, false],
        [1, true],
      ]);
      const pr = await w.call('GET', `${ISSUES}/1`);
      expect(pr.body).toMatchObject({
        title: 'gh-1: Fix json',
        pull_request: { merged_at: null },
        html_url: 'https://github.com/python/cpython/pull/1',
      });
      const repo = await w.call('GET', '/repos/python/cpython');
      expect(repo.body.open_issues_count).toBe(2);
      const next = w.c.openIssue({ as: 'alice', owner: 'python', repo: 'cpython', title: 'Another' });
      const pull = w.c.addPullRequest({ owner: 'python', repo: 'cpython', title: 'Later', user: 'pablo' });
      expect([next.number, pull.number]).toEqual([3, 4]);
    }),
  );

  it(
    'the list filters by state, since, creator, assignee and labels, sorts, and pages with Link',
    scenario(async (w) => {
      for (const title of ['one', 'two', 'three']) {
        await w.call('POST', ISSUES, {
          token: w.tokens.ned,
          body: { title, labels: ['security'], assignees: ['pablo'] },
        });
        w.c.advance(60_000);
      }
      const since = w.c.now().toISOString();
      await w.call('POST', ISSUES, { token: w.tokens.mallory, body: { title: 'four', labels: ['ignored'] } });
      w.c.advance(1000);
      await w.call('PATCH', `${ISSUES}/1`, { token: w.tokens.ned, body: { state: 'closed' } });
      const titles = async (query: string) =>
        (await w.call('GET', `${ISSUES}?${query}`, { token: w.tokens.ned })).body.map(
          (i: { title: string }) => i.title,
        );
      expect(await titles('')).toEqual(['four', 'three', 'two']);
      expect(await titles('state=all&direction=asc')).toEqual(['one', 'two', 'three', 'four']);
      expect(await titles('state=closed')).toEqual(['one']);
      expect(await titles(`state=all&since=${since}&sort=updated`)).toEqual(['one', 'four']);
      expect(await titles('creator=mallory')).toEqual(['four']);
      expect(await titles('labels=security&assignee=pablo')).toEqual(['three', 'two']);
      expect(await titles('assignee=none')).toEqual(['four']);
      const page = await w.call('GET', `${ISSUES}?per_page=2`, { token: w.tokens.ned });
      expect(page.headers.get('link')).toContain('rel="next"');
    }),
  );

  it(
    'the author edits and closes their own issue; a stranger may not (403); labels from someone who cannot triage are dropped',
    scenario(async (w) => {
      const { number } = w.c.openIssue({
        as: 'mallory',
        owner: 'python',
        repo: 'cpython',
        title: 'Typo',
        labels: ['bug'],
      });
      expect(w.c.issues({ owner: 'python', repo: 'cpython' })[0]?.labels).toEqual([]);
      const edited = await w.call('PATCH', `${ISSUES}/${number}`, {
        token: w.tokens.mallory,
        body: { body: 'Details.', labels: ['wontfix'] },
      });
      expect(edited.body).toMatchObject({ body: 'Details.', labels: [] });
      const stranger = await w.call('PATCH', `${ISSUES}/${number}`, {
        token: w.tokens.alice,
        body: { title: 'Mine' },
      });
      expect([stranger.status, stranger.body.message]).toEqual([403, 'Must have push access to repository']);
      const closed = await w.call('PATCH', `${ISSUES}/${number}`, {
        token: w.tokens.mallory,
        body: { state: 'closed' },
      });
      expect(closed.body).toMatchObject({
        state: 'closed',
        state_reason: 'completed',
        closed_by: { login: 'mallory' },
      });
      expect(closed.body.closed_at).toBe(w.c.now().toISOString().replace('.000', ''));
      const triaged = await w.call('PATCH', `${ISSUES}/${number}`, {
        token: w.tokens.maint,
        body: { state: 'open', labels: ['security'] },
      });
      expect(triaged.body).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null });
      expect(triaged.body.labels.map((l: { name: string }) => l.name)).toEqual(['security']);
    }),
  );

  it(
    'refuses what GitHub refuses: no title (422), an unknown assignee or milestone (422), anonymous writes (401), a private repository (404)',
    scenario(async (w) => {
      const noTitle = await w.call('POST', ISSUES, {
        token: w.tokens.ned,
        body: { body: 'x' },
        invalid: 'title is required',
      });
      expect([noTitle.status, noTitle.body.message]).toEqual([
        422,
        `Invalid request.\n\n"title" wasn't supplied.`,
      ]);
      const blank = await w.call('POST', ISSUES, { token: w.tokens.ned, body: { title: ' ' } });
      expect(blank.body.errors).toEqual([{ resource: 'Issue', field: 'title', code: 'missing_field' }]);
      const assignee = await w.call('POST', ISSUES, {
        token: w.tokens.ned,
        body: { title: 't', assignees: ['nobody-here'] },
      });
      expect(assignee.body.errors).toEqual([
        { resource: 'Issue', field: 'assignees', code: 'invalid', value: 'nobody-here' },
      ]);
      const milestone = await w.call('POST', ISSUES, {
        token: w.tokens.ned,
        body: { title: 't', milestone: 3 },
      });
      expect(milestone.status).toBe(422);
      expect((await w.call('POST', ISSUES, { body: { title: 't' } })).status).toBe(401);
      const hidden = await w.call('GET', '/repos/python/secret-tool/issues', { token: w.tokens.mallory });
      expect(hidden.status).toBe(404);
      expect((await w.call('GET', `${ISSUES}/99`, { token: w.tokens.ned })).status).toBe(404);
      expect(w.c.issues({ owner: 'python', repo: 'cpython' })).toEqual([]);
    }),
  );

  it(
    "editing a pull request's issue edits the pull request: its title, and closing it",
    scenario(async (w) => {
      const { number } = w.c.addPullRequest({
        owner: 'python',
        repo: 'cpython',
        title: 'WIP',
        user: 'pablo',
      });
      await w.call('PATCH', `${ISSUES}/${number}`, {
        token: w.tokens.ned,
        body: { title: 'gh-2: Ready', state: 'closed' },
      });
      const pull = await w.call('GET', `/repos/python/cpython/pulls/${number}`, { token: w.tokens.ned });
      expect(pull.body).toMatchObject({ title: 'gh-2: Ready', state: 'closed', merged: false });
    }),
  );
});

describe('issue comments', () => {
  it(
    'anyone signed in comments; the list is by ascending id, filtered by since, paged; a comment moves the issue’s updated_at',
    scenario(async (w) => {
      const { number } = w.c.openIssue({
        as: 'mallory',
        owner: 'python',
        repo: 'cpython',
        title: 'Question',
      });
      const path = `${ISSUES}/${number}/comments`;
      const first = await w.call('POST', path, { token: w.tokens.alice, body: { body: 'Me too.' } });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        body: 'Me too.',
        user: { login: 'alice' },
        author_association: 'NONE',
      });
      expect(first.headers.get('location')).toBe(
        `http://sim.test/repos/python/cpython/issues/comments/${first.body.id}`,
      );
      w.c.advance(60_000);
      const since = w.c.now().toISOString();
      w.c.commentOnIssue({ as: 'ned', owner: 'python', repo: 'cpython', number, body: 'Fixed in main.' });
      const all = await w.call('GET', path);
      expect(
        all.body.map((k: { body: string; author_association: string }) => [k.body, k.author_association]),
      ).toEqual([
        ['Me too.', 'NONE'],
        ['Fixed in main.', 'MEMBER'],
      ]);
      const recent = await w.call('GET', `${path}?since=${since}`);
      expect(recent.body.map((k: { body: string }) => k.body)).toEqual(['Fixed in main.']);
      expect((await w.call('GET', `${path}?per_page=1`)).headers.get('link')).toContain('rel="next"');
      const issue = await w.call('GET', `${ISSUES}/${number}`);
      expect(issue.body).toMatchObject({ comments: 2, updated_at: since.replace('.000', '') });
      expect((await w.call('POST', path, { body: { body: 'anon' } })).status).toBe(401);
      const empty = await w.call('POST', path, { token: w.tokens.alice, body: { body: '' } });
      expect(empty.status).toBe(422);
    }),
  );
});

describe('what an App needs', () => {
  it(
    'issues read to list and read, write to open, edit and comment; on a pull request’s issue pull_requests does too; not installed: 403',
    scenario(async (w) => {
      const reader = w.app({
        name: 'reader',
        permissions: { issues: 'read' },
        installations: [{ account: 'python' }],
      });
      const writer = w.app({
        name: 'writer',
        permissions: { issues: 'write' },
        installations: [{ account: 'python' }],
      });
      const pulls = w.app({
        name: 'pulls',
        permissions: { pull_requests: 'write' },
        installations: [{ account: 'python' }],
      });
      const elsewhere = w.app({
        name: 'elsewhere',
        permissions: { issues: 'write' },
        installations: [{ account: 'alice' }],
      });
      const { number } = w.c.openIssue({ as: 'mallory', owner: 'python', repo: 'cpython', title: 'Leak?' });
      const pr = w.c.addPullRequest({ owner: 'python', repo: 'cpython', title: 'Fix', user: 'pablo' });
      const read = await installationToken(w, reader);
      expect((await w.call('GET', ISSUES, { token: read })).status).toBe(200);
      expect((await w.call('POST', ISSUES, { token: read, body: { title: 'x' } })).status).toBe(403);
      const write = await installationToken(w, writer);
      const opened = await w.call('POST', ISSUES, {
        token: write,
        body: { title: 'Public issue', body: 'From psrt.' },
      });
      expect(opened.body.user).toMatchObject({ login: 'writer[bot]', type: 'Bot' });
      const commented = await w.call('POST', `${ISSUES}/${number}/comments`, {
        token: write,
        body: { body: 'Thanks' },
      });
      expect(commented.status).toBe(201);
      const pull = await installationToken(w, pulls);
      expect((await w.call('GET', `${ISSUES}/${number}`, { token: pull })).status).toBe(403);
      expect((await w.call('GET', `${ISSUES}/${pr.number}`, { token: pull })).status).toBe(200);
      const onPull = await w.call('POST', `${ISSUES}/${pr.number}/comments`, {
        token: pull,
        body: { body: 'LGTM' },
      });
      expect(onPull.status).toBe(201);
      const outside = await installationToken(w, elsewhere);
      expect((await w.call('POST', ISSUES, { token: outside, body: { title: 'x' } })).status).toBe(403);
      expect((await w.call('GET', ISSUES, { token: outside })).status).toBe(200);
    }),
  );
});
