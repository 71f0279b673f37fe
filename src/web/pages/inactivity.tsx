// "Inactivity reports" (admins): the reports produced so far, and the next one
// previewed for a period (since the last report by default) as the Council's
// mail and the table of standings, with the button that produces it.
import type { InactivityReport, ProducedReport } from '../../domain/inactivity.ts';
import { inactivityEmail, periodText } from '../../records/inactivity-email.ts';
import { PostForm } from './forms.tsx';
import { EmailPane, type GhsaLink, StandingsTable } from './inactivity-parts.tsx';
import { Layout } from './layout.tsx';

const day = (at: Date) => at.toISOString().slice(0, 10);

const count = (report: InactivityReport, standing: string) =>
  report.members.filter((m) => m.standing === standing).length;

export function InactivityPage({
  reports,
  preview,
  ghsaLink,
  sandbox,
}: {
  reports: readonly ProducedReport[];
  preview: InactivityReport;
  ghsaLink: GhsaLink;
  sandbox: boolean;
}) {
  const { from, to } = preview.period;
  return (
    <Layout title="Inactivity reports" sandbox={sandbox}>
      <p>
        <a href="/members">← Members</a>
      </p>
      <h1>Inactivity reports</h1>
      <p class="lead">
        Once a year the admins report the members who neither coordinated a report nor commented on one to the
        Steering Council, with the recommendation to remove them (PEP 811). Release managers and Steering
        Council members may remain regardless.
      </p>
      <h2>Reports so far</h2>
      {reports.length === 0 ? (
        <p class="empty">None yet: the first report covers the last year.</p>
      ) : (
        <ul class="inactivity-reports">
          {reports.map((report) => (
            <li data-id={report.id}>
              <a href={`/members/inactivity/${report.id}`}>{`#${report.id}: ${periodText(report.period)}`}</a>
              {` · ${count(report, 'inactive')} inactive · `}
              {report.sentAt ? `sent ${day(report.sentAt)}` : 'not sent'}
              {` · ${report.decisions.length} of ${count(report, 'inactive')} decided`}
            </li>
          ))}
        </ul>
      )}
      <h2>{`Preview the report for ${periodText(preview.period)}`}</h2>
      <form method="get" action="/members/inactivity" class="inline period">
        <label>
          From <input type="date" name="from" value={day(from)} />
        </label>{' '}
        <label>
          To <input type="date" name="to" value={day(to)} />
        </label>{' '}
        <button type="submit">Preview</button>
      </form>
      <p class="muted">
        A preview is computed now and not kept. Produce it to freeze it as it is, send it and record the
        Council's decisions.
      </p>
      <PostForm action="/members/inactivity" class="inline">
        <input type="hidden" name="from" value={from.toISOString()} />
        <input type="hidden" name="to" value={to.toISOString()} />
        <button type="submit">Produce this report</button>
      </PostForm>
      <EmailPane mail={inactivityEmail(preview)} />
      <StandingsTable members={preview.members} ghsaLink={ghsaLink} />
    </Layout>
  );
}
