// The bodies of the security@ triage queue: threads, their messages (as
// text: a mail's HTML is never served to be rendered), and an admin's decision.
import { z } from '@hono/zod-openapi';
import { encryptions, threadStatuses } from '../../domain/inbox.ts';
import { at } from './schemas.ts';

const address = z.string().nullable();

export const ThreadSchema = z
  .object({
    id: z.number().int().openapi({ example: 12 }),
    subject: z.string(),
    fromAddress: address,
    fromName: z.string().nullable(),
    receivedAt: at.openapi({
      description: "When psrt received the first message: a report's received time.",
    }),
    lastMessageAt: at,
    messageCount: z.number().int(),
    status: z.enum(threadStatuses),
    reportId: z.string().nullable(),
    triagedBy: z.string().nullable(),
    triagedAt: at.nullable(),
    triageDetail: z.string().nullable(),
    nextUpdateBy: at
      .nullable()
      .openapi({ description: 'The update the acknowledgement promised the reporter.' }),
  })
  .openapi('MailThread');

export const IntakePageSchema = z
  .object({
    threads: z.array(ThreadSchema),
    total: z.number().int(),
    unread: z.number().int().openapi({ description: 'Messages stored and not read into a thread yet.' }),
  })
  .openapi('IntakePage');

export const MessageSchema = z
  .object({
    id: z.number().int(),
    messageId: z.string(),
    receivedAt: at,
    sentAt: at.nullable(),
    source: z.enum(['smtp', 'imap']),
    size: z.number().int(),
    fromAddress: address,
    fromName: z.string().nullable(),
    subject: z.string().nullable(),
    text: z.string().nullable().openapi({ description: 'The plain text (an HTML-only mail as text).' }),
    hasHtml: z
      .boolean()
      .openapi({ description: 'The mail had an HTML part; it is kept, never served for rendering.' }),
    attachments: z.array(
      z.object({ filename: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string() }),
    ),
    encryption: z.enum(encryptions).nullable(),
    problem: z.string().nullable(),
  })
  .openapi('MailMessage');

export const ThreadViewSchema = z
  .object({
    thread: ThreadSchema,
    messages: z.array(MessageSchema),
    history: z.array(ThreadSchema).openapi({ description: "The sender's other threads, newest first." }),
    policy: z
      .object({
        items: z.array(
          z.object({
            rule: z.string(),
            met: z.union([z.boolean(), z.literal('unknown')]),
            detail: z.string(),
          }),
        ),
        missing: z
          .array(z.string())
          .openapi({ description: 'What a "needs information" reply would ask for.' }),
      })
      .openapi({ description: "The first message checked against the devguide's security policy." }),
    notice: z
      .object({ isNotice: z.boolean(), evidence: z.array(z.string()), vendor: z.string().nullable() })
      .openapi({ description: "Whether it reads as a manufacturer's notice under the CRA, Art. 13(6)." }),
    similar: z
      .array(
        z.object({
          kind: z.enum(['report', 'thread']),
          id: z.string(),
          score: z.number(),
          reasons: z.array(z.string()),
        }),
      )
      .openapi({ description: 'Reports and other threads it may duplicate, most likely first.' }),
  })
  .openapi('MailThreadView');

export const TriageDecisionSchema = z
  .discriminatedUnion('action', [
    z.strictObject({ action: z.literal('spam') }),
    z.strictObject({ action: z.literal('not-a-vulnerability') }),
    z.strictObject({
      action: z.literal('forward'),
      destination: z
        .string()
        .min(1)
        .max(200)
        .openapi({ description: 'A configured destination (intake.forwardTo).' }),
    }),
    z.strictObject({
      action: z.literal('needs-information'),
      missing: z.array(z.string().min(1).max(500)).min(1).max(20),
    }),
    z.strictObject({ action: z.literal('redirect'), repository: z.string().min(3).max(200) }),
    z.strictObject({
      action: z.literal('file'),
      repository: z.string().min(3).max(200),
      title: z.string().min(1).max(1024),
      reporterLogin: z
        .string()
        .max(39)
        .optional()
        .openapi({ description: "The reporter's GitHub login, to credit them on the GHSA." }),
    }),
    z.strictObject({ action: z.literal('link'), reportId: z.string().min(1).max(40) }),
  ])
  .openapi('TriageDecision');

export const TriageResultSchema = z
  .object({ thread: ThreadSchema, reportId: z.string().nullable() })
  .openapi('TriageResult');
