// /api/v1/roster/leave, /roles, /changes: membership changes decided in psrt.
import { OpenAPIHono } from '@hono/zod-openapi';
import { leavePsrt, membershipHistory, setMemberRole } from '../../app/membership.ts';
import type { MembershipChange } from '../../domain/membership.ts';
import type { WebEnv } from '../env.ts';
import { withETag } from './etag.ts';
import type { ApiDeps } from './index.ts';
import * as routes from './routes/membership.ts';

/** A change as the API writes it: instants as ISO strings. */
export const changeJson = (change: MembershipChange) => ({
  ...change,
  decidedAt: change.decidedAt.toISOString(),
  appliedAt: change.appliedAt?.toISOString() ?? null,
});

export function membershipOperations({ ctx }: ApiDeps): OpenAPIHono<WebEnv> {
  return new OpenAPIHono<WebEnv>()
    .openapi(routes.leavePsrt, async (c) => c.json(changeJson(await leavePsrt(ctx, c.get('principal'))), 200))
    .openapi(routes.setMemberRole, async (c) =>
      c.json(await setMemberRole(ctx, c.get('principal'), c.req.valid('json')), 200),
    )
    .openapi(routes.listMembershipChanges, async (c) => {
      const changes = await membershipHistory(ctx, c.get('principal'), c.req.valid('query').limit);
      return withETag(c, { changes: changes.map(changeJson) });
    });
}
