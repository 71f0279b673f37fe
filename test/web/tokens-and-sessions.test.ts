// Personal API tokens and browser sessions, on both engines: a token is shown
// once and stored hashed, acts within its scope as its owner is now, and stops
// at its expiry or revocation; a session ends when idle or too old.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
  sessionFor,
  signIn,
  tokenPrincipal,
} from '../../src/app/sessions.ts';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../src/domain/sessions.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { failsWith, testApp } from '../app/support.ts';
import { forEachEngine } from '../support/engines.ts';

forEachEngine('API tokens and sessions', (engine) => {
  const t = testApp(engine);
  const web = () => createWebApp({ ctx: t.ctx(), sandbox: false, sessionSecret: 'x'.repeat(32) });
  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

  describe('personal API tokens', () => {
    it('are shown once, stored only as a hash, and listed without their secret', async () => {
      await t.importDevguideRoster();
      const { secret, token } = await createApiToken(t.ctx(), await t.as('sethmlarson'), {
        name: 'laptop CLI',
        scope: 'act',
      });
      expect(secret).toMatch(/^psrt_[A-Za-z0-9_-]{43}$/);
      const stored = JSON.stringify(await engine.store().db.execute('select * from api_tokens'));
      expect(stored).not.toContain(secret);
      expect(stored).toContain(createHash('sha256').update(secret).digest('hex'));
      const listed = await listApiTokens(t.ctx(), await t.as('sethmlarson'));
      expect(listed).toEqual([expect.objectContaining({ id: token.id, name: 'laptop CLI', usable: true })]);
      expect(JSON.stringify(listed)).not.toContain(secret);
    });

    it('act as their owner through the API, within their scope', async () => {
      await t.importDevguideRoster();
      const member = await t.as('sethmlarson');
      await t.newReport('sethmlarson');
      const read = await createApiToken(t.ctx(), member, { name: 'read', scope: 'read' });
      const list = await web().request('/api/v1/reports', { headers: bearer(read.secret) });
      expect(list.status).toBe(200);
      expect(((await list.json()) as { total: number }).total).toBe(1);
      // A read token changes nothing, whatever it asks.
      const post = await web().request('/api/v1/reports', { method: 'POST', headers: bearer(read.secret) });
      expect(post.status).toBe(403);
      expect(post.headers.get('content-type')).toBe('application/problem+json');
      expect(((await post.json()) as { detail: string }).detail).toContain('may only read');
    });

    it('stop working when revoked or expired, answered 401 with a problem', async () => {
      await t.importDevguideRoster();
      const member = await t.as('sethmlarson');
      const revoked = await createApiToken(t.ctx(), member, { name: 'old', scope: 'read' });
      await revokeApiToken(t.ctx(), member, revoked.token.id);
      const dated = await createApiToken(t.ctx(), member, { name: 'a day', scope: 'read', days: 1 });
      t.clock.advanceDays(1);
      for (const secret of [revoked.secret, dated.secret, 'psrt_never-issued']) {
        const response = await web().request('/api/v1/reports', { headers: bearer(secret) });
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toContain('Bearer');
        expect(((await response.json()) as { title: string }).title).toBe('Not signed in');
      }
    });

    it('lose admin rights unless made with the admin scope, which only admins may choose', async () => {
      await t.importDevguideRoster();
      await failsWith(
        'forbidden',
        createApiToken(t.ctx(), await t.as('gpshead'), { name: 'x', scope: 'admin' }),
      );
      await failsWith(
        'invalid',
        createApiToken(t.ctx(), await t.as('not-a-member'), { name: 'x', scope: 'read', days: 400 }),
      );
      // An admin's act token acts as a member without the Admin role; an admin one keeps it.
      const act = await createApiToken(t.ctx(), await t.as('ewdurbin'), { name: 'y', scope: 'act' });
      const admin = await createApiToken(t.ctx(), await t.as('ewdurbin'), { name: 'z', scope: 'admin' });
      expect((await tokenPrincipal(t.ctx(), act.secret))?.principal).toMatchObject({
        member: true,
        roles: [],
      });
      expect((await tokenPrincipal(t.ctx(), admin.secret))?.principal).toMatchObject({ roles: ['Admin'] });
    });
  });

  it('a list read through the API comes in pages, each cursor leading to the next, none twice', async () => {
    await t.importDevguideRoster();
    for (let i = 0; i < 5; i++) {
      await t.newReport('sethmlarson');
      t.clock.advance(1000);
    }
    const { secret } = await createApiToken(t.ctx(), await t.as('sethmlarson'), { name: 'r', scope: 'read' });
    const seen: string[] = [];
    let next: string | null = '';
    while (next !== null) {
      const response = await web().request(`/api/v1/reports?limit=2&cursor=${next}`, {
        headers: bearer(secret),
      });
      const page = (await response.json()) as {
        reports: { report: { id: string } }[];
        total: number;
        next: string | null;
      };
      expect(page.total).toBe(5);
      seen.push(...page.reports.map((r) => r.report.id));
      next = page.next;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const bad = await web().request('/api/v1/reports?cursor=made-up', { headers: bearer(secret) });
    expect(bad.status).toBe(400);
  });

  describe('browser sessions', () => {
    it('end after a spell without requests, and at the latest a day after sign-in', async () => {
      const idle = await signIn(t.ctx(), 'sethmlarson');
      t.clock.advance(SESSION_IDLE_MS - 1000);
      expect(await sessionFor(t.ctx(), idle.token)).not.toBeNull();
      t.clock.advance(SESSION_IDLE_MS - 1000);
      expect(await sessionFor(t.ctx(), idle.token)).not.toBeNull();
      t.clock.advance(SESSION_IDLE_MS + 1);
      expect(await sessionFor(t.ctx(), idle.token)).toBeNull();

      const busy = await signIn(t.ctx(), 'sethmlarson');
      for (let spent = 0; spent < SESSION_MAX_MS - 3_600_000; spent += 3_600_000) {
        t.clock.advance(3_600_000);
        expect(await sessionFor(t.ctx(), busy.token)).not.toBeNull();
      }
      t.clock.advance(3_600_000);
      expect(await sessionFor(t.ctx(), busy.token)).toBeNull();
    });
  });
});
