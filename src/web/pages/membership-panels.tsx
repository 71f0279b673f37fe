// The Members page's membership sections for members: where nominations, the
// inactivity report and sync live, the changes on their way to the GitHub
// team (and those applied), leaving the PSRT, and for admins the roles
// (the Steering Council's admin designations first among them).

import type { TeamPerson } from '../../app/members.ts';
import type { MembershipChange } from '../../domain/membership.ts';
import { describeMembershipChange } from '../../domain/membership.ts';
import { rosterRoles } from '../../domain/report.ts';
import { PostForm } from './forms.tsx';
import { utcMinute } from './words.ts';

/** The membership pages a member may open; admins see the admin-only ones too. */
export function MembershipLinks({ admin }: { admin: boolean }) {
  return (
    <nav aria-label="Membership" class="subnav">
      <a href="/nominations">Nominations</a>
      {admin ? (
        <>
          {' · '}
          <a href="/members/inactivity">Inactivity report</a>
          {' · '}
          <a href="/members/sync">Sync with GitHub, the list, Discord and the devguide</a>
        </>
      ) : null}
    </nav>
  );
}

function ChangeStatus({ change }: { change: MembershipChange }) {
  if (change.status === 'pending') return <span class="badge warn">on its way to the GitHub team</span>;
  const invited = change.teamState === 'pending' ? ' (GitHub invitation waiting)' : '';
  return (
    <span class="muted">
      applied{' '}
      {change.appliedAt ? (
        <time datetime={change.appliedAt.toISOString()}>{utcMinute(change.appliedAt)}</time>
      ) : null}
      {invited}
    </span>
  );
}

export function MembershipChanges({ changes }: { changes: readonly MembershipChange[] }) {
  return (
    <section aria-label="Membership changes" data-section="membership-changes">
      <h2>Membership changes</h2>
      <p class="muted">
        A change decided in psrt (a nomination passed, a member left, the Steering Council removed someone) is
        applied to the GitHub team first, the canonical list, and the lists here follow once it is.
      </p>
      {changes.length === 0 ? (
        <p class="muted">None yet.</p>
      ) : (
        <ul class="changes">
          {changes.map((change) => (
            <li data-change={change.id} data-status={change.status}>
              {describeMembershipChange(change)}: {change.reason}.{' '}
              <span class="muted">
                Decided by {change.decidedBy},{' '}
                <time datetime={change.decidedAt.toISOString()}>{utcMinute(change.decidedAt)}</time>
                {'; '}
              </span>
              <ChangeStatus change={change} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A member leaves at any time (PEP 811); the box makes it a deliberate act. */
export function LeaveForm() {
  return (
    <PostForm action="/members/leave" class="stack narrow">
      <h3>Leave the PSRT</h3>
      <p class="muted">
        psrt takes you off the GitHub team, then lists you as emeritus. The team always keeps two admins: an
        admin whose leaving would break that is asked to wait for another designation.
      </p>
      <label class="check-label">
        <input type="checkbox" name="confirm" value="yes" required /> I am leaving the PSRT
      </label>
      <button type="submit" class="danger">
        Leave the PSRT
      </button>
    </PostForm>
  );
}

/** Admins record roles: the Council's admin designations first among them; the rule of two is kept. */
export function RoleForm({ members }: { members: readonly TeamPerson[] }) {
  return (
    <PostForm action="/members/roles" class="stack narrow">
      <h3>Roles</h3>
      <p class="muted">
        The Steering Council designates the PSRT's admins (PEP 811): record its decision here, as for release
        managers, Council members and PSF staff. There are always at least two admins.
      </p>
      <label>
        Member
        <select name="login" required>
          {members.map((person) =>
            person.login ? (
              <option value={person.login}>
                {person.name} (@{person.login})
                {person.work && person.work.roles.length > 0 ? ` · ${person.work.roles.join(', ')}` : ''}
              </option>
            ) : null,
          )}
        </select>
      </label>
      <label>
        Role
        <select name="role" required>
          {rosterRoles.map((role) => (
            <option value={role}>{role}</option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Change</legend>
        <label class="check-label">
          <input type="radio" name="on" value="yes" checked /> Give the role
        </label>
        <label class="check-label">
          <input type="radio" name="on" value="no" /> Take it
        </label>
      </fieldset>
      <label>
        The decision it records (for admins, the Council's: a vote, a message, its date or link)
        <input type="text" name="decision" maxlength={1000} required />
      </label>
      <button type="submit">Record</button>
    </PostForm>
  );
}
