// The reports lists (`/reports`, `/reports/mine`, `?state=finished`) and the report page
// (`/reports/:id`). Each reads through the scoped use-cases: what the principal may not see is
// not there, and a report they may not see answers as one that does not exist.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { isAllowed } from '../../app/authorize.ts';
import { urgentCraClocks } from '../../app/cra.ts';
import { listOpenReports } from '../../app/reports.ts';
import { getRoster } from '../../app/roster.ts';
import { lastDriftCheck } from '../../app/roster-drift-check.ts';
import type { Severity } from '../../domain/cvss.ts';
import { githubLoginPattern } from '../../domain/identifiers.ts';
import type { ReportState } from '../../domain/report.ts';
import type { ReportFilters } from '../../store/index.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { ReportsPage, type ReportsQuery, type ReportsView, stateChoices } from '../pages/reports.tsx';
import { advisoryLink, isMember, renderReportPage } from './report-view.tsx';
import { signInFirst } from './signin.tsx';

const severities: readonly string[] = ['Critical', 'High', 'Medium', 'Low', 'None', 'unscored'];

/** What each state choice lists: open or finished reports, and which states among them. */
const stateFilters: Record<string, { open: boolean; states?: ReportState[] }> = {
  open: { open: true },
  triage: { open: true, states: ['triage'] },
  accepted: { open: true, states: ['accepted'] },
  finished: { open: false },
  published: { open: false, states: ['published'] },
  rejected: { open: false, states: ['rejected'] },
};

/** The filter form's values, kept only when they are ones the form offers (or a plausible repository). */
function readQuery(c: Context<WebEnv>): ReportsQuery {
  const value = (name: string) => (c.req.query(name) ?? '').trim().slice(0, 200);
  const state = value('state');
  const severity = value('severity');
  const coordinator = value('coordinator');
  return {
    repository: value('repository'),
    state: stateChoices.some(([choice]) => choice === state) ? state : 'open',
    severity: severities.includes(severity) ? severity : '',
    coordinator: coordinator === 'nobody' || githubLoginPattern.test(coordinator) ? coordinator : '',
  };
}

function filtersOf(query: ReportsQuery, involving: string | null): ReportFilters {
  const filters: ReportFilters = {};
  if (query.repository) filters.repository = query.repository;
  const states = stateFilters[query.state]?.states;
  if (states) filters.states = states;
  if (query.severity) filters.severity = query.severity as Severity | 'unscored';
  if (query.coordinator) filters.coordinator = query.coordinator === 'nobody' ? null : query.coordinator;
  if (involving) filters.involving = involving;
  return filters;
}

export function reportsRoutes(deps: WebDeps): Hono<WebEnv> {
  const { ctx, sandbox } = deps;
  const app = new Hono<WebEnv>();

  const list = (mine: boolean) => async (c: Context<WebEnv>) => {
    const login = c.get('login');
    if (!login) return signInFirst(c);
    const principal = c.get('principal');
    const member = isMember(principal);
    const query = readQuery(c);
    const { open } = stateFilters[query.state] ?? { open: true };
    const view: ReportsView = mine ? 'mine' : open ? 'open' : 'finished';
    // A collaborator's own reports are the ones granted to them: what they see anyway.
    const involving = mine && member ? login : null;
    // Only members choose by coordinator (the form offers it to them alone).
    if (!member || mine) query.coordinator = '';
    const pageNumber = Number(c.req.query('page') ?? '1');
    const page = await listOpenReports(ctx, principal, {
      page: Number.isSafeInteger(pageNumber) ? pageNumber : 1,
      open,
      filters: filtersOf(query, involving),
    });
    const coordinators = member
      ? (await getRoster(ctx, 'member')).flatMap((entry) => (entry.login ? [entry.login] : []))
      : [];
    const craAlerts = await urgentCraClocks(ctx, principal);
    // Admins keep the venues in step with the member list: the last scheduled check's drift heads their lists.
    const rosterDrift = isAllowed(principal, 'roster.sync') ? await lastDriftCheck(ctx) : null;
    return c.render(
      <ReportsPage
        page={page}
        craAlerts={craAlerts}
        rosterDrift={rosterDrift}
        view={view}
        query={query}
        now={ctx.now()}
        signedInAs={login}
        isMember={member}
        sandbox={sandbox}
        coordinators={coordinators}
        advisoryUrl={advisoryLink(deps, login)}
      />,
    );
  };

  app.get('/reports', list(false));
  app.get('/reports/mine', list(true));
  app.get('/reports/:id', (c) => {
    if (!c.get('login')) return signInFirst(c);
    return renderReportPage(c, deps, c.req.param('id'));
  });
  return app;
}
