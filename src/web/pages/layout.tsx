// The page frame shared by every server-rendered page. hono/jsx escapes all
// text by default, which is what keeps report text from becoming markup.
import type { Child } from 'hono/jsx';
import { PostForm } from './forms.tsx';

export interface LayoutProps {
  title: string;
  signedInAs?: string | null;
  /** A signed-in PSRT member: the sandbox shows them its outgoing mail. */
  isMember?: boolean;
  sandbox: boolean;
  children?: Child;
}

export function Layout({ title, signedInAs, isMember = false, sandbox, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · psrt`}</title>
        <link rel="stylesheet" href="/static/app.css" />
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">
            psrt
          </a>
          {sandbox ? <span class="badge sandbox">sandbox</span> : null}
          <nav>
            {sandbox && signedInAs && isMember ? (
              <a class="nav" href="/sandbox/mail">
                Outgoing mail
              </a>
            ) : null}
            {sandbox && signedInAs && isMember ? (
              <a class="nav" href="/sandbox/github">
                GitHub (simulated)
              </a>
            ) : null}
            {signedInAs ? (
              <a class="nav" href="/tokens">
                Tokens
              </a>
            ) : null}
            {signedInAs ? (
              <PostForm action="/signout" class="inline">
                <span class="who">
                  signed in as <strong>{signedInAs}</strong>
                </span>
                <button type="submit" class="link">
                  Sign out
                </button>
              </PostForm>
            ) : null}
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
