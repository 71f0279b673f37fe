// The control surface over HTTP, under /_sim/ (JSON in, JSON out), for the sandbox and for
// tests in other processes. Each route is one GitHubSimControl call; see control.ts.
import { Hono } from 'hono';
import type { GitHubSimControl } from './control.ts';
import { GitHubError } from './http.ts';

type Body = Record<string, unknown>;

export function controlRoutes(control: GitHubSimControl): Hono {
  const app = new Hono();
  const body = async (c: { req: { text(): Promise<string> } }): Promise<Body> => {
    const text = await c.req.text();
    return text.trim() === '' ? {} : JSON.parse(text);
  };
  const ref = (c: { req: { param(name: string): string | undefined } }) => ({
    owner: c.req.param('owner') ?? '',
    repo: c.req.param('repo') ?? '',
    ghsaId: c.req.param('ghsa') ?? '',
  });

  app.onError((error, c) => {
    if (error instanceof GitHubError) return c.json(error.body(), error.status as 400);
    return c.json({ message: error.message }, 400);
  });

  app.post('/reset', (c) => {
    control.reset();
    return c.json({ ok: true });
  });
  app.get('/config', (c) => c.json(control.configure({})));
  app.patch('/config', async (c) => c.json(control.configure(await body(c))));

  app.post('/users', async (c) => c.json(control.addUser((await body(c)) as never), 201));
  app.post('/orgs', async (c) => c.json(control.addOrg((await body(c)) as never), 201));
  app.post('/repos', async (c) => c.json(control.addRepo((await body(c)) as never), 201));
  app.post('/files', async (c) => {
    control.putFile((await body(c)) as never);
    return c.json({ ok: true }, 201);
  });
  app.post('/teams', async (c) => c.json(control.addTeam((await body(c)) as never), 201));
  app.post('/pulls', async (c) => c.json(control.addPullRequest((await body(c)) as never), 201));
  app.post('/apps', async (c) => c.json(control.createApp((await body(c)) as never), 201));
  app.get('/apps/:app', (c) => {
    const app = c.req.param('app');
    return c.json(control.appCredentials(/^\d+$/.test(app) ? Number(app) : app));
  });
  app.put('/apps/:app/callback-urls', async (c) => {
    const app = c.req.param('app');
    const { urls } = await body(c);
    if (!Array.isArray(urls) || urls.some((url) => typeof url !== 'string'))
      return c.json({ message: 'Send {"urls": [...]}: the callback URLs, up to 10.' }, 400);
    return c.json(control.setCallbackUrls(/^\d+$/.test(app) ? Number(app) : app, urls));
  });
  app.post('/tokens', async (c) => {
    const { login, scopes } = await body(c);
    return c.json({ token: control.userToken(String(login), Array.isArray(scopes) ? { scopes } : {}) }, 201);
  });

  // Acting in the web UI.
  app.post('/ui/report', async (c) => c.json(control.reportVulnerability((await body(c)) as never), 201));
  app.post('/ui/advisories', async (c) => c.json(control.createAdvisory((await body(c)) as never), 201));
  const ui = ['accept', 'close', 'reopen', 'publish', 'edit', 'comment', 'credit', 'fork'] as const;
  for (const action of ui) {
    app.post(`/ui/advisories/:owner/:repo/:ghsa/${action}`, async (c) => {
      const input = { ...(await body(c)), ...ref(c) } as never;
      const result = {
        accept: () => control.acceptReport(input),
        close: () => control.closeAdvisory(input),
        reopen: () => control.reopenAdvisory(input),
        publish: () => control.publishAdvisory(input),
        edit: () => control.editAdvisory(input),
        comment: () => control.comment(input),
        credit: () => control.answerCredit(input),
        fork: () => control.startPrivateFork(input),
      }[action]();
      return c.json(result, action === 'comment' ? 201 : 200);
    });
  }

  // Repository activity in the web UI: issues, pushes, pull requests.
  const issueRef = (c: { req: { param(name: string): string | undefined } }) => ({
    owner: c.req.param('owner') ?? '',
    repo: c.req.param('repo') ?? '',
    number: Number(c.req.param('number')),
  });
  app.post('/ui/issues', async (c) => c.json(control.openIssue((await body(c)) as never), 201));
  app.post('/ui/issues/:owner/:repo/:number/edit', async (c) =>
    c.json(control.editIssue({ ...(await body(c)), ...issueRef(c) } as never)),
  );
  app.post('/ui/issues/:owner/:repo/:number/comment', async (c) =>
    c.json(control.commentOnIssue({ ...(await body(c)), ...issueRef(c) } as never), 201),
  );
  app.post('/ui/commits', async (c) => c.json(control.pushCommit((await body(c)) as never), 201));
  app.post('/ui/pulls', async (c) => c.json(control.openPullRequest((await body(c)) as never), 201));
  app.post('/ui/pulls/:owner/:repo/:number/merge', async (c) =>
    c.json(control.mergePullRequest({ ...(await body(c)), ...issueRef(c) } as never)),
  );
  app.post('/ui/pulls/:owner/:repo/:number/backport', async (c) =>
    c.json(control.backportPullRequest({ ...(await body(c)), ...issueRef(c) } as never), 201),
  );
  app.post('/tags', async (c) => c.json(control.addTag((await body(c)) as never), 201));
  app.get('/issues/:owner/:repo', (c) => c.json(control.issues(issueRef(c))));
  app.get('/issues/:owner/:repo/:number/comments', (c) => c.json(control.issueComments(issueRef(c))));

  app.get('/advisories', (c) => c.json(control.advisories()));
  app.get('/advisories/:owner/:repo/:ghsa', (c) => c.json(control.advisory(ref(c))));
  app.get('/advisories/:owner/:repo/:ghsa/comments', (c) => c.json(control.advisoryComments(ref(c))));
  app.post('/advisories/:owner/:repo/:ghsa/cve', async (c) =>
    c.json(control.assignCve({ ...ref(c), ...(await body(c)) })),
  );
  app.post('/advisories/:owner/:repo/:ghsa/withdraw', (c) => c.json(control.withdrawAdvisory(ref(c))));
  app.post('/advisories/:owner/:repo/:ghsa/review', (c) => c.json(control.reviewAdvisory(ref(c))));

  app.put('/webhook', async (c) => c.json({ ping: await control.setWebhook((await body(c)) as never) }));
  app.delete('/webhook', (c) => {
    control.clearWebhook();
    return c.json({ ok: true });
  });
  app.get('/deliveries', (c) => c.json(control.deliveries()));
  app.post('/deliveries/wait', async (c) => {
    await control.waitForDeliveries();
    return c.json(control.deliveries());
  });
  app.post('/deliveries/:id/redeliver', async (c) => c.json(await control.redeliver(c.req.param('id')), 201));

  app.post('/faults', async (c) => c.json({ id: control.injectFault((await body(c)) as never) }, 201));
  app.get('/faults', (c) => c.json(control.faults()));
  app.get('/requests', (c) => c.json(control.requests()));
  app.delete('/faults', (c) => {
    control.clearFaults();
    return c.json({ ok: true });
  });

  app.get('/clock', (c) => c.json({ now: control.now().toISOString() }));
  app.post('/clock', async (c) => {
    control.setClock(String((await body(c)).now));
    return c.json({ now: control.now().toISOString() });
  });
  app.post('/clock/advance', async (c) => {
    control.advance(Number((await body(c)).ms));
    return c.json({ now: control.now().toISOString() });
  });
  return app;
}
