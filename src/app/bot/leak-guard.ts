// The leak guard's look at GitHub: the recently updated issues and pull
// requests and the recent commits of each public repository the App covers,
// searched for the ids of reports still under embargo. Each read is one fixed
// page, revalidated with its ETag: free while nothing changes.
import { leakAlert, leakedReports, type PublicItem } from '../../domain/bot/leak-guard.ts';
import type { Effect } from '../../domain/effects.ts';
import type { Report } from '../../domain/report.ts';
import type { InstallationClient } from '../../github/index.ts';
import { enqueueEffects, listReports } from '../../store/index.ts';
import type { AppContext } from '../context.ts';
import { toOutbox } from '../report-change.ts';

/** Reports whose ids are still secret: open, with a GHSA id or a CVE ID. */
async function embargoedReports(ctx: AppContext): Promise<Report[]> {
  const open: Report[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await listReports(
      ctx.store.db,
      { kind: 'all' },
      { now: ctx.now(), open: true, limit: 500, offset },
    );
    open.push(...page.reports);
    if (page.reports.length < 500) break;
  }
  return open.filter((report) => report.ghsaId !== null || report.cveId !== null);
}

/** Raises the private alerts for whatever of `items` mentions an embargoed id; returns how many are new. */
export async function raiseLeakAlerts(
  ctx: AppContext,
  items: readonly PublicItem[],
  embargoed?: readonly Report[],
): Promise<number> {
  if (items.length === 0) return 0;
  const secret = embargoed ?? (await embargoedReports(ctx));
  const effects: Effect[] = [];
  for (const item of items) {
    for (const report of leakedReports(item, secret)) effects.push(...leakAlert(report, item));
  }
  if (effects.length === 0) return 0;
  return ctx.store.transaction((tx) => enqueueEffects(tx, toOutbox(effects), ctx.now()));
}

/** Looks at every public repository of one installation; returns how many new alerts were raised. */
export async function guardAgainstLeaks(ctx: AppContext, client: InstallationClient): Promise<number> {
  const embargoed = await embargoedReports(ctx);
  if (embargoed.length === 0) return 0;
  const repositories = (await client.listInstallationRepositories()).filter((repo) => !repo.private);
  const items: PublicItem[] = [];
  for (const repository of repositories) {
    const [owner, repo] = [repository.owner.login, repository.name];
    items.push(
      ...(await client.recentIssues(owner, repo)).map((issue) => ({
        label: `${issue.pull_request ? 'pull request' : 'issue'} #${issue.number}`,
        url: issue.html_url,
        text: `${issue.title}\n${issue.body ?? ''}`,
      })),
      ...(await client.recentCommits(owner, repo)).map((commit) => ({
        label: `commit ${commit.sha.slice(0, 10)}`,
        url: commit.html_url,
        text: commit.commit.message,
      })),
    );
  }
  return raiseLeakAlerts(ctx, items, embargoed);
}
