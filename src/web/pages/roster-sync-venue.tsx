// The Sync page's venue sections: the mailing list's and the Discord role's
// plans (psrt plans, a person applies), with the current list to compare with,
// the plan to download and "Mark applied"; and the contacts form.
import type { VenueDrift } from '../../domain/roster-drift.ts';
import type { MemberContact } from '../../store/index.ts';
import { PostForm } from './forms.tsx';
import { utcMinute } from './words.ts';

export const venueWords = {
  'mailing-list': {
    title: 'Mailing list',
    add: 'Subscribe',
    remove: 'Unsubscribe',
    value: 'address',
    values: 'addresses',
  },
  discord: {
    title: 'Discord role',
    add: 'Grant the role to',
    remove: 'Revoke the role from',
    value: 'Discord name',
    values: 'Discord names',
  },
} as const;

function Basis({ plan }: { plan: VenueDrift }) {
  switch (plan.basis.kind) {
    case 'given':
      return <p class="muted">Compared with the current list you gave.</p>;
    case 'last-applied':
      return (
        <p class="muted">
          Compared with what the plan marked applied on {utcMinute(plan.basis.at)} by {plan.basis.by} left.
        </p>
      );
    case 'unknown':
      return (
        <p class="muted">
          psrt knows nothing of it yet: paste its current {venueWords[plan.venue].values} below, or apply this
          plan and mark it applied.
        </p>
      );
  }
}

export function VenueSection({ plan, current }: { plan: VenueDrift; current: string | null }) {
  const words = venueWords[plan.venue];
  const changes = plan.add.length + plan.remove.length;
  const action = `/members/sync/${plan.venue}`;
  return (
    <section aria-label={words.title} data-section={plan.venue}>
      <h2>
        {words.title}{' '}
        <span class={`badge coverage ${changes === 0 ? 'ok' : 'needs-action'}`}>
          {changes === 0 ? 'In sync' : `${changes} to change`}
        </span>
      </h2>
      <Basis plan={plan} />
      {changes === 0 ? <p>Nothing to change.</p> : null}
      {plan.add.length > 0 ? (
        <>
          <p>
            <strong>{words.add}</strong>
          </p>
          <ul data-plan="add">
            {plan.add.map((entry) => (
              <li>
                <code>{entry.value}</code> (@{entry.login})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {plan.remove.length > 0 ? (
        <>
          <p>
            <strong>{words.remove}</strong>
          </p>
          <ul data-plan="remove">
            {plan.remove.map((entry) => (
              <li>
                <code>{entry.value}</code>
                {entry.login ? ` (@${entry.login}, not a member)` : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {plan.onItsWay.length > 0 ? (
        <p class="muted">
          On its way to the GitHub team first, left as it is:{' '}
          {plan.onItsWay.map((c) => `@${c.login} (${c.kind})`).join(', ')}.
        </p>
      ) : null}
      {plan.missing.length > 0 ? (
        <p class="muted" data-missing={plan.missing.length}>
          No {words.value} known for {plan.missing.length} member{plan.missing.length === 1 ? '' : 's'}:{' '}
          {plan.missing.map((p) => `@${p.login}`).join(', ')}. Set them under Contacts.
        </p>
      ) : null}
      <PostForm action={action} class="stack">
        <label>
          Its current {words.values}, one a line (optional; as the list's administrator exports them)
          <textarea name="current" rows={4} spellcheck={false}>
            {current ?? ''}
          </textarea>
        </label>
        <div class="toolbar">
          <button type="submit" name="do" value="show">
            Compare
          </button>
          <button type="submit" name="do" value="download">
            Download the plan
          </button>
          <button type="submit" name="do" value="applied">
            Mark applied
          </button>
        </div>
      </PostForm>
    </section>
  );
}

export function ContactsSection({ contacts }: { contacts: readonly MemberContact[] }) {
  return (
    <section aria-label="Contacts" data-section="contacts">
      <h2>Contacts</h2>
      <p class="muted">
        The mailing list's address and the Discord name of each member (the devguide's lists hold neither).
        Members set their own with <code>psrt roster contact</code>; admins set anyone's here.
      </p>
      {contacts.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th>Login</th>
              <th>Address</th>
              <th>Discord</th>
              <th>Set</th>
            </tr>
          </thead>
          <tbody>
            {contacts.map((contact) => (
              <tr data-login={contact.login}>
                <td>@{contact.login}</td>
                <td>{contact.email ?? <span class="muted">-</span>}</td>
                <td>{contact.discord ?? <span class="muted">-</span>}</td>
                <td>
                  {utcMinute(contact.updatedAt)} by {contact.updatedBy}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <PostForm action="/members/sync/contacts" class="stack">
        <label>
          Member's GitHub login
          <input name="login" required />
        </label>
        <label>
          Address (empty: keep; a single "-": clear)
          <input name="email" inputmode="email" />
        </label>
        <label>
          Discord name (empty: keep; "-": clear)
          <input name="discord" />
        </label>
        <button type="submit">Save contact</button>
      </PostForm>
    </section>
  );
}
