// Rendering the report page for its GET and for a refused action: everything it shows is read
// through the scoped use-cases, and a report the viewer may not see is answered exactly as one
// that does not exist. Also the flash message an action leaves for the page it redirects to.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { UseCaseError } from '../../app/errors.ts';
import { isCnaOperator } from '../../app/publish.ts';
import { reportPageData } from '../../app/report-page.ts';
import { similarToReport } from '../../app/similar.ts';
import type { Principal } from '../../domain/report.ts';
import { isOpen } from '../../domain/report.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { hasFlash, leaveFlash, takeFlash } from '../flash.ts';
import { ReportNotFoundPage, ReportPage, type ReportView } from '../pages/report.tsx';

export const isMember = (principal: Principal): boolean => principal.kind === 'user' && principal.member;

/** Where a GHSA is seen: on GitHub; in the sandbox on the simulator's pages, acting there as the same person. */
export function advisoryLink(
  { sandbox, githubSimulatorUrl }: WebDeps,
  login: string,
): (repository: string, ghsaId: string) => string {
  return (repository, ghsaId) =>
    sandbox && githubSimulatorUrl
      ? `${githubSimulatorUrl}advisories/${repository}/${ghsaId}?${new URLSearchParams({ as: login })}`
      : `https://github.com/${repository}/security/advisories/${ghsaId}`;
}

/** The report pages' flash: a report's own message, read on its page. */
const flashOf = (reportId: string) => ({ path: '/reports', key: reportId });

/** Leaves a message for the report page the action redirects to (a cookie: no report text in URLs). */
export function setFlash(c: Context<WebEnv>, reportId: string, message: string): void {
  leaveFlash(c, flashOf(reportId), message);
}

export { hasFlash };

export function renderNotFound(
  c: Context<WebEnv>,
  deps: WebDeps,
  message: string,
): Response | Promise<Response> {
  c.status(404);
  return c.render(
    <ReportNotFoundPage
      message={message}
      signedInAs={c.get('login') ?? ''}
      isMember={isMember(c.get('principal'))}
      sandbox={deps.sandbox}
    />,
  );
}

async function loadView(c: Context<WebEnv>, deps: WebDeps, reportId: string): Promise<ReportView> {
  const { ctx } = deps;
  const principal = c.get('principal');
  const login = c.get('login') ?? '';
  const page = await reportPageData(ctx, principal, reportId);
  const member = isMember(principal);
  return {
    ...page,
    similar:
      member && isOpen(page.detail.report.state)
        ? await similarToReport(ctx, principal, page.detail.report.id)
        : null,
    viewer: {
      login,
      member: isMember(principal),
      cnaOperator: isCnaOperator(principal, deps.cnaOperators ?? []),
    },
    now: ctx.now(),
    advisoryUrl: advisoryLink(deps, login),
  };
}

/**
 * The report page, with `problem` (an action's refusal, in the use-case's words) at its status.
 * A report the viewer may not see gets the not-found page whatever the action was.
 */
export async function renderReportPage(
  c: Context<WebEnv>,
  deps: WebDeps,
  reportId: string,
  problem?: { status: ContentfulStatusCode; message: string },
): Promise<Response> {
  let view: ReportView;
  try {
    view = await loadView(c, deps, reportId);
  } catch (error) {
    if (error instanceof UseCaseError && error.code === 'not-found')
      return renderNotFound(c, deps, error.message);
    throw error;
  }
  const flash = takeFlash(c, flashOf(reportId));
  if (problem) c.status(problem.status);
  return c.render(
    <ReportPage
      view={view}
      sandbox={deps.sandbox}
      flash={problem ? null : flash}
      problem={problem?.message ?? null}
    />,
  );
}
