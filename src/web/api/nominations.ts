// /api/v1/nominations: each operation calls the one use-case the page and the
// CLI call, and answers with the nomination as the caller may see it.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { NominationView } from '../../app/nomination-views.ts';
import { nominationAs, nominationsAs } from '../../app/nomination-views.ts';
import {
  openNomination,
  vetoNomination,
  voteOnNomination,
  withdrawNomination,
} from '../../app/nominations.ts';
import { eligibilityWords } from '../../domain/nominations.ts';
import type { WebEnv } from '../env.ts';
import { withETag } from './etag.ts';
import type { ApiDeps } from './index.ts';
import * as routes from './routes/nominations.ts';

/** A nomination as the API answers it. */
export function nominationJson({ nomination, outcome, votes, yourVote, may }: NominationView) {
  return {
    id: nomination.id,
    login: nomination.login,
    name: nomination.name,
    nominatedBy: nomination.nominatedBy,
    why: nomination.why,
    openedAt: nomination.openedAt.toISOString(),
    closesAt: nomination.closesAt.toISOString(),
    eligibility: nomination.eligibility,
    eligibilityWords: eligibilityWords(nomination.eligibility),
    status: outcome.status,
    rule: outcome.rule,
    inFavour: outcome.inFavour,
    against: outcome.against,
    veto: nomination.veto ? { ...nomination.veto, at: nomination.veto.at.toISOString() } : null,
    withdrawn: nomination.withdrawn
      ? { ...nomination.withdrawn, at: nomination.withdrawn.at.toISOString() }
      : null,
    votes: votes?.map((vote) => ({ ...vote, at: vote.at.toISOString() })) ?? null,
    yourVote,
    may,
  };
}

export function nominationOperations({ ctx, services }: ApiDeps): OpenAPIHono<WebEnv> {
  const shown = async (principal: Parameters<typeof nominationAs>[1], id: number) =>
    nominationJson(await nominationAs(ctx, principal, id));
  return new OpenAPIHono<WebEnv>()
    .openapi(routes.listNominations, async (c) =>
      withETag(c, { nominations: (await nominationsAs(ctx, c.get('principal'))).map(nominationJson) }),
    )
    .openapi(routes.getNomination, async (c) =>
      withETag(c, await shown(c.get('principal'), c.req.valid('param').id)),
    )
    .openapi(routes.openNomination, async (c) => {
      const principal = c.get('principal');
      const opened = await openNomination(ctx, principal, c.req.valid('json'), services.github);
      return c.json(await shown(principal, opened.id), 201);
    })
    .openapi(routes.voteOnNomination, async (c) => {
      const { id } = c.req.valid('param');
      await voteOnNomination(ctx, c.get('principal'), id, c.req.valid('json').inFavour);
      return c.json(await shown(c.get('principal'), id), 200);
    })
    .openapi(routes.vetoNomination, async (c) => {
      const { id } = c.req.valid('param');
      await vetoNomination(ctx, c.get('principal'), id, c.req.valid('json').decision);
      return c.json(await shown(c.get('principal'), id), 200);
    })
    .openapi(routes.withdrawNomination, async (c) => {
      const { id } = c.req.valid('param');
      await withdrawNomination(ctx, c.get('principal'), id);
      return c.json(await shown(c.get('principal'), id), 200);
    });
}
