// The pages `psrt app create` shows in the browser: the manifest form that posts to GitHub (what
// the App will ask for, and one button), and the answer once GitHub has sent the browser back.
// Plain HTML, no scripts; hono/jsx escapes everything.
import type { Child } from 'hono/jsx';
import type { AppManifest } from '../github/app-manifest.ts';

function Page({ title, children }: { title: string; children?: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · psrt`}</title>
        <style>
          {
            'body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5}code{font-size:.95em}button{font-size:1rem;padding:.5rem 1rem}'
          }
        </style>
      </head>
      <body>
        <h1>{title}</h1>
        {children}
      </body>
    </html>
  );
}

export function ManifestFormPage({
  manifest,
  action,
  owner,
}: {
  manifest: AppManifest;
  /** GitHub's "new GitHub App" page, with the state. */
  action: string;
  /** The organisation that will own the App, or null for the person signed in to GitHub. */
  owner: string | null;
}) {
  return (
    <Page title={`Create the GitHub App ${manifest.name}`}>
      <p>
        The button asks GitHub to create psrt's App {owner === null ? 'on your account' : `for ${owner}`}. Be
        signed in to GitHub{owner === null ? '' : ` as an owner of ${owner}`}; GitHub shows the App before
        creating it and lets you change its name, then sends you back here.
      </p>
      <ul>
        <li>
          Homepage <code>{manifest.url}</code>, webhook <code>{manifest.hook_attributes.url}</code>, sign-in
          callback <code>{manifest.callback_urls.join(', ')}</code>
        </li>
        <li>
          Permissions:{' '}
          {Object.entries(manifest.default_permissions)
            .map(([name, level]) => `${name}: ${level}`)
            .join(', ')}
        </li>
        <li>Events: {manifest.default_events.join(', ')}</li>
      </ul>
      <form method="post" action={action}>
        <input type="hidden" name="manifest" value={JSON.stringify(manifest)} />
        <button type="submit">Create the App on GitHub</button>
      </form>
    </Page>
  );
}

export function DonePage({ name, installUrl }: { name: string; installUrl: string }) {
  return (
    <Page title={`${name} is created`}>
      <p>psrt has written the App's credentials (see the terminal). You can close this tab.</p>
      <p>
        Next, install the App on the organisations psrt watches: <a href={installUrl}>{installUrl}</a>
      </p>
    </Page>
  );
}

export function FailedPage({ message }: { message: string }) {
  return (
    <Page title="The App's credentials were not written">
      <p role="alert">{message}</p>
    </Page>
  );
}
