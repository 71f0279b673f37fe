// Placeholder reader (replaced by the full reader: OpenPGP, safe names, hostile MIME).
import { createHash } from 'node:crypto';
import { bareMessageId, type ReadMessage } from '../domain/inbox.ts';

export async function readMessage(
  raw: Uint8Array,
  _options: { teamKey?: unknown } = {},
): Promise<ReadMessage> {
  const { simpleParser } = await import('mailparser');
  const parsed = await simpleParser(Buffer.from(raw));
  const first = (value: unknown) => {
    const list = (Array.isArray(value) ? value : [value]) as {
      value?: { address?: string; name?: string }[];
    }[];
    const entry = list[0]?.value?.[0];
    return entry?.address ? { address: entry.address, name: entry.name || null } : null;
  };
  const refs =
    parsed.references === undefined
      ? []
      : Array.isArray(parsed.references)
        ? parsed.references
        : [parsed.references];
  return {
    messageId: parsed.messageId ? bareMessageId(parsed.messageId) : null,
    inReplyTo: parsed.inReplyTo ? bareMessageId(parsed.inReplyTo) : null,
    references: refs.map(bareMessageId),
    from: first(parsed.from),
    replyTo: first(parsed.replyTo),
    to: [],
    subject: parsed.subject ?? '',
    sentAt: parsed.date ?? null,
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    attachments: parsed.attachments.map((a, i) => ({
      filename: a.filename ?? `attachment-${i + 1}`,
      contentType: a.contentType,
      size: a.size,
      sha256: createHash('sha256').update(a.content).digest('hex'),
      content: a.content,
    })),
    encryption: 'none',
    decrypted: null,
    problem: null,
  };
}
