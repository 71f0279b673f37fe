// The page frame shared by every server-rendered page. hono/jsx escapes all
// text by default, which is what keeps report text from becoming markup.
import type { Child } from 'hono/jsx';
import { useRequestContext } from 'hono/jsx-renderer';
import type { WebEnv } from '../env.ts';
import { PostForm } from './forms.tsx';
import { MainNav, SandboxNav } from './nav.tsx';

export interface LayoutProps {
  title: string;
  /** Who is signed in; the request's own sign-in when not given. */
  signedInAs?: string | null;
  /** A signed-in PSRT member (the navigation reads who is asking from the request itself). */
  isMember?: boolean;
  sandbox: boolean;
  children?: Child;
}

export function Layout({ title, signedInAs, sandbox, children }: LayoutProps) {
  const who = signedInAs === undefined ? useRequestContext<WebEnv>().get('login') : signedInAs;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · psrt`}</title>
        <link rel="stylesheet" href="/static/app.css" />
      </head>
      <body>
        <a class="skip" href="#content">
          Skip to the content
        </a>
        <header class="top">
          <div class="bar">
            <a class="brand" href="/">
              psrt
            </a>
            {sandbox ? <span class="badge sandbox">sandbox</span> : null}
            <MainNav />
            <div class="account">
              {who ? (
                <PostForm action="/signout" class="inline">
                  <span class="who">
                    signed in as <strong>{who}</strong>
                  </span>
                  <button type="submit" class="link">
                    Sign out
                  </button>
                </PostForm>
              ) : (
                <a class="nav" href="/signin">
                  Sign in
                </a>
              )}
            </div>
          </div>
          {sandbox ? <SandboxNav /> : null}
        </header>
        <main id="content">{children}</main>
      </body>
    </html>
  );
}
