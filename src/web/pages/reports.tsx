// The reports lists: all open reports, "my reports", and the finished ones, each with its clocks,
// overdue first, narrowed by a GET form (repository, state, severity, coordinator). The list comes
// from a query scoped to the principal; ids link to the report page.

import type { UrgentCra } from '../../app/cra.ts';
import type { ReportPage } from '../../app/reports.ts';
import { coordinatorClockWords, craWords, disclosureWords, isoDate } from '../../app/wording.ts';
import { severityOfVector } from '../../domain/cvss.ts';
import type { DriftCheck } from '../../store/index.ts';
import { Layout } from './layout.tsx';
import { finishedWords } from './report/parts.tsx';
import { RosterDriftNotice } from './roster-drift-notice.tsx';

export type ReportsView = 'open' | 'mine' | 'finished';

/** The filter form's values as given in the query (what the form shows back). */
export interface ReportsQuery {
  repository: string;
  state: string;
  severity: string;
  coordinator: string;
}

export interface ReportsPageProps {
  page: ReportPage;
  view: ReportsView;
  query: ReportsQuery;
  now: Date;
  signedInAs: string;
  isMember: boolean;
  sandbox: boolean;
  /** Active members' logins, for the coordinator filter (members only). */
  coordinators: string[];
  /** Where a report's GHSA is seen on GitHub. */
  advisoryUrl: (repository: string, ghsaId: string) => string;
  /** CRA clocks due within 12 hours or overdue (members): shown above the list. */
  craAlerts?: UrgentCra[];
  /** Admins: what the last scheduled roster drift check found. */
  rosterDrift?: DriftCheck | null;
}

/** CRA deadlines near or past, on every reports list: ENISA's clock runs in hours, not days. */
function CraAlerts({ alerts }: { alerts: UrgentCra[] }) {
  if (alerts.length === 0) return null;
  return (
    <div class="cra-alerts" role="alert" data-cra-alerts="">
      <strong>CRA deadlines:</strong>
      <ul>
        {alerts.map((alert) => (
          <li class={alert.overdue ? 'overdue' : 'due-soon'}>
            <a href={`/reports/${alert.reportId}#cra`}>{alert.reportId}</a>: {alert.words}
          </li>
        ))}
      </ul>
    </div>
  );
}

export const stateChoices: [value: string, label: string][] = [
  ['open', 'open (triage or accepted)'],
  ['triage', 'triage'],
  ['accepted', 'accepted'],
  ['finished', 'finished (published or rejected)'],
  ['published', 'published'],
  ['rejected', 'rejected'],
];
const severityChoices = ['Critical', 'High', 'Medium', 'Low', 'None', 'unscored'];

const headings: Record<ReportsView, string> = {
  open: 'Open reports',
  mine: 'My reports',
  finished: 'Finished reports',
};

const pathOf = (view: ReportsView) => (view === 'mine' ? '/reports/mine' : '/reports');

/** The list's own URL with its filters and a page, for the pager. */
function pageHref(view: ReportsView, query: ReportsQuery, page: number): string {
  const params = new URLSearchParams(
    Object.entries(query).filter(([key, value]) => value !== '' && !(key === 'state' && value === 'open')),
  );
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `${pathOf(view)}?${text}` : pathOf(view);
}

function lead(props: ReportsPageProps, filtered: boolean): string {
  const { page, view, isMember } = props;
  const count = `${page.total} report${page.total === 1 ? '' : 's'}`;
  if (view === 'finished') return `${count}, published or rejected.`;
  if (view === 'mine')
    return isMember
      ? `${count} you coordinate or are asked to take over, overdue first.`
      : 'Reports you have been granted access to, overdue first.';
  if (!isMember) return 'Reports you have been granted access to, overdue first.';
  return filtered
    ? `${count} match, overdue first.`
    : `${page.total} open report${page.total === 1 ? '' : 's'}, overdue first.`;
}

function Tabs({ view, isMember }: { view: ReportsView; isMember: boolean }) {
  const tabs: [ReportsView, string, string][] = [
    ['open', 'Open', '/reports'],
    ['mine', isMember ? 'Mine' : 'Granted to me', '/reports/mine'],
    ['finished', 'Finished', '/reports?state=finished'],
  ];
  return (
    <nav class="tabs" aria-label="Report lists">
      {tabs.map(([name, label, href]) => (
        <a
          href={href}
          class={name === view ? 'tab current' : 'tab'}
          aria-current={name === view ? 'page' : undefined}
        >
          {label}
        </a>
      ))}
    </nav>
  );
}

