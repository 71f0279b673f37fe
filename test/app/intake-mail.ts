// Mail as a reporter's program writes it, for the intake tests.

/** A plain mail as a reporter's program writes it. */
export function mail(fields: {
  id: string;
  from?: string;
  subject?: string;
  body?: string;
  inReplyTo?: string;
  headers?: string[];
}): Buffer {
  return Buffer.from(
    [
      `From: ${fields.from ?? 'Finder <finder@example.org>'}`,
      'To: security@python.org',
      `Subject: ${fields.subject ?? 'tarfile: path traversal in extractall'}`,
      `Message-ID: <${fields.id}>`,
      ...(fields.inReplyTo
        ? [`In-Reply-To: <${fields.inReplyTo}>`, `References: <${fields.inReplyTo}>`]
        : []),
      ...(fields.headers ?? []),
      'Date: Thu, 03 Dec 2026 10:00:00 +0000',
      'Content-Type: text/plain; charset=utf-8',
      '',
      fields.body ?? 'Extracting a crafted archive writes outside the target. Tested on 3.13.1.',
      '',
    ].join('\r\n'),
  );
}
