// What every route module of the web app shares: the per-request variables the
// sign-in middleware sets, and what the server hands to each module.
import type { AppContext } from '../app/context.ts';
import type { ForwardDestination } from '../app/intake-triage.ts';
import type { CnaClient } from '../cna/index.ts';
import type { Principal } from '../domain/report.ts';
import type { TokenScope } from '../domain/sessions.ts';
import type { GitHubClient } from '../github/index.ts';

export type WebEnv = {
  Variables: {
    /** The signed-in GitHub login; null when signed out. */
    login: string | null;
    /** Who is asking, as the access rules see them. */
    principal: Principal;
    /** How they proved it: the session (its CSRF token, the cookie's token), a scoped API token, or not at all. */
    auth:
      | { kind: 'anonymous' }
      | { kind: 'session'; csrf: string; token: string }
      | { kind: 'token'; scope: TokenScope }
      /** The CLI's in-process API on the database it opened: the operator at the terminal (src/cli/local-transport). */
      | { kind: 'local' };
    /**
     * What a member's reads depend on besides the URL: the database's committed state and
     * their session or token (web/read-cache). Unset for everyone else: nothing is reused.
     */
    readKey?: string;
    /** Names this request in log lines and in the X-Request-Id header (web/request-log). */
    requestId: string;
  };
};

/** What a route module needs from the server: `routes(deps)` returns a Hono<WebEnv> mounted at `/`. */
export interface WebDeps {
  ctx: AppContext;
  sandbox: boolean;
  /** Sandbox only: the GitHub simulator's own pages. */
  githubSimulatorUrl?: string | undefined;
  /** Sandbox only: the CVE Services simulator's API root. */
  cveSimulatorUrl?: string | undefined;
  /** The GitHub App's client, or null when no App is configured (repository coverage reads GitHub). */
  github?: GitHubClient | null;
  /** `server.publicUrl`, for absolute links (the Atom feed); else the request's origin. */
  publicUrl?: string | null;
  /** `cna.operators`: who may publish CVE records (the report page's "Approve CVE record"). */
  cnaOperators?: readonly string[];
  /** CVE Services as the PSF CNA (the CVE IDs no report holds), or null when not configured. */
  cna?: CnaClient | null;
  /** `intake.forwardTo`: where admins may forward a security@ thread (the Intake page's Forward). */
  forwardTo?: readonly ForwardDestination[];
  /** Sandbox only: the SMTP intake's address (`smtp://…`), once it listens; null when none runs. */
  intakeSmtpUrl?: () => string | null;
}
