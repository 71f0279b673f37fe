// "Nominations" (members and the Steering Council): open nominations first,
// with their counts and the time left, then past ones with their outcome; and
// the form to nominate someone (PEP 811: any member).
import type { NominationView } from '../../app/nomination-views.ts';
import { NOMINATION_WINDOW_DAYS } from '../../domain/nominations.ts';
import { PostForm } from './forms.tsx';
import { Layout } from './layout.tsx';
import { utcMinute } from './words.ts';

/** What is left of the week, in words. */
export function timeLeft(closesAt: Date, now: Date): string {
  const ms = closesAt.getTime() - now.getTime();
  if (ms <= 0) return 'closed';
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 24) return hours < 1 ? 'less than an hour left' : `${hours} hour${hours === 1 ? '' : 's'} left`;
  const days = Math.floor(hours / 24);
  return `${days} day${days === 1 ? '' : 's'} ${hours % 24} h left`;
}

function NominationRows({ views, now }: { views: NominationView[]; now: Date }) {
  return (
    <div class="table-scroll">
      <table class="reports nominations">
        <thead>
          <tr>
            <th scope="col">Nominee</th>
            <th scope="col">Nominated by</th>
            <th scope="col">In favour</th>
            <th scope="col">Against</th>
            <th scope="col">Closes</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {views.map(({ nomination, outcome, yourVote }) => (
            <tr data-nomination={String(nomination.id)}>
              <td>
                <a href={`/nominations/${nomination.id}`}>{nomination.name}</a> (@{nomination.login})
              </td>
              <td>{nomination.nominatedBy}</td>
              <td>{outcome.inFavour}</td>
              <td>{outcome.against}</td>
              <td>
                {utcMinute(nomination.closesAt)}
                {outcome.status === 'open' ? (
                  <span class="hint"> ({timeLeft(nomination.closesAt, now)})</span>
                ) : null}
              </td>
              <td>
                {outcome.status === 'open' ? (
                  <>
                    <span class="badge">open</span>
                    {yourVote !== null ? (
                      <span class="hint"> you voted {yourVote ? 'in favour' : 'against'}</span>
                    ) : null}
                  </>
                ) : (
                  outcome.rule
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function NominationsPage({
  views,
  now,
  canNominate,
  sandbox,
}: {
  views: NominationView[];
  now: Date;
  canNominate: boolean;
  sandbox: boolean;
}) {
  const open = views.filter((v) => v.outcome.status === 'open');
  const past = views.filter((v) => v.outcome.status !== 'open');
  return (
    <Layout title="Nominations" sandbox={sandbox}>
      <h1>Nominations</h1>
      <p class="lead">
        PEP 811: any member may nominate someone; members vote for {NOMINATION_WINDOW_DAYS} days and a
        nomination passes with at least two thirds of the votes cast in favour, unless the Steering Council
        vetoes it within the week. Nominations are not public.
      </p>
      {canNominate ? (
        <p>
          <a href="/nominations/new">Nominate someone</a>
        </p>
      ) : null}
      <h2>Open</h2>
      {open.length === 0 ? (
        <p class="empty">No nomination is open.</p>
      ) : (
        <NominationRows views={open} now={now} />
      )}
      <h2>Past</h2>
      {past.length === 0 ? (
        <p class="empty">No past nominations.</p>
      ) : (
        <NominationRows views={past} now={now} />
      )}
    </Layout>
  );
}

export interface NominationForm {
  login: string;
  name: string;
  why: string;
}

export function NewNominationPage({
  form,
  error,
  sandbox,
}: {
  form: NominationForm;
  error: string | null;
  sandbox: boolean;
}) {
  return (
    <Layout title="Nominate someone" sandbox={sandbox}>
      <h1>Nominate someone to the PSRT</h1>
      <p class="lead">
        New members are expected to be core developers, triagers or PSF staff (PEP 811): psrt looks it up and
        shows it beside the nomination. The Steering Council is mailed and may veto within the week.
      </p>
      {error ? (
        <p class="problem" role="alert">
          {error}
        </p>
      ) : null}
      <PostForm action="/nominations" class="stack">
        <label>
          GitHub login
          <input name="login" required maxlength={39} autocomplete="off" value={form.login} />
        </label>
        <label>
          Name to list them under
          <input name="name" required maxlength={200} value={form.name} />
        </label>
        <label>
          Why you nominate them
          <textarea name="why" rows={8} required maxlength={10000}>
            {form.why}
          </textarea>
        </label>
        <button type="submit">Nominate</button>
      </PostForm>
    </Layout>
  );
}
