// /api/v1/coverage: which repositories the GitHub App covers lack private
// vulnerability reporting or a security policy pointing to it (members).
import { OpenAPIHono } from '@hono/zod-openapi';
import { authorize } from '../../app/authorize.ts';
import { checkCoverage, type RepositoryCoverage } from '../../app/bot/coverage.ts';
import type { WebEnv } from '../env.ts';
import { withETag } from './etag.ts';
import type { ApiDeps } from './index.ts';
import { ApiProblem } from './problem.ts';
import * as routes from './routes/admin.ts';

/** A repository's coverage without the policy's text: where it is says enough. */
const repositoriesOf = (results: readonly RepositoryCoverage[]) => ({
  repositories: results.map(({ policy, ...r }) => ({ ...r, policy: policy?.path ?? null })),
});

export function coverageOperations({ services }: ApiDeps): OpenAPIHono<WebEnv> {
  const github = () => {
    if (!services.github)
      throw new ApiProblem(
        503,
        'GitHub is not configured (github.appId and GITHUB_APP_PRIVATE_KEY): coverage is read from GitHub.',
      );
    return services.github;
  };
  return new OpenAPIHono<WebEnv>()
    .openapi(routes.checkCoverage, async (c) => {
      authorize(c.get('principal'), 'report.coordinate');
      return withETag(c, repositoriesOf(await checkCoverage(github())));
    })
    .openapi(routes.applyCoverage, async (c) => {
      authorize(c.get('principal'), 'report.coordinate');
      return c.json(repositoriesOf(await checkCoverage(github(), { apply: true })), 200);
    });
}
