// Reading a message as security@ received it: what an admin sees in the inbox
// (threading, sender, subject, date, text, attachments) comes out of the raw
// bytes intact, and nothing a sender wrote can pose as something else.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { threadParents } from '../../src/domain/inbox.ts';
import { readMessage } from '../../src/mail/read.ts';
import { compose, encodedWord, rawMessage } from './compose.ts';

const sha256 = (content: string | Uint8Array) => createHash('sha256').update(content).digest('hex');

describe('reading a message sent to security@', () => {
  it('keeps Message-ID, In-Reply-To and References without angle brackets, oldest reference first, so a reply joins its thread', async () => {
    const message = await readMessage(
      rawMessage(
        'From: Reporter <reporter@example.org>',
        'To: security@python.org',
        'Subject: Re: Heap overflow',
        'Message-ID: <reply-2@example.org>',
        "In-Reply-To: <psrt-ack-1@python.org> (PSRT's message of Friday)",
        'References: <report-1@example.org>',
        '  <psrt-ack-1@python.org>',
        '',
        'More details below.',
      ),
    );
    expect(message.messageId).toBe('reply-2@example.org');
    expect(message.inReplyTo).toBe('psrt-ack-1@python.org');
    expect(message.references).toEqual(['report-1@example.org', 'psrt-ack-1@python.org']);
    expect(threadParents(message)).toEqual(['psrt-ack-1@python.org', 'report-1@example.org']);
  });

  it('a message without threading headers has no ids rather than empty ones', async () => {
    const message = await readMessage(rawMessage('From: a@example.org', 'Subject: Hello', '', 'Hi'));
    expect(message).toMatchObject({ messageId: null, inReplyTo: null, references: [] });
  });

  it('reads the sender, Reply-To and every recipient, with names and with groups opened', async () => {
    const message = await readMessage(
      rawMessage(
        `From: ${encodedWord('Łukasz Reporter')} <lukasz@example.org>`,
        'Reply-To: "Security Team, ACME" <psirt@acme.example>',
        'To: security@python.org, Undisclosed: hidden@example.org, other@example.org;',
        'Subject: Report',
        '',
        'Body',
      ),
    );
    expect(message.from).toEqual({ address: 'lukasz@example.org', name: 'Łukasz Reporter' });
    expect(message.replyTo).toEqual({ address: 'psirt@acme.example', name: 'Security Team, ACME' });
    expect(message.to.map((to) => to.address)).toEqual([
      'security@python.org',
      'hidden@example.org',
      'other@example.org',
    ]);
  });

  it('takes the Date header as the time sent, and an unreadable or missing one as unknown, not as now', async () => {
    const dated = await readMessage(
      rawMessage('From: a@example.org', 'Date: Fri, 04 Dec 2026 09:30:00 +0100 (CET)', '', 'x'),
    );
    expect(dated.sentAt?.toISOString()).toBe('2026-12-04T08:30:00.000Z');
    const garbled = await readMessage(
      rawMessage('From: a@example.org', 'Date: the day before yesterday', '', 'x'),
    );
    expect(garbled.sentAt).toBeNull();
    const undated = await readMessage(rawMessage('From: a@example.org', '', 'x'));
    expect(undated.sentAt).toBeNull();
  });

  it('keeps the plain-text body as the text, and the HTML alternative as sent beside it', async () => {
    const message = await readMessage(
      await compose({
        from: 'reporter@example.org',
        to: 'security@python.org',
        subject: 'Path traversal in tarfile',
        text: 'Extracting a crafted archive\r\nwrites outside the target.',
        html: '<p>Extracting a <b>crafted</b> archive writes outside the target.</p>',
      }),
    );
    expect(message.subject).toBe('Path traversal in tarfile');
    expect(message.text).toBe('Extracting a crafted archive\nwrites outside the target.');
    expect(message.html).toBe('<p>Extracting a <b>crafted</b> archive writes outside the target.</p>');
    expect(message).toMatchObject({ encryption: 'none', decrypted: null, problem: null });
  });

  const hostileHtml =
    '<p>Hello <script>alert("script")</script><img src="x" onerror="alert(\'onerror\')">' +
    '<a href="javascript:alert(\'link\')">the report</a> <a href=" JavaScript:void(0)">again</a> ' +
    '<a href="data:text/html;base64,PHNjcmlwdD4=">data</a> ' +
    '<a href="https://github.com/python/cpython/issues/1">the issue</a> [Note: CVSS pending]</p>' +
    '<style>p { color: red }</style>';

  it.each([
    ['the whole message', { html: hostileHtml }],
    [
      'the body beside an attachment',
      { html: hostileHtml, attachments: [{ filename: 'poc.py', content: 'x' }] },
    ],
  ])(
    'reads HTML-only mail (%s) as text without its scripts, event handlers or javascript: links, and keeps the HTML verbatim',
    async (_, content) => {
      const message = await readMessage(
        await compose({
          from: 'reporter@example.org',
          to: 'security@python.org',
          subject: 'HTML',
          ...content,
        }),
      );
      expect(message.text).toContain('Hello');
      expect(message.text).toContain('the report');
      // A web link's target stays readable beside its text (on the next line when the line is full).
      expect(message.text).toMatch(/the issue\s\[https:\/\/github\.com\/python\/cpython\/issues\/1\]/);
      expect(message.text).toContain('[Note: CVSS pending]');
      for (const gone of ['script', 'alert', 'onerror', 'javascript', 'JavaScript', 'data:', 'color: red']) {
        expect(message.text).not.toContain(gone);
      }
      expect(message.html?.trimEnd()).toBe(hostileHtml);
    },
  );

  it('keeps each attachment with its content, its declared type lower-cased, its size and SHA-256', async () => {
    const poc = 'import ctypes\nctypes.string_at(0)\n';
    const message = await readMessage(
      await compose({
        from: 'reporter@example.org',
        to: 'security@python.org',
        subject: 'Crash',
        text: 'See the attached proof of concept.',
        attachments: [
          { filename: 'poc.py', content: poc, contentType: 'Text/X-Python' },
          {
            filename: 'notes.pdf',
            content: Buffer.from([0, 1, 2, 3]),
            contentType: 'application/octet-stream',
          },
        ],
      }),
    );
    expect(message.text).toBe('See the attached proof of concept.');
    expect(
      message.attachments.map(({ content, ...rest }) => ({ ...rest, content: Buffer.from(content) })),
    ).toEqual([
      {
        filename: 'poc.py',
        contentType: 'text/x-python',
        size: poc.length,
        sha256: sha256(poc),
        content: Buffer.from(poc),
      },
      {
        // As declared, not guessed from the name.
        filename: 'notes.pdf',
        contentType: 'application/octet-stream',
        size: 4,
        sha256: sha256(new Uint8Array([0, 1, 2, 3])),
        content: Buffer.from([0, 1, 2, 3]),
      },
    ]);
  });

  it('a subject or sender name encoded with CR LF reads as one line, so no header can be smuggled through it', async () => {
    const message = await readMessage(
      rawMessage(
        `From: ${encodedWord('Eve\r\nBcc: everyone@example.org')} <eve@example.org>`,
        `Subject: ${encodedWord('Urgent\r\nX-Injected: yes\n\rReply-To: eve@evil.example')}`,
        '',
        'x',
      ),
    );
    expect(message.subject).toBe('Urgent X-Injected: yes Reply-To: eve@evil.example');
    expect(message.subject).not.toMatch(/[\r\n]/);
    expect(message.from).toEqual({ address: 'eve@example.org', name: 'Eve Bcc: everyone@example.org' });
    expect(message.replyTo).toBeNull();
  });

  it('a subject cannot reverse or hide its text with direction or zero-width characters', async () => {
    const message = await readMessage(
      rawMessage(
        'From: a@example.org',
        `Subject: ${encodedWord('Report \u202Efdp.exe\u200B\u2066 done')}`,
        '',
        'x',
      ),
    );
    expect(message.subject).toBe('Report fdp.exe done');
  });

  it('an attachment larger than the limit keeps its name, size and digest, and says its content is only in the message as received', async () => {
    const content = Buffer.alloc(2048, 1);
    const message = await readMessage(
      await compose({
        from: 'reporter@example.org',
        to: 'security@python.org',
        text: 'core dump attached',
        attachments: [{ filename: 'core', content }],
      }),
      { maxAttachmentBytes: 1024 },
    );
    expect(message.attachments).toEqual([
      {
        filename: 'core',
        contentType: 'application/octet-stream',
        size: 2048,
        sha256: sha256(content),
        content: new Uint8Array(0),
      },
    ]);
    expect(message.problem).toContain('larger than psrt keeps');
    expect(message.text).toBe('core dump attached');
  });

  it('reads a 25 MB message, mostly one attachment, whole (its time is measured by npm run bench -- intake)', async () => {
    const content = Buffer.alloc(25 * 1024 * 1024, 0x5a);
    const raw = await compose({
      from: 'reporter@example.org',
      to: 'security@python.org',
      subject: 'Memory dump',
      text: 'The dump is attached.',
      attachments: [{ filename: 'dump.bin', content }],
    });
    const message = await readMessage(raw);
    expect(message.attachments[0]?.size).toBe(content.length);
    expect(message.attachments[0]?.sha256).toBe(sha256(content));
    expect(message.problem).toBeNull();
  });
});
