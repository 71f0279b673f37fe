// "Members": the PSRT as the devguide lists it, names and GitHub logins for
// anyone; members also see each person's roles and work (open reports they
// coordinate, reports published in the last 12 months, last activity).
import type { Team, TeamPerson } from '../../app/members.ts';
import type { MembershipChange } from '../../domain/membership.ts';
import { Layout } from './layout.tsx';
import { LeaveForm, MembershipChanges, MembershipLinks, RoleForm } from './membership-panels.tsx';
import { RosterFiles } from './roster.tsx';
import { since } from './words.ts';

function Login({ login }: { login: string | null }) {
  return login ? <a href={`https://github.com/${login}`}>@{login}</a> : <span class="muted">—</span>;
}

function MemberRow({ person, now }: { person: TeamPerson; now: Date }) {
  const work = person.work;
  return (
    <tr data-login={person.login ?? ''}>
      <td class="name">{person.name}</td>
      <td class="login">
        <Login login={person.login} />
      </td>
      {work ? (
        <>
          <td>
            {work.roles.length === 0 ? <span class="muted">member</span> : null}
            {work.roles.map((role) => (
              <span class={`badge role ${role === 'Admin' ? 'admin' : ''}`}>{role}</span>
            ))}
          </td>
          <td class="num">{work.coordinating || <span class="muted">0</span>}</td>
          <td class="num">{work.publishedLastYear || <span class="muted">0</span>}</td>
          <td class="last-active">
            {work.lastActiveAt ? (
              <time datetime={work.lastActiveAt.toISOString()}>{since(work.lastActiveAt, now)}</time>
            ) : (
              <span class="muted">never in psrt</span>
            )}
          </td>
        </>
      ) : null}
    </tr>
  );
}

export function MembersPage({
  team,
  now,
  canImport,
  changes,
  viewer,
  notice,
  sandbox,
}: {
  team: Team;
  now: Date;
  /** Admins replace a list from its devguide CSV and record roles (the Council's admin designations). */
  canImport: boolean;
  /** Membership changes, newest first: for members (null for everyone else). */
  changes: readonly MembershipChange[] | null;
  /** The signed-in member looking, who may leave; null for anyone else. */
  viewer: string | null;
  /** What an import just did, shown once. */
  notice: string | null;
  sandbox: boolean;
}) {
  const admins = team.members.filter((m) => m.work?.roles.includes('Admin')).length;
  return (
    <Layout title="Members" sandbox={sandbox}>
      <h1>Members</h1>
      {team.detailed ? <MembershipLinks admin={canImport} /> : null}
      {notice ? (
        <p class="flash" role="status">
          {notice}
        </p>
      ) : null}
      <p class="lead">
        {`The Security Response Team: ${team.members.length} members${team.detailed ? `, ${admins} of them admins` : ''}, and ${team.emeritus.length} emeritus.`}
        {team.detailed ? null : ' Members see roles and who works on what.'}
      </p>
      {team.members.length === 0 ? (
        <p class="empty">No member list yet: an admin imports the devguide's roster (psrt roster import).</p>
      ) : (
        <div class="table-scroll">
          <table class={team.detailed ? 'reports members' : 'reports members public'}>
            <thead>
              <tr>
                <th>Name</th>
                <th>GitHub</th>
                {team.detailed ? (
                  <>
                    <th>Roles</th>
                    <th class="num">Coordinating</th>
                    <th
                      class="num"
                      title="Reports they coordinated that were published in the last 12 months"
                    >
                      Published (12 months)
                    </th>
                    <th>Last active</th>
                  </>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {team.members.map((person) => (
                <MemberRow person={person} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Emeritus</h2>
      {team.emeritus.length === 0 ? (
        <p class="muted">Nobody yet.</p>
      ) : (
        <ul class="emeritus">
          {team.emeritus.map((person) => (
            <li data-login={person.login ?? ''}>
              {person.name} {person.login ? <Login login={person.login} /> : null}
            </li>
          ))}
        </ul>
      )}
      {changes ? <MembershipChanges changes={changes} /> : null}
      {viewer || canImport ? (
        <div class="membership-forms">
          {canImport ? <RoleForm members={team.members} /> : null}
          {viewer ? <LeaveForm /> : null}
        </div>
      ) : null}
      <RosterFiles canImport={canImport} />
    </Layout>
  );
}
