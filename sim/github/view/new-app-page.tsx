// GitHub's "Register new GitHub App" page as the App-manifest flow shows it: what the manifest
// asks for (homepage, webhook, callback URLs, permissions, events), the name (which the person may
// change) and one button. The simulator has nobody signed in, so for a personal account the page
// asks who is creating the App. Plain HTML, no scripts.
import { BareFrame } from './layout.tsx';

export interface NewAppRequest {
  name: string;
  url: string;
  description: string | null;
  hook: { url: string; active: boolean } | null;
  callbackUrls: string[];
  public: boolean;
  permissions: Record<string, string>;
  events: string[];
}

export function NewAppPage({
  request,
  action,
  manifest,
  state,
  org,
  people,
  suggested,
  error,
}: {
  request: NewAppRequest;
  /** Where the form posts: the page's own path. */
  action: string;
  /** The manifest as it came, carried through the form. */
  manifest: string;
  state: string | undefined;
  /** The organisation the App is for, or null for a personal account. */
  org: string | null;
  /** Who may create it on a personal account. */
  people: string[];
  suggested: string | null;
  error?: string | undefined;
}) {
  const title = org === null ? 'Register new GitHub App' : `Register new GitHub App for ${org}`;
  return (
    <BareFrame title={title}>
      <h1>{title}</h1>
      {error ? (
        <p class="box error" role="alert">
          {error}
        </p>
      ) : null}
      <p class="lead">
        A GitHub App manifest asks to create this App. Its owner gets its private key and secrets.
      </p>
      <form method="post" action={action} class="box">
        <input type="hidden" name="manifest" value={manifest} />
        {state === undefined ? null : <input type="hidden" name="state" value={state} />}
        <input type="hidden" name="decision" value="create" />
        <p>
          <label for="app-name">GitHub App name</label>{' '}
          <input id="app-name" type="text" name="name" value={request.name} required maxlength={34} />
        </p>
        {org === null ? (
          <p>
            <label for="app-owner">Created by</label>{' '}
            <select id="app-owner" name="as">
              {people.map((login) => (
                <option value={login} selected={login === suggested}>
                  {login}
                </option>
              ))}
            </select>
          </p>
        ) : null}
        <dl>
          <dt>Homepage URL</dt>
          <dd class="mono">{request.url}</dd>
          {request.description ? (
            <>
              <dt>Description</dt>
              <dd>{request.description}</dd>
            </>
          ) : null}
          <dt>Webhook</dt>
          <dd class="mono">
            {request.hook ? `${request.hook.url}${request.hook.active ? '' : ' (inactive)'}` : 'none'}
          </dd>
          <dt>Callback URLs</dt>
          <dd class="mono">{request.callbackUrls.join(', ') || 'none'}</dd>
          <dt>Permissions</dt>
          <dd>
            <ul data-permissions>
              {Object.entries(request.permissions).map(([name, level]) => (
                <li>
                  <span class="mono">{name}</span>: {level}
                </li>
              ))}
            </ul>
          </dd>
          <dt>Subscribe to events</dt>
          <dd class="mono">{request.events.join(', ') || 'none'}</dd>
          <dt>Where can this GitHub App be installed?</dt>
          <dd>{request.public ? 'Any account' : 'Only on this account'}</dd>
        </dl>
        <button type="submit">Create GitHub App</button>
      </form>
    </BareFrame>
  );
}
