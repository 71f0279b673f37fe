// `/effects`: the effect runner's work for members, failed first (or one
// status, `?status=`); `POST /effects/:id/retry` drives a failed one again,
// the same use-case as `psrt effects retry`.
import { Hono } from 'hono';
import {
  type EffectView,
  listEffectsAs,
  requireEffectsAccess,
  retryEffectAs,
} from '../../app/effects/manage.ts';
import { UseCaseError } from '../../app/errors.ts';
import type { EffectStatus } from '../../store/index.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { type EffectSection, EffectsPage, statusOrder } from '../pages/effects.tsx';
import { signInFirst } from './signin.tsx';

/** How many of each status the overview shows (failed ones: all a person is likely to have). */
const overview: Record<EffectStatus, number> = { failed: 200, pending: 50, claimed: 50, done: 20 };
/** How many one status's tab shows. */
const TAB_SIZE = 200;

const idPattern = /^[1-9]\d{0,15}$/;

export function effectsRoutes({ ctx, sandbox }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/effects', async (c) => {
    if (!c.get('login')) return signInFirst(c);
    const principal = c.get('principal');
    requireEffectsAccess(principal);
    const status = c.req.query('status');
    if (status !== undefined && !statusOrder.includes(status as EffectStatus))
      throw new UseCaseError('invalid', `No status "${status}": choose failed, pending, claimed or done.`);
    const only = (status as EffectStatus | undefined) ?? null;
    const retried = c.req.query('retried');
    const shown = only ? [only] : statusOrder;
    const listed = await Promise.all(
      shown.map((s) => listEffectsAs(ctx, principal, { status: s, latest: only ? TAB_SIZE : overview[s] })),
    );
    const summary = listed[0]?.summary ?? {
      byStatus: { failed: 0, pending: 0, claimed: 0, done: 0 },
      oldestPendingSince: null,
    };
    const sections: EffectSection[] = shown.map((s, i) => ({
      status: s,
      // Newest first: the store gives the newest N oldest first.
      effects: [...(listed[i]?.effects ?? [])].reverse() as EffectView[],
      total: summary.byStatus[s],
    }));
    return c.render(
      <EffectsPage
        sections={sections}
        summary={summary}
        only={only}
        retried={retried !== undefined && idPattern.test(retried) ? Number(retried) : null}
        sandbox={sandbox}
      />,
    );
  });

  app.post('/effects/:id/retry', async (c) => {
    const id = c.req.param('id');
    if (!idPattern.test(id)) throw new UseCaseError('not-found', `No effect ${id}: effects are numbered.`);
    const effect = await retryEffectAs(ctx, c.get('principal'), Number(id));
    return c.redirect(`/effects?retried=${effect.id}`, 303);
  });

  return app;
}
