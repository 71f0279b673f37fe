// `/members/inactivity`: the yearly inactivity report for admins, through the
// inactivity use-cases (the same as `psrt roster inactivity …`): the list and
// a preview for a period, `POST` to produce it, one report's page, `…/send`
// and `…/decisions`. Whoever is not an admin is refused before anything is read.
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isAllowed } from '../../app/authorize.ts';
import { UseCaseError } from '../../app/errors.ts';
import {
  listInactivity,
  periodChoiceOf,
  previewInactivity,
  produceInactivityReport,
  recordCouncilDecision,
  sendInactivityReport,
  showInactivityReport,
} from '../../app/inactivity.ts';
import { councilVerdicts } from '../../domain/inactivity.ts';
import { statusOfUseCaseError } from '../api/problem.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { leaveFlash, takeFlash } from '../flash.ts';
import { InactivityPage } from '../pages/inactivity.tsx';
import { InactivityReportPage } from '../pages/inactivity-report.tsx';
import { advisoryLink } from './report-view.tsx';
import { signInFirst } from './signin.tsx';

const idPattern = /^[1-9]\d{0,15}$/;

function admin(c: Context<WebEnv>): void {
  if (!isAllowed(c.get('principal'), 'membership.inactivity'))
    throw new UseCaseError(
      'forbidden',
      'Only PSRT admins may see and send the inactivity report (PEP 811); ask an admin.',
    );
}

function reportId(c: Context<WebEnv>): number {
  const id = c.req.param('id') ?? '';
  if (!idPattern.test(id))
    throw new UseCaseError('not-found', `There is no inactivity report ${id}: they are numbered.`);
  return Number(id);
}

const field = (form: Record<string, unknown>, name: string): string => {
  const value = form[name];
  return typeof value === 'string' ? value : '';
};

const flashOf = (id: number) => ({ path: '/members/inactivity', key: String(id) });

export function inactivityRoutes(deps: WebDeps): Hono<WebEnv> {
  const { ctx, sandbox } = deps;
  const app = new Hono<WebEnv>();
  const ghsaLink = (c: Context<WebEnv>) => advisoryLink(deps, c.get('login') ?? '');

  const renderReport = async (
    c: Context<WebEnv>,
    id: number,
    problem?: { status: ContentfulStatusCode; message: string },
  ) => {
    const report = await showInactivityReport(ctx, c.get('principal'), id);
    const flash = takeFlash(c, flashOf(id));
    if (problem) c.status(problem.status);
    return c.render(
      <InactivityReportPage
        report={report}
        flash={problem ? null : flash}
        problem={problem?.message ?? null}
        ghsaLink={ghsaLink(c)}
        sandbox={sandbox}
      />,
    );
  };

  /** Runs an action; a refusal is the report's page with its message, anything else goes on. */
  const acting = async (c: Context<WebEnv>, id: number, act: () => Promise<string>) => {
    try {
      leaveFlash(c, flashOf(id), await act());
      return c.redirect(`/members/inactivity/${id}`, 303);
    } catch (error) {
      if (!(error instanceof UseCaseError) || error.code === 'not-found' || error.code === 'forbidden')
        throw error;
      return renderReport(c, id, { status: statusOfUseCaseError[error.code], message: error.message });
    }
  };

  app.get('/members/inactivity', async (c) => {
    if (!c.get('login')) return signInFirst(c);
    admin(c);
    const principal = c.get('principal');
    const [reports, preview] = await Promise.all([
      listInactivity(ctx, principal),
      previewInactivity(ctx, principal, periodChoiceOf(c.req.query('from'), c.req.query('to'))),
    ]);
    return c.render(
      <InactivityPage reports={reports} preview={preview} ghsaLink={ghsaLink(c)} sandbox={sandbox} />,
    );
  });

  app.post('/members/inactivity', async (c) => {
    if (!c.get('login')) return signInFirst(c, '/members/inactivity');
    admin(c);
    const form = await c.req.parseBody();
    const report = await produceInactivityReport(
      ctx,
      c.get('principal'),
      periodChoiceOf(field(form, 'from'), field(form, 'to')),
    );
    leaveFlash(c, flashOf(report.id), `Produced inactivity report #${report.id}: review it, then send it.`);
    return c.redirect(`/members/inactivity/${report.id}`, 303);
  });

  app.get('/members/inactivity/:id', async (c) => {
    if (!c.get('login')) return signInFirst(c);
    admin(c);
    return renderReport(c, reportId(c));
  });

  app.post('/members/inactivity/:id/send', async (c) => {
    if (!c.get('login'))
      return signInFirst(c, `/members/inactivity/${encodeURIComponent(c.req.param('id'))}`);
    admin(c);
    const id = reportId(c);
    return acting(c, id, async () => {
      await sendInactivityReport(ctx, c.get('principal'), id);
      return `Inactivity report #${id} is on its way to the Steering Council.`;
    });
  });

  app.post('/members/inactivity/:id/decisions', async (c) => {
    if (!c.get('login'))
      return signInFirst(c, `/members/inactivity/${encodeURIComponent(c.req.param('id'))}`);
    admin(c);
    const id = reportId(c);
    const form = await c.req.parseBody();
    return acting(c, id, async () => {
      const verdict = councilVerdicts.find((v) => v === field(form, 'verdict'));
      if (!verdict) throw new UseCaseError('invalid', "Choose the Council's vote: remove or keep.");
      const decision = await recordCouncilDecision(ctx, c.get('principal'), id, {
        login: field(form, 'login'),
        verdict,
        councilDecision: field(form, 'decision'),
      });
      return verdict === 'remove'
        ? `Recorded: @${decision.login} is removed; psrt takes them off the GitHub team, then moves them to emeritus.`
        : `Recorded: @${decision.login} stays.`;
    });
  });

  return app;
}
