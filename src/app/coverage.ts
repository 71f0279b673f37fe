// Repository coverage as members see it on the dashboard: what `psrt coverage`
// reads from GitHub (app/bot/coverage), each repository marked OK or needing
// action, with the steps that close each gap in the maintainers' words.
import { pointsToAdvisoryForm } from '../domain/bot/coverage.ts';
import type { Principal } from '../domain/report.ts';
import type { GitHubClient } from '../github/index.ts';
import { authorize } from './authorize.ts';
import { checkCoverage, type RepositoryCoverage } from './bot/coverage.ts';
import { type AppContext, actorName } from './context.ts';
import { UseCaseError } from './errors.ts';

export interface CoverageRow extends Omit<RepositoryCoverage, 'policy'> {
  /** Where the security policy was found (a path, or `owner/.github/…` for the organisation's). */
  policyPath: string | null;
  /** What to do, one step per gap; empty when the repository is covered. */
  todo: CoverageStep[];
}

/** One thing to do about a gap, and where on GitHub to do it (or what to link to). */
export interface CoverageStep {
  step: string;
  url: string | null;
}

export interface CoverageCheck {
  at: Date;
  by: string;
  repositories: CoverageRow[];
  /** Whether this check turned private vulnerability reporting on where it was off. */
  applied: boolean;
}

/** Where a repository's reporters report: GitHub's "Report a vulnerability" form. */
export const reportFormUrl = (repository: string): string =>
  `https://github.com/${repository}/security/advisories/new`;

/** The steps that close a repository's gaps. */
export function coverageTodo(coverage: RepositoryCoverage): CoverageStep[] {
  const todo: CoverageStep[] = [];
  const form = reportFormUrl(coverage.repository);
  if (coverage.privateReporting === false)
    todo.push({
      step: 'Turn on private vulnerability reporting in the repository\'s security settings, or here with "Turn on private reporting".',
      url: `https://github.com/${coverage.repository}/settings/security_analysis`,
    });
  if (coverage.privateReporting === null)
    todo.push({
      step: 'Give the psrt GitHub App "Administration: read" on this repository, so psrt can see whether private vulnerability reporting is on.',
      url: null,
    });
  if (coverage.policy === null)
    todo.push({
      step: 'Add a SECURITY.md (in .github/, the root or docs/) that sends reporters to the "Report a vulnerability" form:',
      url: form,
    });
  else if (!pointsToAdvisoryForm(coverage.policy.text))
    todo.push({
      step: `Edit ${coverage.policy.path} to send reporters to the "Report a vulnerability" form:`,
      url: form,
    });
  return todo;
}

/**
 * Reads every repository the GitHub App is installed on (members only, as
 * `psrt coverage`); with `apply`, turns private vulnerability reporting on
 * where it is off.
 */
export async function checkCoverageAs(
  ctx: AppContext,
  actor: Principal,
  github: GitHubClient | null,
  options: { apply?: boolean } = {},
): Promise<CoverageCheck> {
  authorize(actor, 'report.coordinate');
  if (!github)
    throw new UseCaseError(
      'refused',
      'GitHub is not configured (github.appId and GITHUB_APP_PRIVATE_KEY): coverage is read from GitHub.',
    );
  const results = await checkCoverage(github, { apply: options.apply });
  return {
    at: ctx.now(),
    by: actorName(actor),
    applied: options.apply === true,
    repositories: results.map(({ policy, ...row }) => ({
      ...row,
      policyPath: policy?.path ?? null,
      todo: coverageTodo({ ...row, policy }),
    })),
  };
}
