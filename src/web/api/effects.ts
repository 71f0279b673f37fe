// /api/v1/effects and /api/v1/webhook-deliveries: what psrt did and will do
// outside, what GitHub sent it, and driving again what failed (members).
import { OpenAPIHono } from '@hono/zod-openapi';
import { listDeliveriesAs, retryDeliveryAs } from '../../app/bot/delivery-manage.ts';
import { listEffectsAs, retryEffectAs } from '../../app/effects/manage.ts';
import type { WebEnv } from '../env.ts';
import { withETag } from './etag.ts';
import type { ApiDeps } from './index.ts';
import * as routes from './routes/admin.ts';

export function effectsOperations({ ctx }: ApiDeps): OpenAPIHono<WebEnv> {
  return new OpenAPIHono<WebEnv>()
    .openapi(routes.listEffects, async (c) => {
      const { status, report, latest } = c.req.valid('query');
      return withETag(c, await listEffectsAs(ctx, c.get('principal'), { status, reportId: report, latest }));
    })
    .openapi(routes.retryEffect, async (c) =>
      c.json(await retryEffectAs(ctx, c.get('principal'), c.req.valid('param').effectId), 200),
    )
    .openapi(routes.listWebhookDeliveries, async (c) => {
      const { status, latest } = c.req.valid('query');
      return withETag(c, await listDeliveriesAs(ctx, c.get('principal'), { status, latest }));
    })
    .openapi(routes.retryWebhookDelivery, async (c) =>
      c.json(await retryDeliveryAs(ctx, c.get('principal'), c.req.valid('param').guid), 200),
    );
}
