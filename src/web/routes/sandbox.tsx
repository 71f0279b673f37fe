// `/sandbox` (sandbox mode only): what is simulated, and for members links to
// the simulators' pages and request logs and to the outgoing mail.
import { Hono } from 'hono';
import type { WebDeps, WebEnv } from '../env.ts';
import { type SandboxLinks, SandboxPage } from '../pages/sandbox.tsx';
import { signInFirst } from './signin.tsx';

/** `/_sim/requests` beside a simulator's URL: what psrt asked of it. */
const requestsOf = (url: string | undefined) => (url ? `${new URL(url).origin}/_sim/requests` : null);

export function sandboxRoutes({ sandbox, githubSimulatorUrl, cveSimulatorUrl }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.get('/sandbox', (c) => {
    if (!sandbox) return c.text('Not found', 404);
    const login = c.get('login');
    if (!login) return signInFirst(c);
    const principal = c.get('principal');
    const view = githubSimulatorUrl ? new URL(githubSimulatorUrl) : null;
    const links: SandboxLinks = {
      githubAdvisories: view ? `${view}?${new URLSearchParams({ as: login })}` : null,
      githubDeliveries: view ? `${new URL('deliveries', view)}?${new URLSearchParams({ as: login })}` : null,
      githubRequests: requestsOf(githubSimulatorUrl),
      cveRequests: requestsOf(cveSimulatorUrl),
    };
    return c.render(<SandboxPage links={links} member={principal.kind === 'user' && principal.member} />);
  });
  return app;
}
