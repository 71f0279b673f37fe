// `/coverage`: repository coverage for members. A check reads every repository
// the App is installed on from GitHub (seconds for a large organisation), so
// the page shows the last check this server made, checking first only when
// there is none; "Check again" and "Turn on private reporting" run a new one.
import { Hono } from 'hono';
import { isAllowed } from '../../app/authorize.ts';
import { type CoverageCheck, checkCoverageAs } from '../../app/coverage.ts';
import { safeErrorMessage, UseCaseError } from '../../app/errors.ts';
import type { Principal } from '../../domain/report.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { CoveragePage } from '../pages/coverage.tsx';
import { signInFirst } from './signin.tsx';

export function coverageRoutes({ ctx, sandbox, github = null }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  let last: CoverageCheck | null = null;
  let problem: string | null = null;
  /** The check under way: a second request waits for it instead of reading GitHub again. */
  let running: Promise<void> | null = null;

  const check = (actor: Principal, apply: boolean): Promise<void> => {
    running ??= checkCoverageAs(ctx, actor, github, { apply })
      .then((result) => {
        last = result;
        problem = null;
      })
      .catch((error: unknown) => {
        if (error instanceof UseCaseError) throw error;
        // GitHub's answer names repositories and statuses, never report text.
        problem = safeErrorMessage(error);
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  app.get('/coverage', async (c) => {
    if (!c.get('login')) return signInFirst(c);
    const principal = c.get('principal');
    if (!isAllowed(principal, 'report.coordinate'))
      throw new UseCaseError('forbidden', 'Only PSRT members may see repository coverage.');
    if (github && !last && !problem) await check(principal, false);
    return c.render(
      <CoveragePage check={last} problem={problem} configured={github !== null} sandbox={sandbox} />,
    );
  });

  for (const [path, apply] of [
    ['/coverage/check', false],
    ['/coverage/apply', true],
  ] as const) {
    app.post(path, async (c) => {
      // The use-case checks who may; a check already running is the one this waits for.
      await running?.catch(() => {});
      await check(c.get('principal'), apply);
      return c.redirect('/coverage', 303);
    });
  }

  return app;
}
