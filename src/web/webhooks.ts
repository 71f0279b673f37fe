// `POST /webhooks/github`: GitHub's deliveries. Only a body signed with the
// webhook secret (X-Hub-Signature-256 over the exact bytes) is recorded; it is
// answered as soon as it is committed, and processed afterwards (never any
// GitHub call in the request: GitHub waits 10 s at most). The payload is
// embargoed advisory text: it is never logged nor echoed back.
import { verify } from '@octokit/webhooks-methods';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { receiveDelivery } from '../app/bot/delivery-intake.ts';
import type { AppContext } from '../app/context.ts';

/** GitHub caps webhook payloads at 25 MB; it does not send larger ones. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

export interface WebhookOptions {
  ctx: AppContext;
  /** `PSRT_WEBHOOK_SECRET` (a per-process one in the sandbox); without one every delivery is refused. */
  secret: string | null;
  /** Called after a delivery is recorded, so it is processed at once (the processor's nudge). */
  onRecorded?: () => void;
}

/** GitHub's delivery GUIDs are UUIDs; anything printable and short is accepted, nothing a terminal would act on. */
const guidPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const eventPattern = /^[a-z][a-z_]{0,63}$/;

// Not fatal on a byte-order mark: the signature covers the bytes as they came.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const unauthorized = { message: 'Unauthorized' };

export function webhookRoutes({ ctx, secret, onRecorded }: WebhookOptions): Hono {
  const app = new Hono();

  app.post(
    '/github',
    bodyLimit({
      maxSize: MAX_WEBHOOK_BYTES,
      onError: (c) =>
        c.json({ message: 'Payload too large: GitHub sends at most 25 MB; nothing was recorded.' }, 413),
    }),
    async (c) => {
      const guid = c.req.header('x-github-delivery');
      const event = c.req.header('x-github-event');
      const signature = c.req.header('x-hub-signature-256');
      // The log may say why (an operator fixes the secret); the answer never does.
      const refuse = (reason: string) => {
        ctx.log.warn(
          {
            delivery: guid && guidPattern.test(guid) ? guid : undefined,
            event: event && eventPattern.test(event) ? event : undefined,
            reason,
          },
          'webhook delivery refused',
        );
        return c.json(unauthorized, 401);
      };
      if (!secret) return refuse('PSRT_WEBHOOK_SECRET is not set: set it to the GitHub App webhook secret');
      if (!signature) return refuse('no X-Hub-Signature-256 header');
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      let body: string;
      try {
        body = utf8.decode(bytes);
      } catch {
        // GitHub signs UTF-8 JSON: bytes that are not UTF-8 cannot be what it signed.
        return refuse('the body is not UTF-8');
      }
      if (body === '' || !(await verify(secret, body, signature)))
        return refuse('X-Hub-Signature-256 does not match the body and the webhook secret');

      if (!guid || !guidPattern.test(guid))
        return c.json({ message: 'X-GitHub-Delivery must be the delivery GUID GitHub sends.' }, 400);
      if (!event || !eventPattern.test(event))
        return c.json({ message: 'X-GitHub-Event must name the event, as GitHub sends it.' }, 400);
      let payload: unknown;
      try {
        payload = JSON.parse(body);
      } catch {
        // Never the parser's message: it quotes the body.
        payload = undefined;
      }
      if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
        return c.json(
          {
            message:
              'The body is not a JSON object: set the webhook content type to application/json. Nothing was recorded.',
          },
          400,
        );

      const intake = await receiveDelivery(ctx, {
        guid,
        event,
        body,
        payload: payload as Record<string, unknown>,
      });
      switch (intake) {
        case 'duplicate':
          return c.json({ duplicate: true }, 200);
        case 'pong':
          return c.json({ pong: true }, 200);
        case 'recorded':
          onRecorded?.();
          return c.json({ accepted: true }, 202);
      }
    },
  );

  return app;
}
