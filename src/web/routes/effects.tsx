// `/effects`: the effect runner's work for members, failed first (or one
// status, `?status=`); `POST /effects/:id/retry` drives a failed one again,
// the same use-case as `psrt effects retry`. The overview also lists the
// webhook deliveries that failed or wait, and retries a failed one.
import { Hono } from 'hono';
import { listDeliveriesAs, retryDeliveryAs } from '../../app/bot/delivery-manage.ts';
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
import { WebhookDeliveries } from '../pages/webhook-deliveries.tsx';
import { signInFirst } from './signin.tsx';

/** How many of each status the overview shows (failed ones: all a person is likely to have). */
const overview: Record<EffectStatus, number> = { failed: 200, pending: 50, claimed: 50, done: 20 };
/** How many one status's tab shows. */
const TAB_SIZE = 200;

const idPattern = /^[1-9]\d{0,15}$/;
/** GitHub's delivery GUIDs (X-GitHub-Delivery): letters, digits and dashes. */
const guidPattern = /^[A-Za-z0-9-]{1,100}$/;

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
    const redelivered = c.req.query('redelivered');
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
    // The overview also shows what GitHub sent that failed or waits: the other queue a person drives.
    const deliveries = only
      ? []
      : (
          await Promise.all(
            (['failed', 'pending'] as const).map((s) =>
              listDeliveriesAs(ctx, principal, { status: s, latest: overview[s] }),
            ),
          )
        ).flatMap((answer) => answer.deliveries);
    return c.render(
      <EffectsPage
        sections={sections}
        summary={summary}
        only={only}
        retried={retried !== undefined && idPattern.test(retried) ? Number(retried) : null}
        notice={
          redelivered !== undefined && guidPattern.test(redelivered)
            ? `Webhook delivery ${redelivered} is waiting again: psrt processes it within seconds.`
            : null
        }
        below={
          only ? null : (
            <>
              <WebhookDeliveries deliveries={deliveries} />
              <section aria-label="CVE IDs no report holds">
                <h2>CVE IDs no report holds</h2>
                <p>
                  <a href="/effects/cve-orphans">
                    Check CVE Services for IDs reserved for the PSF that no report holds
                  </a>
                  , and reject the ones nobody will use.
                </p>
              </section>
            </>
          )
        }
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

  app.post('/effects/webhook-deliveries/:guid/retry', async (c) => {
    const guid = c.req.param('guid');
    if (!guidPattern.test(guid))
      throw new UseCaseError('not-found', 'No such webhook delivery: GitHub names them with a GUID.');
    await retryDeliveryAs(ctx, c.get('principal'), guid);
    return c.redirect(`/effects?redelivered=${encodeURIComponent(guid)}`, 303);
  });

  return app;
}
