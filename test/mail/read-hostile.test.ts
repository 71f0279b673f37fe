// Mail written to hurt: attachment names that climb out of a folder or
// disguise their type, and broken or garbage MIME. Reading never fails on it;
// an admin gets what could be read and a sentence on what could not.
import { describe, expect, it } from 'vitest';
import { readMessage } from '../../src/mail/read.ts';
import { compose, rawMessage } from './compose.ts';

/** A message with one attachment whose Content-Disposition names it `filename` (RFC 2231, so any character can be in it). */
function withAttachment(filename: string): Uint8Array {
  return rawMessage(
    'From: eve@example.org',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    'see attached',
    '--b',
    'Content-Type: application/octet-stream',
    `Content-Disposition: attachment; filename*=utf-8''${encodeURIComponent(filename)}`,
    'Content-Transfer-Encoding: base64',
    '',
    'TVo=',
    '--b--',
    '',
  );
}

async function attachmentName(filename: string): Promise<string | undefined> {
  const message = await readMessage(withAttachment(filename));
  return message.attachments[0]?.filename;
}

describe('attachment names a sender chose', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\evil.exe', 'evil.exe'],
    ['/etc/cron.d/job', 'job'],
    ['..', 'attachment-1'],
    ['.bashrc', 'bashrc'],
    ['\u202Egnp.exe', 'gnp.exe'],
    ['report\u2066.pdf\u2069.exe', 'report.pdf.exe'],
    ['line\r\nbreak\u0000.txt', 'linebreak.txt'],
    ['a:b*c?d"e<f>g|h.txt', 'a_b_c_d_e_f_g_h.txt'],
    ['evil.exe. . ', 'evil.exe'],
    ['CON.txt', '_CON.txt'],
    ['poc..py', 'poc.py'],
    ['ｐｏｃ／ｅｖｉｌ.py', 'evil.py'],
  ])('%j is saved and shown as %j', async (sent, kept) => {
    expect(await attachmentName(sent)).toBe(kept);
  });

  it('a 1,000-character name is cut to at most 150 bytes and keeps its extension', async () => {
    const kept = await attachmentName(`${'é'.repeat(1000)}.tar.gz`);
    expect(Buffer.byteLength(kept ?? '')).toBeLessThanOrEqual(150);
    expect(kept).toMatch(/^é+\.gz$/);
  });

  it('an attachment without a name, or with an empty one, is called attachment-N by its position', async () => {
    const message = await readMessage(
      rawMessage(
        'From: eve@example.org',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: application/pdf',
        'Content-Disposition: attachment; filename=""',
        '',
        'one',
        '--b',
        'Content-Type: image/png',
        'Content-Disposition: attachment',
        '',
        'two',
        '--b--',
      ),
    );
    expect(message.attachments.map((attachment) => attachment.filename)).toEqual([
      'attachment-1',
      'attachment-2',
    ]);
  });

  it('a declared type that is not a media type is kept as application/octet-stream', async () => {
    const message = await readMessage(
      rawMessage(
        'From: eve@example.org',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: "text/html><script>alert(1)</script>"',
        'Content-Disposition: attachment; filename="page.html"',
        '',
        '<script>',
        '--b--',
      ),
    );
    expect(message.attachments[0]?.contentType).toBe('application/octet-stream');
  });
  it('an attachment with an empty Content-Type is kept as application/octet-stream', async () => {
    const message = await readMessage(
      rawMessage(
        'From: eve@example.org',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: ',
        'Content-Disposition: attachment; filename="blob"',
        '',
        'data',
        '--b--',
      ),
    );
    expect(message.attachments.map(({ filename, contentType }) => ({ filename, contentType }))).toEqual([
      { filename: 'blob', contentType: 'application/octet-stream' },
    ]);
  });
});