function Filters({ view, query, coordinators, isMember }: ReportsPageProps) {
  return (
    <form method="get" action={pathOf(view)} class="filters" aria-label="Filter the reports">
      <label>
        Repository
        <input type="text" name="repository" value={query.repository} placeholder="owner/name" />
      </label>
      <label>
        State
        <select name="state">
          {stateChoices.map(([value, label]) => (
            <option value={value} selected={query.state === value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Severity
        <select name="severity">
          <option value="">any</option>
          {severityChoices.map((severity) => (
            <option value={severity} selected={query.severity === severity}>
              {severity}
            </option>
          ))}
        </select>
      </label>
      {isMember && view !== 'mine' ? (
        <label>
          Coordinator
          <select name="coordinator">
            <option value="">anyone</option>
            <option value="nobody" selected={query.coordinator === 'nobody'}>
              nobody yet
            </option>
            {coordinators.map((login) => (
              <option value={login} selected={query.coordinator.toLowerCase() === login.toLowerCase()}>
                {login}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <button type="submit">Filter</button>
      <a class="clear" href={view === 'finished' ? '/reports?state=finished' : pathOf(view)}>
        Clear
      </a>
    </form>
  );
}

function Severity({ vector }: { vector: string | null }) {
  const severity = severityOfVector(vector);
  return severity ? <span class={`severity ${severity.toLowerCase()}`}>{severity}</span> : null;
}

export function ReportsPage(props: ReportsPageProps) {
  const { page, view, query, now, signedInAs, isMember, sandbox, advisoryUrl } = props;
  const lastPage = Math.max(1, Math.ceil(page.total / page.pageSize));
  const filtered =
    query.repository !== '' ||
    query.severity !== '' ||
    query.coordinator !== '' ||
    !['open', 'finished'].includes(query.state);
  return (
    <Layout title={headings[view]} signedInAs={signedInAs} isMember={isMember} sandbox={sandbox}>
      <h1>{headings[view]}</h1>
      <CraAlerts alerts={props.craAlerts ?? []} />
      <RosterDriftNotice check={props.rosterDrift ?? null} />
      <p class="lead">{lead(props, filtered)}</p>
      <Tabs view={view} isMember={isMember} />
      <Filters {...props} />
      {page.reports.length === 0 ? (
        <p class="empty">
          {filtered
            ? 'No reports you can see match these filters.'
            : view === 'finished'
              ? 'No finished reports you can see.'
              : view === 'mine' && isMember
                ? 'You coordinate no open report, and no handoff waits for you.'
                : 'No open reports you can see.'}
        </p>
      ) : (
        <table class="reports">
          <thead>
            <tr>
              <th>Report</th>
              <th>Title</th>
              <th>State</th>
              <th>Coordinator</th>
              <th>Disclosure</th>
              <th>Other clocks</th>
            </tr>
          </thead>
          <tbody>
            {page.reports.map(({ report, clocks }) => {
              const assignment = coordinatorClockWords(clocks, now);
              const cra = craWords(clocks);
              return (
                <tr data-report={report.id}>
                  <td class="id">
                    <a href={`/reports/${report.id}`}>{report.id}</a>
                  </td>
                  <td class="title">
                    <a class="title" href={`/reports/${report.id}`}>
                      {report.title}
                    </a>
                    <span class="repo">
                      {report.repository}
                      {report.ghsaId ? ' · ' : ''}
                      {report.ghsaId ? (
                        <a class="ghsa" href={advisoryUrl(report.repository, report.ghsaId)}>
                          {report.ghsaId}
                        </a>
                      ) : null}
                      {report.cveId ? ` · ${report.cveId}` : ''}
                    </span>
                  </td>
                  <td class="state-cell">
                    <span class={`badge state ${report.state}`}>{report.state}</span>
                    <Severity vector={report.cvssVector} />
                  </td>
                  <td class="coordinator">
                    {report.coordinator ?? (
                      <span class="muted" title="nobody yet">
                        —
                      </span>
                    )}
                    {report.handoff ? <span class="sub">handing off to {report.handoff.to}</span> : null}
                  </td>
                  <td>
                    <span class={`clock ${clocks.disclosure.status}`}>
                      {report.finishedAt
                        ? `${report.state} ${isoDate(report.finishedAt)}`
                        : disclosureWords(clocks.disclosure)}
                    </span>
                    <span class="sub">
                      {report.finishedAt
                        ? finishedWords(clocks.disclosure.daysLeft)
                        : `due ${isoDate(clocks.disclosure.deadline)}`}
                    </span>
                  </td>
                  <td>
                    {assignment ? (
                      <span class={`alert ${clocks.coordinator.due ? 'overdue' : ''}`}>{assignment}</span>
                    ) : null}
                    {cra ? (
                      <span class={`alert ${cra.endsWith('overdue') ? 'overdue' : ''}`}>{cra}</span>
                    ) : null}
                    {!assignment && !cra ? <span class="muted">—</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {lastPage > 1 ? (
        <nav class="pager">
          {page.page > 1 ? <a href={pageHref(view, query, page.page - 1)}>← earlier deadlines</a> : null}
          <span>
            page {page.page} of {lastPage}
          </span>
          {page.page < lastPage ? <a href={pageHref(view, query, page.page + 1)}>later deadlines →</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}
