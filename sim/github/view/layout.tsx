// The frame of every page of the simulator's HTML view: who one acts as (a plain GET form, no
// scripts), the two pages, and what the last action did. hono/jsx escapes every text it renders.
import type { Child } from 'hono/jsx';

export const viewBase = '/_sim/view';

/** A link inside the view that keeps who one acts as. */
export const viewLink = (path: string, as: string): string =>
  `${viewBase}${path}?as=${encodeURIComponent(as)}`;

export interface LayoutProps {
  title: string;
  /** The page's own path (below the view's base), where picking another user returns to. */
  path: string;
  as: string;
  people: string[];
  notice?: string | undefined;
  error?: string | undefined;
  children?: Child;
}

/** Every simulator page's head: its title and the one stylesheet. */
function PageHead({ title }: { title: string }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} · GitHub simulator`}</title>
      <link rel="stylesheet" href={`${viewBase}/app.css`} />
    </head>
  );
}

export function Layout({ title, path, as, people, notice, error, children }: LayoutProps) {
  return (
    <html lang="en">
      <PageHead title={title} />
      <body>
        <header class="top">
          <a class="brand" href={viewLink('/', as)}>
            GitHub simulator
          </a>
          <nav>
            <a href={viewLink('/', as)}>Advisories</a>
            <a href={viewLink('/deliveries', as)}>Webhook deliveries</a>
          </nav>
          <form method="get" action={`${viewBase}${path}`}>
            <label class="check" for="act-as">
              Acting as
            </label>
            <select id="act-as" name="as">
              {people.map((login) => (
                <option value={login} selected={login === as}>
                  {login}
                </option>
              ))}
            </select>
            <button type="submit">Switch</button>
          </form>
        </header>
        <main>
          {notice ? (
            <p class="box notice" role="status">
              {notice}
            </p>
          ) : null}
          {error ? (
            <p class="box error" role="alert">
              {error}
            </p>
          ) : null}
          {children}
        </main>
      </body>
    </html>
  );
}

/** A POST form of the view: carries who acts, so the action is theirs. */
export function ActionForm({ action, as, children }: { action: string; as: string; children?: Child }) {
  return (
    <form method="post" action={`${viewBase}${action}`}>
      <input type="hidden" name="as" value={as} />
      {children}
    </form>
  );
}

/** A page outside the simulator's pages and their navigation: signing in, registering an App. */
export function BareFrame({ title, children }: { title: string; children?: Child }) {
  return (
    <html lang="en">
      <PageHead title={title} />
      <body>
        <header class="top">
          <span class="brand">GitHub simulator</span>
        </header>
        <main class="authorize">{children}</main>
      </body>
    </html>
  );
}