describe('malformed MIME', () => {
  it('a multipart message whose closing boundary is missing is read as far as it goes, and says it may be cut off', async () => {
    const message = await readMessage(
      rawMessage(
        'From: reporter@example.org',
        'Subject: Cut off',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'The first part arrived.',
        '--b',
        'Content-Type: text/x-python',
        'Content-Disposition: attachment; filename="poc.py"',
        '',
        'print("half',
      ),
    );
    expect(message.subject).toBe('Cut off');
    expect(message.text).toBe('The first part arrived.');
    expect(message.attachments.map((attachment) => attachment.filename)).toEqual(['poc.py']);
    expect(message.problem).toMatch(/not closed .*cut off/);
  });

  it('a well-formed message whose boundaries share a prefix has no problem', async () => {
    const message = await readMessage(
      rawMessage(
        'From: a@example.org',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: multipart/alternative; boundary="b2"',
        '',
        '--b2',
        'Content-Type: text/plain',
        '',
        'plain',
        '--b2--',
        '--b',
        'Content-Type: application/octet-stream',
        'Content-Disposition: attachment; filename="a.bin"',
        'Content-Transfer-Encoding: base64',
        '',
        'AAEC',
        '--b--',
        '',
      ),
    );
    expect(message).toMatchObject({ text: 'plain', problem: null });
  });

  it('a multipart message that never uses its boundary, or names none, says its parts could not be told apart', async () => {
    for (const contentType of ['multipart/mixed; boundary="declared"', 'multipart/mixed']) {
      const message = await readMessage(
        rawMessage(
          'From: a@example.org',
          `Content-Type: ${contentType}`,
          '',
          '--other',
          '',
          'text',
          '--other--',
        ),
      );
      expect(message.problem).toMatch(/could not be told apart/);
      expect(message.from?.address).toBe('a@example.org');
    }
  });

  it('an attachment with characters base64 does not use is decoded as far as possible and flagged', async () => {
    const message = await readMessage(
      rawMessage(
        'From: a@example.org',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: application/octet-stream',
        'Content-Disposition: attachment; filename="blob.bin"',
        'Content-Transfer-Encoding: base64',
        '',
        'TVqQ!!@@AAMAAAA*EAAAA',
        '--b--',
      ),
    );
    expect(message.attachments[0]?.filename).toBe('blob.bin');
    expect(message.attachments[0]?.size).toBeGreaterThan(0);
    expect(message.problem).toMatch(/base64/);
  });

  it('a message without headers is shown as text and says its sender, subject and date are unknown', async () => {
    const message = await readMessage(new TextEncoder().encode('I found a bug in urllib.\nPlease reply.\n'));
    expect(message).toMatchObject({ from: null, subject: '', sentAt: null, messageId: null });
    expect(message.text).toBe('I found a bug in urllib.\nPlease reply.\n');
    expect(message.problem).toMatch(/no headers/);
  });

  it('binary garbage is read without failing and leaves no control characters in the text', async () => {
    const garbage = new Uint8Array(4096);
    let seed = 12345;
    for (let i = 0; i < garbage.length; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      garbage[i] = seed & 0xff;
    }
    garbage[0] = 0;
    const message = await readMessage(garbage);
    expect(message.problem).not.toBeNull();
    expect(
      [...message.text].filter((char) => /\p{Cc}/u.test(char) && char !== '\n' && char !== '\t'),
    ).toEqual([]);
  });

  it('parts nested deeper than any client writes are refused with a reason, not followed', async () => {
    const depth = 200;
    const lines = ['From: a@example.org', 'Content-Type: multipart/mixed; boundary="b0"', ''];
    for (let level = 1; level <= depth; level++) {
      lines.push(`--b${level - 1}`, `Content-Type: multipart/mixed; boundary="b${level}"`, '');
    }
    lines.push(`--b${depth}`, 'Content-Type: text/plain', '', 'deep', `--b${depth}--`);
    for (let level = depth - 1; level >= 0; level--) lines.push(`--b${level}--`);
    const message = await readMessage(rawMessage(...lines));
    expect(message.problem).toMatch(/deeper than psrt reads/);
  });

  it('no cut-off, corrupted or spliced copy of a real message makes reading it fail', async () => {
    const original = await compose({
      from: 'Reporter <reporter@example.org>',
      to: 'security@python.org',
      subject: 'Überlauf in zlib',
      text: 'Details.\n'.repeat(20),
      html: '<p>Details.</p>',
      attachments: [{ filename: 'poc.py', content: 'print(1)\n'.repeat(50) }],
    });
    let seed = 7;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % below;
    };
    // What breaks MIME: line breaks, boundaries, empty or odd headers, encodings, armor.
    const pieces = [
      '\r\n',
      '\r\n\r\n',
      '--',
      'Content-Type: \r\n',
      'Content-Type: multipart/mixed; boundary=x\r\n',
      'Content-Transfer-Encoding: base64\r\n',
      '=?utf-8?B?',
      '?=',
      '-----BEGIN PGP MESSAGE-----\n',
      '\u0000',
    ].map((piece) => Buffer.from(piece));
    for (let round = 0; round < 120; round++) {
      let copy = Buffer.from(original.subarray(0, 1 + random(original.length)));
      for (let change = 0; change < 6; change++) {
        const at = random(copy.length + 1);
        if (random(2) === 0 && copy.length > 0) copy[random(copy.length)] = random(256);
        else
          copy = Buffer.concat([
            copy.subarray(0, at),
            pieces[random(pieces.length)] ?? Buffer.alloc(0),
            copy.subarray(at),
          ]);
      }
      const message = await readMessage(copy);
      expect(typeof message.text).toBe('string');
      expect(message.subject).not.toMatch(/[\r\n]/);
    }
  });
});
