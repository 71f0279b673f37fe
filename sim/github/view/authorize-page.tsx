// GitHub's "Sign in with GitHub" page as the simulator shows it: nobody is signed in to a
// simulator, so instead of a password it lists the people it knows, grouped as the sandbox asks
// (or all of them), and each is one button; "Cancel" denies. Plain HTML, no scripts.
import { BareFrame } from './layout.tsx';

/** Someone the sign-in page offers. */
export interface SignInPerson {
  login: string;
  name?: string | null;
  /** A word or two on who they are ("the reporter, granted access to her report"). */
  note?: string;
  /** Roles shown beside the name ("Admin", "Release Manager"). */
  badges?: string[];
}

export interface SignInGroup {
  title: string;
  note?: string;
  people: SignInPerson[];
}

/** The authorization request, carried through the page's forms unchanged. */
export interface AuthorizeRequest {
  client_id: string;
  redirect_uri: string;
  state?: string | undefined;
  code_challenge?: string | undefined;
  code_challenge_method?: string | undefined;
  allow_signup?: string | undefined;
}

function Carried({ request }: { request: AuthorizeRequest }) {
  return (
    <>
      {Object.entries(request).map(([name, value]) =>
        value === undefined ? null : <input type="hidden" name={name} value={value} />,
      )}
    </>
  );
}

export function AuthorizePage({
  appName,
  owner,
  request,
  groups,
  suggested,
  allowSignup,
}: {
  appName: string;
  owner: string;
  request: AuthorizeRequest;
  groups: SignInGroup[];
  /** The `login` parameter: the account the App suggests. */
  suggested: string | null;
  allowSignup: boolean;
}) {
  const action = '/login/oauth/authorize';
  return (
    <BareFrame title={`Sign in to ${appName}`}>
      <h1>Sign in to {appName}</h1>
      <p class="lead">
        <strong>{appName}</strong> (a GitHub App owned by {owner}) will learn who you are on GitHub, and then
        send you back to <span class="mono">{new URL(request.redirect_uri).origin}</span>. This is the
        simulator: instead of a password, pick who you are.
      </p>
      <form method="post" action={action}>
        <Carried request={request} />
        <input type="hidden" name="decision" value="authorize" />
        {groups.map((group) => (
          <section class="box" data-group={group.title}>
            <h2>{group.title}</h2>
            {group.note ? <p class="muted">{group.note}</p> : null}
            <ul class="people">
              {group.people.map((person) => (
                <li>
                  <button
                    type="submit"
                    name="login"
                    value={person.login}
                    data-login={person.login}
                    class={person.login.toLowerCase() === suggested?.toLowerCase() ? 'suggested' : undefined}
                  >
                    <strong>{person.name || person.login}</strong>
                    <span class="login">@{person.login}</span>
                    {person.note ? <span class="note">{person.note}</span> : null}
                    {(person.badges ?? []).map((badge) => (
                      <span class={badge === 'Admin' ? 'label admin' : 'label'}>{badge}</span>
                    ))}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </form>
      {allowSignup ? (
        <form method="post" action={action} class="box signup">
          <Carried request={request} />
          <input type="hidden" name="decision" value="authorize" />
          <label for="signup-login">Someone new: sign up for GitHub as</label>
          <input id="signup-login" type="text" name="login" required maxlength={39} />
          <button type="submit">Sign up and continue</button>
        </form>
      ) : null}
      <form method="post" action={action} class="cancel">
        <Carried request={request} />
        <input type="hidden" name="decision" value="cancel" />
        <button type="submit" class="danger">
          Cancel
        </button>
      </form>
    </BareFrame>
  );
}

/** GitHub's page for an authorization request it will not send anywhere (no redirect). */
export function AuthorizeErrorPage({ title, message }: { title: string; message: string }) {
  return (
    <BareFrame title={title}>
      <h1>{title}</h1>
      <p class="box error" role="alert">
        {message}
      </p>
    </BareFrame>
  );
}
