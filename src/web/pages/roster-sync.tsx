// "Keeping the venues in sync" (/members/sync, admins): the GitHub team, the
// mailing list, the Discord role and the devguide's CSVs against the member
// list (PEP 811), each with its plan; the team's applied from here.
import type { RosterDrift, TargetProblem, TeamDrift } from '../../domain/roster-drift.ts';
import { isProblem, teamPlanDigest } from '../../domain/roster-drift.ts';
import type { MemberContact } from '../../store/index.ts';
import { PostForm } from './forms.tsx';
import { Layout } from './layout.tsx';
import { ContactsSection, VenueSection } from './roster-sync-venue.tsx';
import { utcMinute } from './words.ts';

function Badge({ changes }: { changes: number }) {
  return (
    <span class={`badge coverage ${changes === 0 ? 'ok' : 'needs-action'}`}>
      {changes === 0 ? 'In sync' : `${changes} to change`}
    </span>
  );
}

function TeamSection({ team }: { team: TeamDrift | TargetProblem }) {
  if (isProblem(team))
    return (
      <section aria-label="GitHub team" data-section="team">
        <h2>GitHub team</h2>
        <p class="empty">Not read: {team.problem}</p>
      </section>
    );
  const changes = team.add.length + team.remove.length;
  return (
    <section aria-label="GitHub team" data-section="team">
      <h2>
        GitHub team <a href={`https://github.com/orgs/${team.team.replace('/', '/teams/')}`}>{team.team}</a>{' '}
        <Badge changes={changes} />
      </h2>
      <p class="muted">The canonical list: every change decided in psrt goes to the team first.</p>
      {team.add.length > 0 ? (
        <>
          <p>
            <strong>Add (PSRT members not on the team)</strong>
          </p>
          <ul data-plan="add">
            {team.add.map((p) => (
              <li>
                {p.name} (@{p.login})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {team.remove.length > 0 ? (
        <>
          <p>
            <strong>Remove (on the team, not PSRT members)</strong>
          </p>
          <ul data-plan="remove">
            {team.remove.map((p) => (
              <li>@{p.login}</li>
            ))}
          </ul>
        </>
      ) : null}
      {team.invited.length > 0 ? (
        <p class="muted">
          Invited to the organisation, waiting for them to accept:{' '}
          {team.invited.map((p) => `@${p.login} (${utcMinute(p.invitedAt)})`).join(', ')}.
        </p>
      ) : null}
      {team.onItsWay.length > 0 ? (
        <p class="muted" data-on-its-way={team.onItsWay.length}>
          On its way (decided in psrt, not applied yet):{' '}
          {team.onItsWay.map((c) => `@${c.login} (${c.kind})`).join(', ')}.
        </p>
      ) : null}
      {changes > 0 ? (
        <PostForm action="/members/sync/github">
          <input type="hidden" name="plan" value={teamPlanDigest(team)} />
          <button type="submit">Apply to the GitHub team</button>{' '}
          <span class="muted">
            adds and removes exactly the people listed above (refused if the plan changed meanwhile)
          </span>
        </PostForm>
      ) : (
        <p>In sync with the member list.</p>
      )}
    </section>
  );
}

function DevguideSection({ devguide }: { devguide: RosterDrift['devguide'] }) {
  if (isProblem(devguide))
    return (
      <section aria-label="Devguide CSVs" data-section="devguide">
        <h2>Devguide CSVs</h2>
        <p class="empty">Not read: {devguide.problem}</p>
      </section>
    );
  const changed = devguide.filter((file) => !file.same);
  return (
    <section aria-label="Devguide CSVs" data-section="devguide">
      <h2>
        Devguide CSVs <Badge changes={changed.length} />
      </h2>
      <p class="muted">
        The devguide publishes the lists; psrt's export (<a href="/members/psrt.csv">psrt.csv</a>,{' '}
        <a href="/members/psrt-emeritus.csv">psrt-emeritus.csv</a>) is the new content for a devguide pull
        request.
      </p>
      {devguide.map((file) =>
        file.same ? (
          <p data-file={file.path}>
            <code>{file.path}</code>: the same as psrt's export, byte for byte.
          </p>
        ) : (
          <div data-file={file.path}>
            <p>
              <code>{file.path}</code>:{' '}
              {file.published === null ? 'not published' : "differs from psrt's export"}:
            </p>
            <pre class="diff">{file.diff}</pre>
          </div>
        ),
      )}
    </section>
  );
}

export function RosterSyncPage(props: {
  drift: RosterDrift;
  contacts: readonly MemberContact[];
  /** The current list an admin gave for a venue, kept in its form. */
  given: { venue: string; text: string } | null;
  flash: string | null;
  sandbox: boolean;
}) {
  const { drift } = props;
  const given = (venue: string) => (props.given?.venue === venue ? props.given.text : null);
  return (
    <Layout title="Keeping the venues in sync" sandbox={props.sandbox}>
      <h1>Keeping the venues in sync</h1>
      <p class="lead">
        The GitHub team is the PSRT's canonical list (PEP 811); the mailing list, the Discord role and the
        devguide's published lists follow it. Each venue against the member list, as of {utcMinute(drift.at)}.
      </p>
      {props.flash ? (
        <p class="flash" role="status">
          {props.flash}
        </p>
      ) : null}
      <TeamSection team={drift.team} />
      <VenueSection plan={drift.mailingList} current={given('mailing-list')} />
      <VenueSection plan={drift.discord} current={given('discord')} />
      <DevguideSection devguide={drift.devguide} />
      <ContactsSection contacts={props.contacts} />
    </Layout>
  );
}
