// One nomination: who, why, eligibility, the outcome with the rule that
// decided it, the votes (members), your vote, and the Council's veto and
// withdrawal where the one asking may use them.
import type { NominationView } from '../../app/nomination-views.ts';
import { eligibilityWarns, eligibilityWords } from '../../domain/nominations.ts';
import { PostForm } from './forms.tsx';
import { Layout } from './layout.tsx';
import { timeLeft } from './nominations.tsx';
import { utcMinute } from './words.ts';

export interface NominationPageProps {
  view: NominationView;
  now: Date;
  sandbox: boolean;
  notice: string | null;
  error: string | null;
}

export function NominationPage({ view, now, sandbox, notice, error }: NominationPageProps) {
  const { nomination, outcome, votes, yourVote, may } = view;
  const base = `/nominations/${nomination.id}`;
  return (
    <Layout title={`Nomination of ${nomination.name}`} sandbox={sandbox}>
      <p>
        <a href="/nominations">Nominations</a>
      </p>
      <h1>
        Nomination of {nomination.name} (@{nomination.login})
      </h1>
      {notice ? (
        <p class="flash" role="status">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p class="problem" role="alert">
          {error}
        </p>
      ) : null}
      <dl>
        <dt>Nominated by</dt>
        <dd>
          {nomination.nominatedBy} on {utcMinute(nomination.openedAt)}
        </dd>
        <dt>Eligibility</dt>
        <dd class={eligibilityWarns(nomination.eligibility) ? 'alert' : undefined}>
          {eligibilityWords(nomination.eligibility)}
        </dd>
        <dt>The vote</dt>
        <dd>
          {outcome.status === 'open'
            ? `closes ${utcMinute(nomination.closesAt)} (${timeLeft(nomination.closesAt, now)})`
            : `closed ${utcMinute(nomination.closesAt)}`}
        </dd>
        <dt>Outcome</dt>
        <dd data-outcome={outcome.status}>{outcome.rule}</dd>
        <dt>Counts</dt>
        <dd>
          {outcome.inFavour} in favour, {outcome.against} against
        </dd>
      </dl>
      <h2>Why</h2>
      <p class="mail-text">{nomination.why}</p>
      {may.vote ? (
        <PostForm action={`${base}/vote`} class="stack">
          <fieldset>
            <legend>
              Your vote
              {yourVote === null ? '' : ` (now ${yourVote ? 'in favour' : 'against'}; you may change it)`}
            </legend>
            <label class="check-label">
              <input type="radio" name="vote" value="for" required checked={yourVote === true} /> In favour
            </label>
            <label class="check-label">
              <input type="radio" name="vote" value="against" checked={yourVote === false} /> Against
            </label>
          </fieldset>
          <button type="submit">Vote</button>
        </PostForm>
      ) : null}
      {votes ? (
        <>
          <h2>Votes</h2>
          {votes.length === 0 ? (
            <p class="empty">No votes yet.</p>
          ) : (
            <table class="reports votes">
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col">Vote</th>
                  <th scope="col">Cast</th>
                </tr>
              </thead>
              <tbody>
                {votes.map((vote) => (
                  <tr>
                    <td>{vote.voter}</td>
                    <td>{vote.inFavour ? 'in favour' : 'against'}</td>
                    <td>{utcMinute(vote.at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
      {may.veto ? (
        <>
          <h2>The Steering Council's veto</h2>
          <PostForm action={`${base}/veto`} class="stack">
            <label>
              The Council's decision (a vote, a message, its date or link)
              <input name="decision" required maxlength={1000} />
            </label>
            <button type="submit" class="danger">
              Veto
            </button>
          </PostForm>
        </>
      ) : null}
      {may.withdraw ? (
        <PostForm action={`${base}/withdraw`} class="inline">
          <button type="submit" class="danger">
            Withdraw the nomination
          </button>
        </PostForm>
      ) : null}
    </Layout>
  );
}
