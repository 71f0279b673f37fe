// "Open reports": every open report the signed-in person may see, with its
// clocks, overdue first. The list comes from a query scoped to the principal.
import type { ReportPage } from '../../app/reports.ts';
import { coordinatorClockWords, craWords, disclosureWords, isoDate } from '../../app/wording.ts';
import { Layout } from './layout.tsx';

export interface ReportsPageProps {
  page: ReportPage;
  now: Date;
  signedInAs: string;
  isMember: boolean;
  sandbox: boolean;
  /** Where a report's GHSA is seen on GitHub. */
  advisoryUrl: (repository: string, ghsaId: string) => string;
}

export function ReportsPage({ page, now, signedInAs, isMember, sandbox, advisoryUrl }: ReportsPageProps) {
  const lastPage = Math.max(1, Math.ceil(page.total / page.pageSize));
  return (
    <Layout title="Open reports" signedInAs={signedInAs} isMember={isMember} sandbox={sandbox}>
      <h1>Open reports</h1>
      <p class="lead">
        {isMember
          ? `${page.total} open report${page.total === 1 ? '' : 's'}, overdue first.`
          : 'Reports you have been granted access to, overdue first.'}
      </p>
      {page.reports.length === 0 ? (
        <p class="empty">No open reports you can see.</p>
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
                  <td class="id">{report.id}</td>
                  <td class="title">
                    {report.title}
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
                  <td>
                    <span class={`badge state ${report.state}`}>{report.state}</span>
                  </td>
                  <td>
                    {report.coordinator ?? '—'}
                    {report.handoff ? <span class="sub">handing off to {report.handoff.to}</span> : null}
                  </td>
                  <td>
                    <span class={`clock ${clocks.disclosure.status}`}>
                      {disclosureWords(clocks.disclosure)}
                    </span>
                    <span class="sub">due {isoDate(clocks.disclosure.deadline)}</span>
                  </td>
                  <td>
                    {assignment ? (
                      <span class={`alert ${clocks.coordinator.due ? 'overdue' : ''}`}>{assignment}</span>
                    ) : null}
                    {cra ? (
                      <span class={`alert ${cra.endsWith('overdue') ? 'overdue' : ''}`}>{cra}</span>
                    ) : null}
                    {!assignment && !cra ? '—' : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {lastPage > 1 ? (
        <nav class="pager">
          {page.page > 1 ? <a href={`/reports?page=${page.page - 1}`}>← newer deadlines</a> : null}
          <span>
            page {page.page} of {lastPage}
          </span>
          {page.page < lastPage ? <a href={`/reports?page=${page.page + 1}`}>later deadlines →</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}
