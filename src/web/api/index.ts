// The JSON API, mounted at /api: every operation is a zod-described route, so
// requests are checked and /api/openapi.json (OpenAPI 3.1) is written from
// the same definitions. Errors are problem details.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { WebDeps, WebEnv } from '../env.ts';
import { problem } from './problem.ts';
import { reportOperations } from './reports.ts';
import { tokenOperations } from './tokens.ts';

export function apiRoutes(deps: WebDeps) {
  const api = new OpenAPIHono<WebEnv>({
    // A request the description does not allow: say which part and why, as a problem.
    defaultHook: (result, c) => {
      if (result.success) return;
      const issues = result.error.issues.map((issue) => ({
        where: [result.target, ...issue.path.map(String)].join('.'),
        problem: issue.message,
      }));
      return problem(c, 400, issues.map((i) => `${i.where}: ${i.problem}`).join('; '), issues);
    },
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'token', {
    type: 'http',
    scheme: 'bearer',
    description: 'A personal API token (psrt_…), made on the Tokens page; or the browser session.',
  });
  api.route('/', reportOperations(deps));
  api.route('/', tokenOperations(deps));
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'psrt',
      version: 'v1',
      description:
        "The Python Security Response Team's vulnerability process on GitHub Security Advisories (PEP 811): every read and action of the dashboard.",
    },
    security: [{ token: [] }],
  });
  return api;
}
