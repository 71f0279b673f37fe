// The JSON API, mounted at /api: every operation is a zod-described route, so
// requests are checked and /api/openapi.json (OpenAPI 3.1) is written from
// the same definitions. Errors are problem details. The CLI calls the same
// app, over HTTP or in-process, so there is one implementation of each action.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppContext } from '../../app/context.ts';
import { ServiceMissing } from '../../app/effects/services.ts';
import { loggableError, refusedTextOf, UseCaseError } from '../../app/errors.ts';
import type { ForwardDestination } from '../../app/intake-triage.ts';
import type { CnaClient } from '../../cna/index.ts';
import type { GitHubClient } from '../../github/index.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { accessOperations } from './access.ts';
import { auditOperations } from './audit.ts';
import { coverageOperations } from './coverage.ts';
import { craOperations } from './cra.ts';
import { duplicateOperations } from './duplicates.ts';
import { effectsOperations } from './effects.ts';
import { historyOperations } from './history.ts';
import { inactivityOperations } from './inactivity.ts';
import { intakeOperations } from './intake.ts';
import { membershipOperations } from './membership.ts';
import { nominationOperations } from './nominations.ts';
import { ApiProblem, problem, statusOfUseCaseError } from './problem.ts';
import { publicationOperations } from './publication.ts';
import { reportOperations } from './reports.ts';
import { rosterOperations } from './roster.ts';
import { rosterSyncOperations } from './roster-sync.ts';
import { timelineOperations } from './timeline.ts';
import { tokenOperations } from './tokens.ts';

/**
 * The largest API request body: a roster import carries two CSV files of up
 * to 1 MiB each, a history import one record of up to 1 MB.
 */
export const MAX_API_BODY_BYTES = 4 * 1024 * 1024;

/** The outside services some operations read or act on, and who may publish CVE records. */
export interface ApiServices {
  /** The GitHub App (record updates read the fix there; coverage); null when not configured. */
  github: GitHubClient | null;
  /** CVE Services (unused CVE IDs); null when not configured. */
  cna: CnaClient | null;
  /** `cna.operators`: the PSF CNA operators, who publish CVE records. */
  cnaOperators: readonly string[];
  /** `intake.forwardTo`: where admins may forward a security@ report. */
  forwardTo?: readonly ForwardDestination[];
}

export interface ApiDeps extends WebDeps {
  services: ApiServices;
}

export const noServices: ApiServices = { github: null, cna: null, cnaOperators: [] };

/** An error as a problem: a use-case's refusal, the API's own, or (logged, never echoed) anything else. */
export function problemOf(c: Context, error: unknown, ctx: AppContext): Response {
  if (error instanceof UseCaseError)
    return problem(c, statusOfUseCaseError[error.code], error.message, error.detail);
  if (error instanceof ApiProblem) return problem(c, error.status, error.message);
  // An outside service psrt needs and lacks: its message names what to configure, never report text.
  if (error instanceof ServiceMissing) return problem(c, 503, error.message);
  const refusedText = refusedTextOf(error);
  if (refusedText) return problem(c, 400, refusedText);
  // Never echo internals: the error may mention embargoed data. Neither is the path logged: it can name a report.
  ctx.log.error({ err: loggableError(error), method: c.req.method }, 'request failed');
  return problem(c, 500, 'Something went wrong on our side; the error was logged.');
}

export function apiRoutes(deps: WebDeps & { services?: ApiServices }) {
  const full: ApiDeps = { ...deps, services: deps.services ?? noServices };
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
  api.onError((error, c) => problemOf(c, error, deps.ctx));
  api.openAPIRegistry.registerComponent('securitySchemes', 'token', {
    type: 'http',
    scheme: 'bearer',
    description: 'A personal API token (psrt_…), made on the Tokens page; or the browser session.',
  });
  api.route('/', reportOperations(full));
  api.route('/', timelineOperations(full));
  api.route('/', intakeOperations(full));
  api.route('/', craOperations(full));
  api.route('/', accessOperations(full));
  api.route('/', duplicateOperations(full));
  api.route('/', publicationOperations(full));
  api.route('/', rosterOperations(full));
  api.route('/', membershipOperations(full));
  api.route('/', inactivityOperations(full));
  api.route('/', rosterSyncOperations(full));
  api.route('/', nominationOperations(full));
  api.route('/', auditOperations(full));
  api.route('/', effectsOperations(full));
  api.route('/', coverageOperations(full));
  api.route('/', historyOperations(full));
  api.route('/', tokenOperations(full));
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'psrt',
      version: 'v1',
      description:
        "The Python Security Response Team's vulnerability process on GitHub Security Advisories (PEP 811): every read and action of the dashboard and the psrt command. Errors are RFC 9457 problem details; reads carry ETags (send If-None-Match); lists page with cursors.",
    },
    servers: [{ url: '/api' }],
    security: [{ token: [] }],
  });
  return api;
}
