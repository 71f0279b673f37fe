// The inactivity report on the web and in the JSON API, for admins: the page
// previews the report for the period asked, Produce freezes it, Send mails
// the Council once, the decision form records a vote; the API does the same.
// Members are refused, visitors sign in first, and the Council's mail names
// no report even though the admins' table links each piece of evidence.
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/app/sessions.ts';
import { listEffects } from '../../src/store/index.ts';
import { wayBack } from '../support/sign-in.ts';
import { embargoedTitle, reportWorld, textOf } from './report-world.ts';

const world = reportWorld();

async function postForm(login: string, path: string, fields: Record<string, string> = {}) {
  const session = await world.session(login);
  return world.app().request(path, {
    method: 'POST',
    headers: session.headers,
    body: new URLSearchParams({ _csrf: session.csrf, ...fields }),
  });
}

describe('the inactivity report pages', () => {
  it("an admin previews the report with its evidence, produces it, sends it once and records the Council's vote", async () => {
    const report = await world.triaged();
    world.clock.advanceDays(10);
    const preview = await world.get('sethmlarson', '/members/inactivity?from=2026-01-01&to=2026-03-15');
    expect(preview.status).toBe(200);
    const text = textOf(preview.html);
    expect(text).toContain('Preview the report for 2026-01-01 to 2026-03-15');
    expect(preview.html).toMatch(/<tr data-login="sethmlarson" data-standing="active">/);
    expect(preview.html).toContain(`href="/reports/${report.id}"`);
    expect(preview.html).toMatch(/<tr data-login="tim-one" data-standing="inactive">/);
    // The mail in the preview: members, never the report.
    const mail = /<pre class="body"[^>]*>([^<]*)<\/pre>/.exec(preview.html)?.[1] ?? '';
    expect(mail).toContain('Tim Peters (@tim-one): recommended for removal');
    expect(mail).not.toContain(report.id);
    expect(mail).not.toContain(embargoedTitle);

    const produced = await postForm('sethmlarson', '/members/inactivity', {
      from: '2026-01-01',
      to: '2026-03-15',
    });
    expect(produced.status).toBe(303);
    const page = await world.follow('sethmlarson', produced);
    expect(textOf(page.html)).toContain('Produced inactivity report #1: review it, then send it.');
    expect(page.html).toContain('Send to the Steering Council');

    const sent = await world.follow(
      'sethmlarson',
      await postForm('sethmlarson', '/members/inactivity/1/send'),
    );
    expect(textOf(sent.html)).toContain('Inactivity report #1 is on its way to the Steering Council.');
    const again = await postForm('sethmlarson', '/members/inactivity/1/send');
    expect(again.status).toBe(409);
    expect(textOf(await again.text())).toContain('was already sent to the Steering Council');
    const mails = (await listEffects(world.ctx().store.db, {})).filter((e) => e.kind === 'mail.send');
    expect(mails.map((e) => e.key)).toEqual(['inactivity-report:1:mail']);

    const kept = await world.follow(
      'sethmlarson',
      await postForm('sethmlarson', '/members/inactivity/1/decisions', {
        login: 'tim-one',
        verdict: 'keep',
        decision: 'SC vote of 2026-03-20',
      }),
    );
    expect(textOf(kept.html)).toContain('Recorded: @tim-one stays.');
    expect(kept.html).toMatch(/<li data-login="tim-one" data-verdict="keep">/);
    const blank = await postForm('sethmlarson', '/members/inactivity/1/decisions', {
      login: 'encukou',
      verdict: 'keep',
      decision: ' ',
    });
    expect(blank.status).toBe(422);
    expect(textOf(await blank.text())).toContain('Say which Steering Council decision this records');
    const list = await world.get('sethmlarson', '/members/inactivity');
    expect(textOf(list.html)).toContain('#1: 2026-01-01 to 2026-03-15');
  });

  it('the JSON API previews, produces and shows reports for admins and refuses members', async () => {
    const admin = await createApiToken(world.ctx(), await world.as('sethmlarson'), {
      name: 'api',
      scope: 'admin',
    });
    const member = await createApiToken(world.ctx(), await world.as('gpshead'), {
      name: 'api',
      scope: 'act',
    });
    const call = (secret: string, path: string, body?: unknown) =>
      world.app().request(`/api${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const preview = await call(admin.secret, '/v1/inactivity/preview?from=2026-01-01&to=2026-03-01');
    expect(preview.status).toBe(200);
    const json = (await preview.json()) as { period: { from: string }; email: { subject: string } };
    expect(json.period.from).toBe('2026-01-01T00:00:00.000Z');
    expect(json.email.subject).toBe('PSRT inactivity report, 2026-01-01 to 2026-03-01');
    const produced = await call(admin.secret, '/v1/inactivity/reports', {
      from: '2026-01-01',
      to: '2026-03-01',
    });
    expect(produced.status).toBe(201);
    const { id } = (await produced.json()) as { id: number };
    expect((await call(admin.secret, `/v1/inactivity/reports/${id}`)).status).toBe(200);
    expect((await call(admin.secret, '/v1/inactivity/reports/999')).status).toBe(404);
    expect((await call(admin.secret, '/v1/inactivity/preview?from=someday')).status).toBe(400);
    expect((await call(member.secret, '/v1/inactivity/preview')).status).toBe(403);
    expect((await call(member.secret, `/v1/inactivity/reports/${id}/send`, {})).status).toBe(403);
  });

  it('is for admins: a member is refused, a visitor signs in first', async () => {
    expect((await world.get('gpshead', '/members/inactivity')).status).toBe(403);
    expect((await world.get('gpshead', '/members/inactivity/1')).status).toBe(403);
    expect((await postForm('gpshead', '/members/inactivity')).status).toBe(403);
    const visitor = await world.get(null, '/members/inactivity');
    expect(visitor.status).toBe(303);
    expect(wayBack(visitor.response)).toBe('/members/inactivity');
  });
});
