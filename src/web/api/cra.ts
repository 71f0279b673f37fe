// /api/v1/reports/{id}/cra: each operation calls the one use-case of app/cra the report page and
// `psrt report cra …` call, and answers the CRA record as it is afterwards.
import { OpenAPIHono } from '@hono/zod-openapi';
import * as cra from '../../app/cra.ts';
import type { WebEnv } from '../env.ts';
import { withETag } from './etag.ts';
import type { ApiDeps } from './index.ts';
import * as routes from './routes/cra.ts';

export function craOperations({ ctx }: ApiDeps): OpenAPIHono<WebEnv> {
  const view = (c: { get(key: 'principal'): Parameters<typeof cra.showCra>[1] }, id: string) =>
    cra.showCra(ctx, c.get('principal'), id);
  return new OpenAPIHono<WebEnv>()
    .openapi(routes.getCra, async (c) => withETag(c, await view(c, c.req.valid('param').id)))
    .openapi(routes.recordCraAwareness, async (c) => {
      const { id } = c.req.valid('param');
      await cra.recordCraAwareness(ctx, c.get('principal'), id, c.req.valid('json'));
      return c.json(await view(c, id), 200);
    })
    .openapi(routes.recordCraNotExploited, async (c) => {
      const { id } = c.req.valid('param');
      await cra.recordCraNotExploited(ctx, c.get('principal'), id, c.req.valid('json').reason);
      return c.json(await view(c, id), 200);
    })
    .openapi(routes.recordCraMeasure, async (c) => {
      const { id } = c.req.valid('param');
      await cra.recordCraMeasure(ctx, c.get('principal'), id, c.req.valid('json'));
      return c.json(await view(c, id), 200);
    })
    .openapi(routes.recordCraIncident, async (c) => {
      const { id } = c.req.valid('param');
      await cra.recordCraIncident(ctx, c.get('principal'), id, c.req.valid('json'));
      return c.json(await view(c, id), 200);
    })
    .openapi(routes.recordCsirtRequest, async (c) => {
      const { id } = c.req.valid('param');
      await cra.recordCsirtRequest(ctx, c.get('principal'), id, c.req.valid('json'));
      return c.json(await view(c, id), 200);
    })
    .openapi(routes.answerCsirtRequest, async (c) => {
      const { id, request } = c.req.valid('param');
      await cra.answerCsirtRequest(ctx, c.get('principal'), id, request, c.req.valid('json').answer);
      return c.json(await view(c, id), 200);
    })
    .openapi(routes.editCraDraft, async (c) => {
      const { id, stage } = c.req.valid('param');
      await cra.editCraStageDraft(ctx, c.get('principal'), id, stage, c.req.valid('json').fields);
      return c.json(await view(c, id), 200);
    })
    .openapi(routes.submitCraStage, async (c) => {
      const { id } = c.req.valid('param');
      const { stage, reference } = c.req.valid('json');
      return c.json(await cra.submitCraStage(ctx, c.get('principal'), id, stage, reference), 201);
    });
}
