// One produced inactivity report (admins): as frozen, its mail to the Steering
// Council with the Send button until it is sent, then the form that records
// the Council's decision on each member listed for removal, and the decisions.
import { inactiveMembers, type ProducedReport } from '../../domain/inactivity.ts';
import { inactivityEmail, periodText } from '../../records/inactivity-email.ts';
import { PostForm } from './forms.tsx';
import { EmailPane, type GhsaLink, StandingsTable } from './inactivity-parts.tsx';
import { Layout } from './layout.tsx';

const when = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function Decisions({ report }: { report: ProducedReport }) {
  const listed = inactiveMembers(report);
  const waiting = listed.filter(
    (m) => !report.decisions.some((d) => d.login.toLowerCase() === m.login.toLowerCase()),
  );
  return (
    <section aria-labelledby="decisions-heading">
      <h2 id="decisions-heading">The Council's decisions</h2>
      {listed.length === 0 ? (
        <p class="muted">Nobody was listed for removal: there is nothing to decide.</p>
      ) : null}
      {report.decisions.length > 0 ? (
        <ul class="decisions">
          {report.decisions.map((d) => (
            <li data-login={d.login} data-verdict={d.verdict}>
              {`@${d.login}: ${d.verdict === 'remove' ? 'removed (to emeritus, off the GitHub team)' : 'kept'}, citing "${d.councilDecision}"; recorded by ${d.recordedBy} on ${when(d.decidedAt)}`}
            </li>
          ))}
        </ul>
      ) : null}
      {report.sentAt === null ? (
        listed.length > 0 ? (
          <p class="muted">Send the report first: the Council decides on what it received.</p>
        ) : null
      ) : waiting.length > 0 ? (
        <PostForm action={`/members/inactivity/${report.id}/decisions`} class="stack">
          <fieldset>
            <legend>Record a decision</legend>
            <label>
              Member{' '}
              <select name="login" required>
                {waiting.map((m) => (
                  <option value={m.login}>{`${m.name} (@${m.login})`}</option>
                ))}
              </select>
            </label>
            <fieldset>
              <legend>The Council's vote</legend>
              <label class="check-label">
                <input type="radio" name="verdict" value="remove" required /> Remove (to emeritus and off the
                GitHub team)
              </label>
              <label class="check-label">
                <input type="radio" name="verdict" value="keep" /> Keep
              </label>
            </fieldset>
            <label>
              The decision it records (a vote, a message, its date or link){' '}
              <input type="text" name="decision" required maxlength={500} />
            </label>
          </fieldset>
          <button type="submit">Record the decision</button>
        </PostForm>
      ) : null}
    </section>
  );
}

export function InactivityReportPage({
  report,
  flash,
  problem,
  ghsaLink,
  sandbox,
}: {
  report: ProducedReport;
  flash: string | null;
  problem: string | null;
  ghsaLink: GhsaLink;
  sandbox: boolean;
}) {
  return (
    <Layout title={`Inactivity report #${report.id}`} sandbox={sandbox}>
      <p>
        <a href="/members/inactivity">← Inactivity reports</a>
      </p>
      <h1>{`Inactivity report #${report.id}: ${periodText(report.period)}`}</h1>
      {flash ? (
        <p class="flash" role="status">
          {flash}
        </p>
      ) : null}
      {problem ? (
        <p class="banner bad" role="alert">
          {problem}
        </p>
      ) : null}
      <p class="lead">
        {`Produced by ${report.producedBy} on ${when(report.producedAt)}; `}
        {report.sentAt
          ? `sent to the Steering Council by ${report.sentBy} on ${when(report.sentAt)}.`
          : 'not sent yet.'}
      </p>
      {report.sentAt === null ? (
        <PostForm action={`/members/inactivity/${report.id}/send`} class="inline">
          <button type="submit">Send to the Steering Council</button>
        </PostForm>
      ) : null}
      <Decisions report={report} />
      <EmailPane mail={inactivityEmail(report)} />
      <StandingsTable members={report.members} ghsaLink={ghsaLink} />
    </Layout>
  );
}
