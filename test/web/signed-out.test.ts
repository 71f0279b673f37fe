// Someone signed out asking for a page that needs a signed-in person (a bookmark, a link in a
// mail, a session that ended) is sent to sign in and brought back to the page they asked for,
// query and all; through `app.request()` and the in-process GitHub simulator. The redirect names
// only what they asked for: an embargoed report's address answers as a missing one's. The API
// answers 401 problems instead of redirects.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { signInFirst } from '../../src/web/routes/signin.tsx';
import { pickOnGitHub, setCookie, startSignIn, wayBack } from '../support/sign-in.ts';
import { reportWorld } from './report-world.ts';

const world = reportWorld();

const signedOut = async (path: string) => {
  const { status, html, response } = await world.get(null, path);
  return { status, location: response.headers.get('location'), next: wayBack(response), body: html };
};

describe('a page that needs someone signed in', () => {
  it.each([
    '/reports',
    '/reports/mine',
    '/reports?state=finished&repository=python%2Fcpython',
    '/tokens',
    '/audit?actor=gpshead',
    '/effects?status=failed',
    '/coverage',
  ])('%s sends someone signed out to sign in first (303), keeping the way back in a cookie', async (path) => {
    expect(await signedOut(path)).toMatchObject({ status: 303, location: '/signin', next: path });
  });

  it('after signing in they land on the page they asked for, with its query', async () => {
    const asked = '/reports?state=all&coordinator=nobody';
    const { location, next: kept } = await signedOut(asked);
    const page = await (
      await world
        .app()
        .request(location ?? '', { headers: { cookie: `psrt_next=${encodeURIComponent(kept ?? '')}` } })
    ).text();
    const next = /name="next" value="([^"]*)"/.exec(page)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toBe(asked);
    const { authorize, pending } = await startSignIn(world.app(), { next });
    const back = await pickOnGitHub(authorize, 'gpshead');
    const landed = await world
      .app()
      .request(`${back.pathname}${back.search}`, { headers: { cookie: pending } });
    expect(landed.status).toBe(303);
    expect(landed.headers.get('location')).toBe(asked);
    const cookie = setCookie(landed, 'psrt_session') ?? '';
    expect((await world.app().request(asked, { headers: { cookie } })).status).toBe(200);
  });

  it("an embargoed report's address answers exactly as a missing report's, and says nothing of it", async () => {
    const embargoed = await world.newReport();
    const missing = 'PSRT-2026-9999';
    const hidden = await signedOut(`/reports/${embargoed.id}`);
    const none = await signedOut(`/reports/${missing}`);
    expect(hidden).toMatchObject({ status: 303, location: '/signin', next: `/reports/${embargoed.id}` });
    expect(JSON.stringify(hidden).replaceAll(embargoed.id, 'X')).toBe(
      JSON.stringify(none).replaceAll(missing, 'X'),
    );
    expect(JSON.stringify(hidden)).not.toContain('zipfile');
    // A form posted from the report page after the session ended comes back to the page, not the action.
    const posted = await world.app().request(`/reports/${embargoed.id}/accept`, {
      method: 'POST',
      headers: { origin: 'http://localhost' },
      body: new URLSearchParams(),
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/signin');
    expect(wayBack(posted)).toBe(`/reports/${embargoed.id}`);
  });

  it('the way back is only ever a path on psrt: anything else is dropped', async () => {
    const probe = new Hono().get('/x', (c) => signInFirst(c, c.req.query('next')));
    for (const elsewhere of [
      '//evil.example/x',
      'https://evil.example/',
      '/\\evil.example',
      '/signin?next=/x',
    ]) {
      const answer = await probe.request(`/x?${new URLSearchParams({ next: elsewhere })}`);
      expect(answer.headers.get('location')).toBe('/signin');
      expect(wayBack(answer)).toBeNull();
    }
  });
});

describe('the JSON API signed out', () => {
  it('answers 401 problem details, never a redirect to the sign-in page', async () => {
    for (const path of ['/api/v1/reports?mine=true', '/api/v1/tokens']) {
      const response = await world.app().request(path);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('location')).toBeNull();
    }
  });
});
