// Sandbox sign-in: pick who to be. Only rendered in sandbox mode; production
// signs in through GitHub.
import type { RosterEntry } from '../../domain/report.ts';
import type { DemoVisitor } from '../../sandbox/index.ts';
import { Layout } from './layout.tsx';

export function SignInPage({ members, visitors }: { members: RosterEntry[]; visitors: DemoVisitor[] }) {
  return (
    <Layout title="Sign in" sandbox={true}>
      <h1>Sign in to the sandbox</h1>
      <p class="lead">
        Pick a demo person to act as. Members see every report; a collaborator sees only the report they were
        granted; the public sees published advisories only.
      </p>
      <h2>PSRT members</h2>
      <ul class="people">
        {members.map((member) => (
          <li>
            <form method="post" action="/signin">
              <input type="hidden" name="login" value={member.login ?? ''} />
              <button type="submit" data-login={member.login ?? ''}>
                <strong>{member.name}</strong>
                <span class="login">@{member.login}</span>
                {member.roles.map((role) => (
                  <span class="badge">{role}</span>
                ))}
              </button>
            </form>
          </li>
        ))}
      </ul>
      <h2>Others</h2>
      <ul class="people">
        {visitors.map((visitor) => (
          <li>
            <form method="post" action="/signin">
              <input type="hidden" name="login" value={visitor.login} />
              <button type="submit" data-login={visitor.login}>
                <strong>{visitor.label}</strong>
                <span class="login">{visitor.description}</span>
              </button>
            </form>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
