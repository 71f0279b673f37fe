// The admins' security@ triage in the browser (`/intake`): the queue by tab, a thread's mail
// as text (never its HTML), attachments only as downloads, and every decision a form that
// lands back with what happened, audited. Mail is embargoed: members who are not admins are
// refused without a word of it, and the signed-out sign in first. Through `app.request()`.
import { describe, expect, it } from 'vitest';
import { readPendingMail, receiveMail } from '../../src/app/intake.ts';
import { listIntake } from '../../src/app/intake-queue.ts';
import { missingInformation } from '../../src/domain/policy-check.ts';
import { getReport, listAudit, listEffects } from '../../src/store/index.ts';
import { wayBack } from '../support/sign-in.ts';
import { reportWorld, textOf } from './report-world.ts';

const forwardTo = [{ name: 'PyPI', address: 'PyPI Security <security@pypi.org>' }];
const world = reportWorld({ forwardTo });
const settings = { teamKey: null, acknowledgeDays: 7, ownAddresses: ['security@python.org'] };
const DAY = 86_400_000;

let sent = 0;

/** A mail to security@ as a reporter's program writes it: plain text, or with an HTML part and attachments. */
function mail(fields: {
  subject: string;
  from?: string;
  text?: string;
  html?: string;
  attachment?: { filename: string; contentType: string; content: string };
  inReplyTo?: string;
}): { raw: Buffer; id: string } {
  sent += 1;
  const id = `m${sent}.${Date.now()}@example.org`;
  const head = [
    `From: ${fields.from ?? 'Finder <finder@example.org>'}`,
    'To: security@python.org',
    `Subject: ${fields.subject}`,
    `Message-ID: <${id}>`,
    ...(fields.inReplyTo ? [`In-Reply-To: <${fields.inReplyTo}>`, `References: <${fields.inReplyTo}>`] : []),
    'Date: Thu, 03 Dec 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
  ];
  const text = fields.text ?? 'Extracting a crafted archive writes outside the target. Tested on 3.13.1.';
  if (!fields.html && !fields.attachment)
    return {
      id,
      raw: Buffer.from([...head, 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n')),
    };
  const parts = [['Content-Type: text/plain; charset=utf-8', '', text]];
  if (fields.html) parts.push(['Content-Type: text/html; charset=utf-8', '', fields.html]);
  if (fields.attachment)
    parts.push([
      `Content-Type: ${fields.attachment.contentType}`,
      `Content-Disposition: attachment; filename="${fields.attachment.filename}"`,
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(fields.attachment.content).toString('base64'),
    ]);
  const body = parts.flatMap((part) => ['--b0undary', ...part]);
  return {
    id,
    raw: Buffer.from(
      [...head, 'Content-Type: multipart/mixed; boundary="b0undary"', '', ...body, '--b0undary--', ''].join(
        '\r\n',
      ),
    ),
  };
}

/** Receives and reads the mail as `psrt serve` does; the thread it opened (or joined). */
async function thread(fields: Parameters<typeof mail>[0]): Promise<{ id: number; messageId: string }> {
  const { raw, id } = mail(fields);
  world.clock.advance(60_000);
  await receiveMail(world.ctx(), { raw, source: 'smtp', envelopeTo: ['security@python.org'] });
  await readPendingMail(world.ctx(), settings);
  const listed = await listIntake(world.ctx(), await world.as('sethmlarson'), {
    status: 'all',
    limit: 500,
    offset: 0,
  });
  const found = listed.threads.find((t) => t.subject === fields.subject);
  if (!found) throw new Error(`no thread "${fields.subject}"`);
  return { id: found.id, messageId: id };
}

/** Posts a triage form as `login` from the thread page. */
async function decide(login: string, threadId: number | string, fields: Record<string, string | string[]>) {
  const { headers } = await world.session(login);
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
  return world.app().request(`/intake/${threadId}/triage`, { method: 'POST', headers, body });
}

/** Decides, checks the 303, and returns where it landed and the flash there. */
async function decideAndLand(threadId: number, fields: Record<string, string | string[]>) {
  const response = await decide('sethmlarson', threadId, fields);
  expect(response.status).toBe(303);
  const location = response.headers.get('location') ?? '';
  const page = await world.follow('sethmlarson', response);
  expect(page.status).toBe(200);
  const flash = textOf(page.html.match(/<p class="flash"[^>]*>([^<]*)<\/p>/)?.[1] ?? '').trim();
  return { location, html: page.html, flash };
}

const statusOf = async (id: number) =>
  (
    await listIntake(world.ctx(), await world.as('sethmlarson'), { status: 'all', limit: 500, offset: 0 })
  ).threads.find((t) => t.id === id)?.status;

const rowsOf = (html: string) => [...html.matchAll(/<tr data-thread="(\d+)"/g)].map((m) => Number(m[1]));

describe('the queue', () => {
  it('lists threads awaiting triage oldest first, each with sender, subject as text, status, messages and the promised update, overdue marked', async () => {
    const old = await thread({ subject: 'queue: <b>bold</b> subject', from: 'Ana <ana@example.org>' });
    const later = await thread({ subject: 'queue: second report' });
    world.clock.advance(8 * DAY); // past the acknowledgement's promised update
    const page = await world.get('sethmlarson', '/intake');
    expect(page.status).toBe(200);
    const rows = rowsOf(page.html);
    expect(rows.indexOf(old.id)).toBeLessThan(rows.indexOf(later.id));
    expect(page.html).toContain('queue: &lt;b&gt;bold&lt;/b&gt; subject');
    expect(page.html).not.toContain('<b>bold</b>');
    const row = page.html.slice(page.html.indexOf(`data-thread="${old.id}"`));
    const cells = textOf(row.slice(0, row.indexOf('</tr>')));
    expect(cells).toContain('Ana <ana@example.org>');
    expect(cells).toContain('New');
    expect(cells).toMatch(/ 1 /);
    expect(cells).toContain('overdue');
    expect(page.html).toContain('aria-current="page">Awaiting triage');
  });

  it('shows threads needing information, decided ones, and all of them under their tabs', async () => {
    const asked = await thread({ subject: 'tabs: needs more' });
    const spam = await thread({ subject: 'tabs: cheap watches' });
    await decide('sethmlarson', asked.id, {
      decision: 'needs-information',
      missing: missingInformation.proofOfConcept,
    });
    await decide('sethmlarson', spam.id, { decision: 'spam' });
    const tab = async (name: string) => rowsOf((await world.get('sethmlarson', `/intake?tab=${name}`)).html);
    expect(await tab('needs-information')).toContain(asked.id);
    expect(await tab('needs-information')).not.toContain(spam.id);
    expect(await tab('decided')).toContain(spam.id);
    expect(await tab('decided')).not.toContain(asked.id);
    expect(await tab('all')).toEqual(expect.arrayContaining([asked.id, spam.id]));
    expect(rowsOf((await world.get('sethmlarson', '/intake')).html)).not.toContain(spam.id);
    expect((await world.get('sethmlarson', '/intake?tab=nonsense')).status).toBe(400);
  });

  it('says how many messages are still being read', async () => {
    await receiveMail(world.ctx(), { raw: mail({ subject: 'unread: arrives' }).raw, source: 'smtp' });
    expect(textOf((await world.get('sethmlarson', '/intake')).html)).toContain(
      '1 message is still being read',
    );
    await readPendingMail(world.ctx(), settings);
    expect(textOf((await world.get('sethmlarson', '/intake')).html)).not.toContain('still being read');
  });
});

describe('a thread', () => {
  it('shows each message as text, never the HTML: a script in the mail is text, and there is no frame', async () => {
    const { id } = await thread({
      subject: 'html: a report with markup',
      text: 'Plain part: <script>alert("text")</script> in the text.',
      html: '<p>Rich</p><script>alert("html")</script><iframe src="https://evil.example"></iframe>',
    });
    const page = await world.get('sethmlarson', `/intake/${id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('&lt;script&gt;alert(&quot;text&quot;)&lt;/script&gt;');
    expect(page.html).not.toMatch(/<script|<iframe/i);
    expect(page.html).not.toContain('alert("html")');
    expect(page.html).toContain('This mail also had an HTML part; it is never shown as a page.');
  });

  it('offers attachments only as downloads: octet-stream, a safe filename, nosniff, sandboxed', async () => {
    const { id } = await thread({
      subject: 'attachment: poc attached',
      attachment: {
        filename: 'poc "évil".html',
        contentType: 'text/html',
        content: '<script>alert(1)</script>',
      },
    });
    const page = await world.get('sethmlarson', `/intake/${id}`);
    const href = page.html.match(/href="(\/intake\/messages\/\d+\/attachments\/0)"/)?.[1];
    expect(href).toBeDefined();
    const download = await world.get('sethmlarson', href ?? '');
    expect(download.status).toBe(200);
    const headers = download.response.headers;
    expect(headers.get('content-type')).toBe('application/octet-stream');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('content-security-policy')).toMatch(/sandbox/);
    expect(headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''/);
    expect(headers.get('content-disposition')).not.toMatch(/filename="[^"]*"[^;]*"/);
    expect(download.html).toBe('<script>alert(1)</script>');
    expect((await world.get('sethmlarson', href?.replace(/0$/, '7') ?? '')).status).toBe(404);
  });

  it("lists the sender's other threads with their outcome", async () => {
    const first = await thread({ subject: 'history: first try', from: 'repeat@example.org' });
    await decide('sethmlarson', first.id, { decision: 'not-a-vulnerability' });
    const second = await thread({ subject: 'history: second try', from: 'repeat@example.org' });
    const html = (await world.get('sethmlarson', `/intake/${second.id}`)).html;
    const history = html.slice(html.indexOf('id="history"'));
    expect(history).toContain(`href="/intake/${first.id}"`);
    expect(textOf(history)).toContain('Not a vulnerability');
  });

  it('answers a thread that does not exist, or is not numbered, with 404', async () => {
    expect((await world.get('sethmlarson', '/intake/999999')).status).toBe(404);
    expect((await world.get('sethmlarson', '/intake/PSRT-2026-0001')).status).toBe(404);
  });
});

describe('deciding', () => {
  const auditOf = async (id: number) =>
    (await listAudit(world.ctx().store.db, `mail-thread:${id}`)).map((e) => e.action);
  const replies = async (id: number) =>
    (await listEffects(world.ctx().store.db, {}))
      .map((e) => e.payload as { threadId?: number; purpose?: string; destination?: string })
      .filter((p) => p.threadId === id && p.purpose !== 'acknowledgement')
      .map((p) => p.purpose ?? p.destination);

  it('spam: discarded without a reply, audited, and back on the thread with a flash', async () => {
    const { id } = await thread({ subject: 'decide: spam' });
    const landed = await decideAndLand(id, { decision: 'spam' });
    expect(landed.location).toBe(`/intake/${id}`);
    expect(landed.flash).toBe('Discarded as spam: no reply is sent.');
    expect(await statusOf(id)).toBe('spam');
    expect(await auditOf(id)).toEqual(['intake.spam']);
    expect(await replies(id)).toEqual([]);
    // The flash is shown once.
    expect((await world.get('sethmlarson', `/intake/${id}`)).html).not.toContain('class="flash"');
  });

  it("not a vulnerability: the page shows the devguide's reply, and that reply is sent", async () => {
    const { id } = await thread({ subject: 'decide: not a vuln' });
    expect(textOf((await world.get('sethmlarson', `/intake/${id}`)).html)).toContain(
      "We've determined that the report doesn't constitute",
    );
    const landed = await decideAndLand(id, { decision: 'not-a-vulnerability' });
    expect(landed.flash).toBe("Not a vulnerability: psrt sends the reporter the devguide's reply.");
    expect(await statusOf(id)).toBe('not-a-vulnerability');
    expect(await replies(id)).toEqual(['not-a-vulnerability']);
    expect(await auditOf(id)).toEqual(['intake.not-a-vulnerability']);
  });

  it('forward: to a configured destination chosen from the list', async () => {
    const { id } = await thread({ subject: 'decide: a PyPI package' });
    expect((await world.get('sethmlarson', `/intake/${id}`)).html).toContain('<option value="PyPI">');
    const landed = await decideAndLand(id, { decision: 'forward', destination: 'PyPI' });
    expect(landed.flash).toBe('Forwarded: psrt sends the thread to PyPI.');
    expect(await statusOf(id)).toBe('forwarded');
    expect(await replies(id)).toContain('PyPI');
  });

  it('needs information: what is ticked and written goes in the reply, and the thread waits under its tab', async () => {
    const { id } = await thread({ subject: 'decide: vague' });
    const landed = await decideAndLand(id, {
      decision: 'needs-information',
      missing: [missingInformation.proofOfConcept, missingInformation.versions],
      other: 'The platform you ran it on\n',
    });
    expect(landed.flash).toContain('psrt asks the reporter for what is missing');
    expect(await statusOf(id)).toBe('needs-information');
    const effect = (await listEffects(world.ctx().store.db, {}))
      .map((e) => e.payload as { threadId?: number; purpose?: string; text?: string })
      .find((p) => p.threadId === id && p.purpose === 'needs-information');
    expect(effect?.text).toContain('a proof-of-concept script');
    expect(effect?.text).toContain('The platform you ran it on');
  });

  it('redirect: the reporter is sent to the repository’s GHSA form', async () => {
    const { id } = await thread({ subject: 'decide: cpython, use GHSA' });
    const landed = await decideAndLand(id, { decision: 'redirect', repository: 'python/cpython' });
    expect(landed.flash).toContain("python/cpython's GitHub Security Advisory form");
    expect(await statusOf(id)).toBe('redirected');
    expect(await replies(id)).toEqual(['submit-using-ghsa']);
  });

  it("file: a new report crediting the reporter's login, landing on it with a flash; the thread then links it and offers no forms", async () => {
    const { id } = await thread({ subject: 'decide: tarfile traversal' });
    const form = (await world.get('sethmlarson', `/intake/${id}`)).html;
    expect(form).toContain('name="title" value="decide: tarfile traversal"');
    const landed = await decideAndLand(id, {
      decision: 'file',
      repository: 'python/cpython',
      title: 'tarfile: traversal',
      reporterLogin: 'mira-finds-bugs',
    });
    expect(landed.location).toMatch(/^\/reports\/PSRT-\d{4}-\d{4}$/);
    expect(landed.flash).toBe(
      `Filed from security@ thread ${id}: the report's clock runs from the email's receipt, and psrt opens its GHSA.`,
    );
    const reportId = landed.location?.split('/').at(-1) ?? '';
    const filed = await getReport(world.ctx().store.db, reportId);
    expect(filed?.reporter).toBe('mira-finds-bugs');
    expect(textOf(landed.html)).toContain('tarfile: traversal');
    const threadPage = (await world.get('sethmlarson', `/intake/${id}`)).html;
    expect(threadPage).toContain(`href="${landed.location}"`);
    expect(threadPage).not.toContain(`action="/intake/${id}/triage"`);
  });

  it('link: the thread joins a report psrt has, landing on the report', async () => {
    const report = await world.newReport();
    const { id } = await thread({ subject: 'decide: follow-up' });
    const landed = await decideAndLand(id, { decision: 'link', reportId: report.id.toLowerCase() });
    expect(landed.location).toBe(`/reports/${report.id}`);
    expect(landed.flash).toBe(
      `security@ thread ${id} joined this report; its clock runs from the earlier receipt.`,
    );
    expect(await statusOf(id)).toBe('reported');
  });

  it('refusals are the thread page with the reason at its status, and change nothing', async () => {
    const { id } = await thread({ subject: 'refuse: these' });
    const refused = async (fields: Record<string, string>) => {
      const response = await decide('sethmlarson', id, fields);
      const html = await response.text();
      return {
        status: response.status,
        problem: textOf(html.match(/<p class="problem"[^>]*>([^<]*)<\/p>/)?.[1] ?? '').trim(),
      };
    };
    expect(await refused({ decision: 'forward', destination: 'Nowhere' })).toEqual({
      status: 400,
      problem: 'Forward to one of the configured destinations: PyPI.',
    });
    expect(await refused({ decision: 'needs-information' })).toMatchObject({
      status: 422,
      problem: expect.stringContaining('Say what the report is missing'),
    });
    expect(await refused({ decision: 'link', reportId: 'not-an-id' })).toMatchObject({
      problem: expect.stringContaining('PSRT id'),
    });
    expect(await refused({ decision: 'maybe' })).toMatchObject({
      status: 400,
      problem: expect.stringContaining('The decision must be one of'),
    });
    expect(await statusOf(id)).toBe('new');
    expect((await decide('sethmlarson', 999999, { decision: 'spam' })).status).toBe(404);
  });
});

describe('who may', () => {
  it('is for admins: members who are not admins are refused without a word of the mail, the nav links it for admins alone', async () => {
    const { id } = await thread({ subject: 'embargo: SECRET-SUBJECT-zq7', text: 'SECRET-BODY-zq7' });
    expect((await world.get('sethmlarson', '/reports')).html).toContain('href="/intake"');
    expect((await world.get('gpshead', '/reports')).html).not.toContain('href="/intake"');
    for (const path of ['/intake', `/intake/${id}`, `/intake/messages/1/attachments/0`]) {
      const page = await world.get('gpshead', path);
      expect(page.status, path).toBe(403);
      expect(page.html).not.toMatch(/SECRET-(SUBJECT|BODY)-zq7/);
    }
    const posted = await decide('gpshead', id, { decision: 'spam' });
    expect(posted.status).toBe(403);
    expect(await statusOf(id)).toBe('new');
  });

  it('the signed-out sign in first, and come back to the page', async () => {
    const visitor = await world.get(null, '/intake?tab=all');
    expect(visitor.status).toBe(303);
    expect(visitor.response.headers.get('location')).toBe('/signin');
    expect(wayBack(visitor.response)).toBe('/intake?tab=all');
    const threadPage = await world.get(null, '/intake/1');
    expect(threadPage.status).toBe(303);
    expect(threadPage.html).toBe('');
  });
});
