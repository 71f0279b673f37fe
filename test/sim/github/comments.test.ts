import { describe, expect, it } from 'vitest';
import { expectConformant, report, type World, world } from './support.ts';

function scenario(fn: (w: World, ghsa: string) => Promise<void>) {
  return async () => {
    const w = world();
    const { ghsa_id } = await report(w);
    await fn(w, ghsa_id);
    expectConformant(w);
  };
}

const comments = (ghsa: string) => `/repos/python/cpython/security-advisories/${ghsa}/comments`;

describe('advisory comments (REST preview)', () => {
  it(
    'the reporter and the maintainers comment, and both read the thread in order',
    scenario(async (w, ghsa) => {
      const first = await w.call('POST', comments(ghsa), {
        token: w.tokens.alice,
        body: { body: 'Any news?' },
      });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ body: 'Any news?', user: { login: 'alice' } });
      expect(first.body.html_url).toBe(
        `https://github.com/python/cpython/security/advisories/${ghsa}#advisory-comment-${first.body.id}`,
      );
      w.c.advance(60_000);
      await w.call('POST', comments(ghsa), { token: w.tokens.ned, body: { body: 'Looking at it.' } });
      const thread = await w.call('GET', comments(ghsa), { token: w.tokens.alice });
      expect(thread.body.map((k: { body: string }) => k.body)).toEqual(['Any news?', 'Looking at it.']);
      const one = await w.call('GET', `${comments(ghsa)}/${first.body.id}`, { token: w.tokens.ned });
      expect(one.body.id).toBe(first.body.id);
    }),
  );

  it(
    'since filters on updated_at, so an edited old comment shows up again',
    scenario(async (w, ghsa) => {
      const old = await w.call('POST', comments(ghsa), { token: w.tokens.alice, body: { body: 'v1' } });
      w.c.advance(3_600_000);
      await w.call('POST', comments(ghsa), { token: w.tokens.ned, body: { body: 'new' } });
      const since = '2026-11-24T10:30:00Z';
      const before = await w.call('GET', `${comments(ghsa)}?since=${since}`, { token: w.tokens.ned });
      expect(before.body.map((k: { body: string }) => k.body)).toEqual(['new']);
      const edited = await w.call('PATCH', `${comments(ghsa)}/${old.body.id}`, {
        token: w.tokens.alice,
        body: { body: 'v2' },
      });
      expect(edited.body).toMatchObject({ id: old.body.id, body: 'v2', updated_at: '2026-11-24T11:00:00Z' });
      expect(edited.body.created_at).toBe('2026-11-24T10:00:00Z');
      const after = await w.call('GET', `${comments(ghsa)}?since=${since}`, { token: w.tokens.ned });
      expect(after.body.map((k: { body: string }) => k.body)).toEqual(['v2', 'new']);
    }),
  );

  it(
    'pages through a long thread by Link',
    scenario(async (w, ghsa) => {
      for (let i = 0; i < 5; i++)
        await w.call('POST', comments(ghsa), { token: w.tokens.ned, body: { body: `c${i}` } });
      const seen: string[] = [];
      let next: string | undefined = `${comments(ghsa)}?per_page=2`;
      while (next) {
        const page = await w.call('GET', next, { token: w.tokens.ned });
        seen.push(...page.body.map((k: { body: string }) => k.body));
        next = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
      }
      expect(seen).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    }),
  );

  it(
    'cannot be deleted, and someone else’s comment cannot be edited by a collaborator',
    scenario(async (w, ghsa) => {
      const mine = await w.call('POST', comments(ghsa), { token: w.tokens.ned, body: { body: 'from ned' } });
      const del = await w.call('DELETE', `${comments(ghsa)}/${mine.body.id}`, {
        token: w.tokens.ned,
        invalid: 'deleting comments is not supported',
      });
      expect(del.status).toBe(404);
      const edit = await w.call('PATCH', `${comments(ghsa)}/${mine.body.id}`, {
        token: w.tokens.alice,
        body: { body: 'x' },
      });
      expect(edit.status).toBe(403);
      const empty = await w.call('POST', comments(ghsa), {
        token: w.tokens.ned,
        body: {},
        invalid: 'a comment without its body',
      });
      expect(empty.status).toBe(422);
    }),
  );

  it(
    'confidential comments made in the UI never come out through REST',
    scenario(async (w, ghsa) => {
      const secret = w.c.comment({
        as: 'ned',
        owner: 'python',
        repo: 'cpython',
        ghsaId: ghsa,
        body: 'internal',
        confidential: true,
      });
      w.c.comment({ as: 'ned', owner: 'python', repo: 'cpython', ghsaId: ghsa, body: 'public' });
      const thread = await w.call('GET', comments(ghsa), { token: w.tokens.ned });
      expect(thread.body.map((k: { body: string }) => k.body)).toEqual(['public']);
      const direct = await w.call('GET', `${comments(ghsa)}/${secret.id}`, { token: w.tokens.ned });
      expect(direct.status).toBe(404);
    }),
  );

  it(
    "the advisory's comment count covers the comments REST shows, confidential ones left out, and goes with the preview knob",
    scenario(async (w, ghsa) => {
      const ref = { owner: 'python', repo: 'cpython', ghsaId: ghsa };
      const advisory = `/repos/python/cpython/security-advisories/${ghsa}`;
      expect((await w.call('GET', advisory, { token: w.tokens.ned })).body.comments).toBe(0);
      w.c.comment({ as: 'ned', ...ref, body: 'internal', confidential: true });
      w.c.comment({ as: 'ned', ...ref, body: 'public' });
      expect((await w.call('GET', advisory, { token: w.tokens.ned })).body.comments).toBe(1);
      const listed = await w.call('GET', '/orgs/python/security-advisories', { token: w.tokens.ned });
      expect(listed.body.find((a: { ghsa_id: string }) => a.ghsa_id === ghsa)?.comments).toBe(1);
      w.c.configure({ advisoryCommentCount: false });
      expect((await w.call('GET', advisory, { token: w.tokens.ned })).body).not.toHaveProperty('comments');
    }),
  );

  it(
    'are 404 to strangers and to anyone on a private repository',
    scenario(async (w, ghsa) => {
      const stranger = await w.call('GET', comments(ghsa), { token: w.tokens.mallory });
      expect(stranger.status).toBe(404);
      const write = await w.call('POST', comments(ghsa), { token: w.tokens.mallory, body: { body: 'hi' } });
      expect(write.status).toBe(404);
      // The preview covers public repositories only.
      w.c.configure({ privateRepoAdvisories: true });
      const hidden = w.c.createAdvisory({
        as: 'ned',
        owner: 'python',
        repo: 'secret-tool',
        advisory: { summary: 's', description: 'd', vulnerabilities: [] },
      });
      const url = `/repos/python/secret-tool/security-advisories/${hidden.ghsa_id}`;
      expect((await w.call('GET', url, { token: w.tokens.ned })).status).toBe(200);
      expect((await w.call('GET', `${url}/comments`, { token: w.tokens.ned })).status).toBe(404);
    }),
  );
});
