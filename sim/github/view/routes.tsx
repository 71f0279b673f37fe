// The simulator's HTML view under /_sim/view/: pages read the model, forms post to endpoints that
// call the control's operations (the same ones as the JSON routes under /_sim/ui/), and every
// POST redirects back (post/redirect/get) with what happened or what GitHub's rules refused.

import type { Context } from 'hono';
import { Hono } from 'hono';
import type { SimContext } from '../context.ts';
import type { GitHubSimControl } from '../control.ts';
import { GitHubError } from '../http.ts';
import { advisoryActions, pullActions } from './actions.ts';
import { AdvisoriesPage } from './advisories-page.tsx';
import { AdvisoryPage } from './advisory-page.tsx';
import { DeliveriesPage } from './deliveries-page.tsx';
import { viewBase } from './layout.tsx';
import { accessOf, advisory, deliveries, people, repositories } from './model.ts';
import { stylesheet } from './styles.ts';

export interface ViewOptions {
  /** Who the view acts as until another user is picked (the sandbox: its demo reporter). */
  defaultUser?: string;
}

/** GitHub's refusal as it words it, e.g. "403 Must have admin rights to Repository.". */
function describe(error: unknown): string {
  if (error instanceof GitHubError) {
    const details = (error.extra.errors ?? []).map((e) =>
      typeof e === 'string' ? e : (e.message ?? `${e.field} ${e.code}`),
    );
    return [`${error.status} ${error.message}`, ...details].join(' · ');
  }
  return error instanceof Error ? error.message : String(error);
}

const hostOf = (origin: string): string | null => (URL.canParse(origin) ? new URL(origin).host : null);

export function viewRoutes(control: GitHubSimControl, sim: () => SimContext, options: ViewOptions): Hono {
  const app = new Hono();
  /** The acting user: the one asked for if they exist, else the default, else the first person. */
  const actingAs = (asked: string | undefined) => {
    const everyone = people(sim());
    const known = (login: string | undefined) =>
      everyone.find((p) => p.toLowerCase() === login?.toLowerCase());
    return { as: known(asked) ?? known(options.defaultUser) ?? everyone[0] ?? '', people: everyone };
  };
  const frame = (c: Context) => ({
    ...actingAs(c.req.query('as')),
    notice: c.req.query('notice'),
    error: c.req.query('error'),
  });
  const back = (c: Context, path: string, as: string, outcome: { notice: string } | { error: string }) => {
    const query = new URLSearchParams({ as, ...outcome });
    return c.redirect(`${viewBase}${path}?${query}`, 303);
  };
  /** Runs a form's action and redirects back to `path` with its outcome. */
  const perform = async (
    c: Context,
    path: (done: boolean) => string,
    act: (form: Record<string, string>, as: string) => Promise<string> | string,
  ) => {
    const raw = await c.req.parseBody();
    const form = Object.fromEntries(
      Object.entries(raw).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])),
    );
    const { as } = actingAs(form.as);
    try {
      return back(c, path(true), as, { notice: await act(form, as) });
    } catch (error) {
      return back(c, path(false), as, { error: describe(error) });
    }
  };

  // A form posted from another site must not act here (the view has no sign-in).
  app.use('*', async (c, next) => {
    const origin = c.req.header('origin');
    if (c.req.method === 'POST' && origin && origin !== 'null' && hostOf(origin) !== c.req.header('host'))
      return c.text("Forms are accepted only from the simulator's own pages.", 403);
    await next();
  });

  app.get('/app.css', (c) => c.body(stylesheet, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/', (c) => c.html(<AdvisoriesPage repos={repositories(sim())} {...frame(c)} />));
  app.get('/deliveries', (c) =>
    c.html(
      <DeliveriesPage
        deliveries={deliveries(sim())}
        hook={sim().webhooks.snapshot().hook?.url ?? null}
        {...frame(c)}
      />,
    ),
  );
  app.get('/advisories/:owner/:repo/:ghsa', (c) => {
    const shown = advisory(sim(), {
      owner: c.req.param('owner'),
      repo: c.req.param('repo'),
      ghsaId: c.req.param('ghsa'),
    });
    const f = frame(c);
    if (!shown) return c.text('No such advisory in the simulator.', 404);
    return c.html(<AdvisoryPage advisory={shown} access={accessOf(sim(), f.as, shown)} {...f} />);
  });

  app.post('/report', (c) =>
    perform(
      c,
      () => '/',
      (form, as) => {
        const [owner = '', repo = ''] = (form.repository ?? '').split('/');
        const reported = control.reportVulnerability({
          as,
          owner,
          repo,
          advisory: { summary: form.summary ?? '', description: form.description ?? '' },
        });
        return `${as} reported ${reported.ghsa_id} to ${owner}/${repo}.`;
      },
    ),
  );

  app.post('/advisories/:owner/:repo/:ghsa/pulls/:number/:action', (c) => {
    const ref = { owner: c.req.param('owner'), repo: c.req.param('repo'), ghsaId: c.req.param('ghsa') };
    const page = `/advisories/${ref.owner}/${ref.repo}/${ref.ghsaId}`;
    return perform(
      c,
      () => page,
      (form, as) => {
        const shown = advisory(sim(), ref);
        const pull = shown?.fork?.pulls.find((p) => String(p.number) === c.req.param('number'));
        const action = pullActions.find((a) => a.name === c.req.param('action'));
        if (!shown || !pull || !action) throw new Error('No such pull request or action.');
        return action.run({ control, ref: { ...ref, as }, form, advisory: shown, pull });
      },
    );
  });

  app.post('/advisories/:owner/:repo/:ghsa/:action', (c) => {
    const ref = { owner: c.req.param('owner'), repo: c.req.param('repo'), ghsaId: c.req.param('ghsa') };
    const page = `/advisories/${ref.owner}/${ref.repo}/${ref.ghsaId}`;
    return perform(
      c,
      () => page,
      (form, as) => {
        const shown = advisory(sim(), ref);
        const action = advisoryActions.find((a) => a.name === c.req.param('action'));
        if (!shown) throw new Error(`No advisory ${ref.ghsaId} in ${ref.owner}/${ref.repo}.`);
        if (!action) throw new Error(`No action "${c.req.param('action')}" on an advisory.`);
        return action.run({ control, ref: { ...ref, as }, form, advisory: shown });
      },
    );
  });

  app.post('/deliveries/:id/redeliver', (c) =>
    perform(
      c,
      () => '/deliveries',
      async () => {
        const again = await control.redeliver(c.req.param('id'));
        return `Delivery ${c.req.param('id')} sent again as ${again.id}: ${again.status}.`;
      },
    ),
  );
  return app;
}
