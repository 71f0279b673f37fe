// Signing in: one button, "Sign in with GitHub" (in the sandbox, GitHub is the simulator, whose
// page lets one pick any demo person); what to do when sign-in is not set up on this server; and
// a sign-in that did not finish.
import { PostForm } from './forms.tsx';
import { Layout } from './layout.tsx';

export function SignInPage({
  sandbox,
  next,
  notice,
  signedInAs,
}: {
  sandbox: boolean;
  /** Where to return after signing in (a path on psrt). */
  next: string | null;
  notice: string | null;
  signedInAs: string | null;
}) {
  return (
    <Layout title="Sign in" sandbox={sandbox} signedInAs={signedInAs}>
      <section class="signin">
        <h1>Sign in to psrt</h1>
        {notice ? (
          <p class="flash" role="status">
            {notice}
          </p>
        ) : null}
        <p class="lead">
          Sign in with your GitHub account. Anyone may: the PSRT roster decides who is a member, and a
          collaborator sees only the reports they were granted.
        </p>
        {sandbox ? (
          <p class="note sandbox">
            This is the sandbox: GitHub is the simulator, whose sign-in page lets you pick any demo person (a
            PSRT member or admin, an expert, the reporter, or an outsider who sees nothing embargoed).
          </p>
        ) : null}
        <PostForm action="/signin" class="signin">
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <button type="submit" class="primary">
            Sign in with GitHub
          </button>
        </PostForm>
      </section>
    </Layout>
  );
}

/** Production without the App's OAuth client: say so, and how an administrator sets it up. */
export function SignInNotConfiguredPage({ callbackUrl }: { callbackUrl: string }) {
  return (
    <Layout title="Sign-in not configured" sandbox={false}>
      <section class="signin">
        <h1>Sign-in is not configured</h1>
        <p class="lead">
          Nobody can sign in to this psrt yet: it has no GitHub App OAuth client to sign people in with.
        </p>
        <p>An administrator sets it up once:</p>
        <ol class="steps">
          <li>
            On the GitHub App's settings page, add <code>{callbackUrl}</code> as a callback URL (behind a
            proxy, set <code>server.publicUrl</code> first: the callback is at that address) and generate a
            client secret.
          </li>
          <li>
            Set <code>github.oauthClientId</code> in <code>psrt.config.json</code> to the App's Client ID (not
            its App ID), and the environment variable <code>PSRT_GITHUB_CLIENT_SECRET</code> to the secret.
          </li>
          <li>Restart psrt.</li>
        </ol>
        <p>
          See "Signing in" in <code>docs/configuration.md</code>.
        </p>
      </section>
    </Layout>
  );
}

/** A sign-in that could not finish: why, and the way back to the start. */
export function SignInProblemPage({ sandbox, message }: { sandbox: boolean; message: string }) {
  return (
    <Layout title="Sign-in did not finish" sandbox={sandbox}>
      <section class="signin">
        <h1>Signing in did not finish</h1>
        <p class="problem" role="alert">
          {message}
        </p>
        <p>
          <a href="/signin">Start again</a> from psrt's sign-in page.
        </p>
      </section>
    </Layout>
  );
}
