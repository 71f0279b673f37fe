// The security@ triage queue through the JSON API, as `psrt intake` uses it:
// admins list, read and decide; members and tokens of too narrow a scope are
// refused; every answer is what /api/openapi.json describes.
import { beforeEach, expect, it } from 'vitest';
import { readPendingMail, receiveMail } from '../../src/app/intake.ts';
import { mail } from '../app/intake-mail.ts';
import { forEachEngine } from '../support/engines.ts';
import { apiWorld } from './api-support.ts';

type Problem = { status: number; detail: string };
type Page = { threads: { id: number; subject: string; status: string }[]; total: number; unread: number };

forEachEngine('the security@ queue through the API', (engine) => {
  const { t, call, credentials } = apiWorld(engine, {
    services: () => ({
      github: null,
      cna: null,
      cnaOperators: [],
      forwardTo: [{ name: 'PyPI', address: 'security@pypi.org' }],
    }),
  });
  beforeEach(async () => {
    await t.importDevguideRoster();
    await receiveMail(t.ctx(), {
      raw: mail({ id: 'api1@example.org', body: '<script>x</script> PoC attached.' }),
      source: 'smtp',
    });
    await readPendingMail(t.ctx(), { teamKey: null, acknowledgeDays: 7, ownAddresses: [] });
  });

  it('an admin lists the queue, reads a thread as text and files it as a report', async () => {
    const seth = await credentials('token', 'sethmlarson');
    const page = await call<Page>(seth, 'GET', '/v1/intake');
    expect(page.body.threads.map((th) => [th.subject, th.status])).toEqual([
      ['tarfile: path traversal in extractall', 'new'],
    ]);
    const id = page.body.threads[0]?.id;
    const view = await call<{ messages: { text: string; hasHtml: boolean }[] }>(
      seth,
      'GET',
      `/v1/intake/${id}`,
    );
    expect(view.body.messages.map((m) => m.text.trim())).toEqual(['<script>x</script> PoC attached.']);
    const filed = await call<{ thread: { status: string }; reportId: string }>(
      seth,
      'POST',
      `/v1/intake/${id}/triage`,
      {
        action: 'file',
        repository: 'python/cpython',
        title: 'tarfile: path traversal',
      },
    );
    expect(filed.status).toBe(200);
    expect(filed.body.thread.status).toBe('reported');
    expect(filed.body.reportId).toMatch(/^PSRT-\d{4}-\d{4}$/);
    expect((await call<Page>(seth, 'GET', '/v1/intake')).body.threads).toEqual([]);
  });

  it('a decision the rules refuse is a problem saying why, and an unknown thread is 404', async () => {
    const seth = await credentials('session', 'sethmlarson');
    const bad = await call<Problem>(seth, 'POST', '/v1/intake/1/triage', {
      action: 'forward',
      destination: 'nowhere',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toBe('Forward to one of the configured destinations: PyPI.');
    const missing = await call<Problem>(seth, 'GET', '/v1/intake/999999');
    expect(missing.status).toBe(404);
  });

  it('a member who is not an admin, and an admin token that may only read, are refused', async () => {
    const member = await credentials('token', 'gpshead');
    const listed = await call<Problem>(member, 'GET', '/v1/intake');
    expect(listed.status).toBe(403);
    expect(JSON.stringify(listed.body)).not.toContain('tarfile');
    const reader = await credentials('token', 'sethmlarson', 'read');
    const decided = await call<Problem>(reader, 'POST', '/v1/intake/1/triage', { action: 'spam' });
    expect(decided.status).toBe(403);
  });
});
