// The Metrics page and its charts. Both count the reports the person asking may see (app/metrics):
// a signed-out visitor's numbers and images come from published reports only.
import { Hono } from 'hono';
import { reportMetrics } from '../../app/metrics.ts';
import { isChartName, renderChart } from '../charts.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { MetricsPage } from '../pages/metrics.tsx';

export function metricsRoutes({ ctx, sandbox }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/stats', async (c) => {
    const principal = c.get('principal');
    const metrics = await reportMetrics(ctx, principal);
    return c.render(
      <MetricsPage
        metrics={metrics}
        signedInAs={c.get('login')}
        isMember={principal.kind === 'user' && principal.member}
        sandbox={sandbox}
      />,
    );
  });

  app.get('/stats/charts/:file{[a-z0-9-]+\\.svg}', async (c) => {
    const name = c.req.param('file').slice(0, -'.svg'.length);
    if (!isChartName(name)) return c.text('No such chart: the Metrics page links every chart there is.', 404);
    const svg = await renderChart(name, await reportMetrics(ctx, c.get('principal')));
    // A signed-in person's numbers may count embargoed reports: never kept by any cache. A visitor's
    // are public, the same for every visitor, and may be kept a few minutes (not for a signed-in
    // request: the cookie tells them apart).
    c.header('Cache-Control', c.get('login') ? 'no-store' : 'public, max-age=300');
    c.header('Vary', 'Cookie');
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8' });
  });

  return app;
}
