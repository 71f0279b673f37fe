// /api/v1/roster/drift, /sync and /contacts: keeping the venues that follow
// the member list in sync with it (admins), and members' contacts.
import { OpenAPIHono } from '@hono/zod-openapi';
import { authorize } from '../../app/authorize.ts';
import { listContactsAs, setMemberContact } from '../../app/member-contacts.ts';
import { lastDriftCheck } from '../../app/roster-drift-check.ts';
import {
  applyTeamSyncAs,
  markVenuePlanAppliedAs,
  rosterDriftAs,
  venuePlanAs,
} from '../../app/roster-sync.ts';
import { isProblem, teamPlanDigest } from '../../domain/roster-drift.ts';
import type { WebEnv } from '../env.ts';
import { withETag } from './etag.ts';
import type { ApiDeps } from './index.ts';
import * as routes from './routes/roster-sync.ts';

export function rosterSyncOperations({ ctx, services }: ApiDeps): OpenAPIHono<WebEnv> {
  return new OpenAPIHono<WebEnv>()
    .openapi(routes.getRosterDrift, async (c) => {
      const drift = await rosterDriftAs(ctx, c.get('principal'), services.github);
      return withETag(c, { ...drift, teamPlan: isProblem(drift.team) ? null : teamPlanDigest(drift.team) });
    })
    .openapi(routes.applyTeamSync, async (c) =>
      c.json(await applyTeamSyncAs(ctx, c.get('principal'), services.github, c.req.valid('json')), 200),
    )
    .openapi(routes.planVenue, async (c) => {
      const plan = await venuePlanAs(
        ctx,
        c.get('principal'),
        c.req.valid('param').venue,
        c.req.valid('json').current,
      );
      return c.json(plan, 200);
    })
    .openapi(routes.markVenueApplied, async (c) => {
      const { venue } = c.req.valid('param');
      return c.json(
        await markVenuePlanAppliedAs(ctx, c.get('principal'), venue, c.req.valid('json').current),
        201,
      );
    })
    .openapi(routes.setContact, async (c) => {
      const input = { login: c.req.valid('param').login, ...c.req.valid('json') };
      return c.json(await setMemberContact(ctx, c.get('principal'), input), 200);
    })
    .openapi(routes.listContacts, async (c) =>
      withETag(c, { contacts: await listContactsAs(ctx, c.get('principal')) }),
    )
    .openapi(routes.lastDriftCheck, async (c) => {
      authorize(c.get('principal'), 'roster.sync');
      return withETag(c, { check: await lastDriftCheck(ctx) });
    });
}
