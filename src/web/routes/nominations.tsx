// `/nominations`: the nominations (members and the Steering Council), the form
// to nominate someone, one nomination with its vote, veto and withdraw forms.
// Each action calls the use-case the API and CLI call, then redirects back
// with a one-time message; a refusal redraws the page with it.
import { type Context, Hono } from 'hono';
import { isAllowed } from '../../app/authorize.ts';
import { UseCaseError } from '../../app/errors.ts';
import { nominationAs, nominationsAs } from '../../app/nomination-views.ts';
import {
  openNomination,
  vetoNomination,
  voteOnNomination,
  withdrawNomination,
} from '../../app/nominations.ts';
import { statusOfUseCaseError } from '../api/problem.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { leaveFlash, takeFlash } from '../flash.ts';
import { NominationPage } from '../pages/nomination.tsx';
import { NewNominationPage, type NominationForm, NominationsPage } from '../pages/nominations.tsx';
import { signInFirst } from './signin.tsx';

const idOf = (value: string): number | null => (/^[1-9]\d{0,9}$/.test(value) ? Number(value) : null);
const field = (body: Record<string, unknown>, name: string): string =>
  typeof body[name] === 'string' ? (body[name] as string) : '';
const scope = (id: number) => ({ path: '/nominations', key: `nomination:${id}` });

export function nominationRoutes({ ctx, sandbox, github = null }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  const page = async (c: Context<WebEnv>, id: number, error: string | null = null) =>
    c.render(
      <NominationPage
        view={await nominationAs(ctx, c.get('principal'), id)}
        now={ctx.now()}
        sandbox={sandbox}
        notice={error ? null : takeFlash(c, scope(id))}
        error={error}
      />,
    );

  /** Runs an action on nomination `id`: back to its page with `done`, or the page with the refusal. */
  const act = async (c: Context<WebEnv>, action: (id: number) => Promise<string>) => {
    if (!c.get('login')) return signInFirst(c, '/nominations');
    const id = idOf(c.req.param('id') ?? '');
    if (id === null) return c.text('Not found', 404);
    try {
      leaveFlash(c, scope(id), await action(id));
    } catch (error) {
      if (!(error instanceof UseCaseError) || error.code === 'forbidden' || error.code === 'not-found')
        throw error;
      c.status(statusOfUseCaseError[error.code]);
      return page(c, id, error.message);
    }
    return c.redirect(`/nominations/${id}`, 303);
  };

  app.get('/nominations', async (c) => {
    if (!c.get('login')) return signInFirst(c);
    const principal = c.get('principal');
    return c.render(
      <NominationsPage
        views={await nominationsAs(ctx, principal)}
        now={ctx.now()}
        canNominate={isAllowed(principal, 'nomination.open')}
        sandbox={sandbox}
      />,
    );
  });

  const newForm = (c: Context<WebEnv>, form: NominationForm, error: string | null) =>
    c.render(<NewNominationPage form={form} error={error} sandbox={sandbox} />);

  app.get('/nominations/new', (c) => {
    if (!c.get('login')) return signInFirst(c);
    if (!isAllowed(c.get('principal'), 'nomination.open'))
      throw new UseCaseError('forbidden', 'Only PSRT members may nominate someone (PEP 811).');
    return newForm(c, { login: '', name: '', why: '' }, null);
  });

  app.post('/nominations', async (c) => {
    if (!c.get('login')) return signInFirst(c, '/nominations/new');
    const body = await c.req.parseBody();
    const form = {
      login: field(body, 'login'),
      name: field(body, 'name'),
      // A browser sends a textarea's lines ending in CRLF.
      why: field(body, 'why').replaceAll('\r\n', '\n'),
    };
    try {
      const opened = await openNomination(ctx, c.get('principal'), form, github);
      leaveFlash(
        c,
        scope(opened.id),
        `Nominated ${opened.name}: members vote until ${opened.closesAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; the Steering Council was mailed.`,
      );
      return c.redirect(`/nominations/${opened.id}`, 303);
    } catch (error) {
      if (!(error instanceof UseCaseError) || error.code === 'forbidden') throw error;
      c.status(statusOfUseCaseError[error.code]);
      return newForm(c, form, error.message);
    }
  });

  app.get('/nominations/:id', async (c) => {
    if (!c.get('login')) return signInFirst(c);
    const id = idOf(c.req.param('id'));
    // Who may not see nominations is told so before anything about this one.
    if (id === null) {
      await nominationsAs(ctx, c.get('principal'));
      return c.text('Not found', 404);
    }
    return page(c, id);
  });

  app.post('/nominations/:id/vote', (c) =>
    act(c, async (id) => {
      const vote = field(await c.req.parseBody(), 'vote');
      if (vote !== 'for' && vote !== 'against')
        throw new UseCaseError('invalid', 'Choose how you vote: in favour or against.');
      await voteOnNomination(ctx, c.get('principal'), id, vote === 'for');
      return `Your vote is recorded: ${vote === 'for' ? 'in favour' : 'against'}. You may change it until the vote closes.`;
    }),
  );

  app.post('/nominations/:id/veto', (c) =>
    act(c, async (id) => {
      const decision = field(await c.req.parseBody(), 'decision');
      await vetoNomination(ctx, c.get('principal'), id, decision);
      return "The Steering Council's veto is recorded; the team is told.";
    }),
  );

  app.post('/nominations/:id/withdraw', (c) =>
    act(c, async (id) => {
      await withdrawNomination(ctx, c.get('principal'), id);
      return 'The nomination is withdrawn; the team is told.';
    }),
  );

  return app;
}
