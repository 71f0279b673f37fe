// /api/v1/history: the PSF's published advisories (OSV files, CVE records)
// loaded as published reports, one record a request (admins).
import { OpenAPIHono } from '@hono/zod-openapi';
import { importRecord } from '../../app/history.ts';
import type { WebEnv } from '../env.ts';
import type { ApiDeps } from './index.ts';
import * as routes from './routes/admin.ts';

export function historyOperations({ ctx }: ApiDeps): OpenAPIHono<WebEnv> {
  return new OpenAPIHono<WebEnv>().openapi(routes.importHistory, async (c) => {
    const { format } = c.req.valid('param');
    const { dryRun } = c.req.valid('query');
    return c.json(await importRecord(ctx, c.get('principal'), format, c.req.valid('json'), { dryRun }), 200);
  });
}
