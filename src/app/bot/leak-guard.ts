// The leak guard's look at GitHub, behind the `issues`, `pull_request` and
// `push` webhooks: public issues, pull requests and commit messages of the
// repositories the App covers, searched for the ids of reports still under
// embargo.
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

/** An hour: the search below looks back one to two hours, its query changing on the hour. */
const searchWindowMs = 3_600_000;

/** Per store: each repository's `pushed_at` when its commits were last read. */
const commitsReadAt = new WeakMap<object, Map<string, string>>();

/**
 * The poller's look for leaks the webhooks did not bring (a delivery lost or refused): the
 * issues and pull requests of the organisation's public repositories updated in the last hour or
 * two, in one search, and the recent commits of the public repositories pushed to since the
 * last look. Every request repeats while nothing changes, so each is a free 304; after the
 * hourly token change, the search and the repository list are read again, not each repository.
 * Returns how many new alerts were raised.
 */
export async function guardAgainstLeaks(
  ctx: AppContext,
  client: InstallationClient,
  org: string,
): Promise<number> {
  const embargoed = await embargoedReports(ctx);
  if (embargoed.length === 0) return 0;
  const repositories = (await client.listInstallationRepositories()).filter((repo) => !repo.private);
  const since = new Date(Math.floor(ctx.now().getTime() / searchWindowMs) * searchWindowMs - searchWindowMs);
  const items: PublicItem[] = (await client.searchPublicIssues(org, since)).map((issue) => ({
    label: `${issue.pull_request ? 'pull request' : 'issue'} #${issue.number}`,
    url: issue.html_url,
    text: `${issue.title}\n${issue.body ?? ''}`,
  }));
  const pushedAt = commitsReadAt.get(ctx.store) ?? new Map<string, string>();
  commitsReadAt.set(ctx.store, pushedAt);
  const pushed = repositories.filter(
    (repo) => repo.pushed_at && pushedAt.get(repo.full_name) !== repo.pushed_at,
  );
  for (const repository of pushed) {
    const [owner, repo] = [repository.owner.login, repository.name];
    items.push(
      ...(await client.recentCommits(owner, repo)).map((commit) => ({
        label: `commit ${commit.sha.slice(0, 10)}`,
        url: commit.html_url,
        text: commit.commit.message,
      })),
    );
  }
  const raised = await raiseLeakAlerts(ctx, items, embargoed);
  for (const repository of pushed) pushedAt.set(repository.full_name, repository.pushed_at ?? '');
  return raised;
}
