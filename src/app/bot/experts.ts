// Experts (devguide: the bot adds the code owners of a fix to its advisory):
// the CODEOWNERS of the files changed by pull requests in the advisory's
// temporary private fork get access, each with a grant that expires 14 days
// after the report is finished and that the coordinator can revoke. A person
// who was granted access once is never granted again by the bot (a revoked
// grant stays revoked). Teams are added as their members, so each person's
// access can end on its own. A pull request merged in the fork is one of the
// devguide's forbidden buttons: the coordinator and admins hear of it.
import { ownersOfAll } from '../../domain/bot/codeowners.ts';
import type { Ghsa } from '../../domain/bot/ghsa.ts';
import { forbiddenButtonNotice } from '../../domain/notices.ts';
import type { Report } from '../../domain/report.ts';
import { activeMembers, sameLogin } from '../../domain/roster.ts';
import type { InstallationClient } from '../../github/index.ts';
import { enqueueEffects, getReport, listGrants, listRoster } from '../../store/index.ts';
import { type AppContext, botPrincipal } from '../context.ts';
import { UseCaseError } from '../errors.ts';
import { grantAccess } from '../grants.ts';
import { toOutbox } from '../report-change.ts';

export interface ExpertsFound {
  granted: string[];
  mergedPullRequests: number[];
}

export async function addExperts(
  ctx: AppContext,
  client: InstallationClient,
  reportId: string,
  ghsa: Ghsa,
): Promise<ExpertsFound> {
  const found: ExpertsFound = { granted: [], mergedPullRequests: [] };
  const report = await getReport(ctx.store.db, reportId);
  if (report?.state !== 'accepted' || !ghsa.privateFork || !ghsa.repository) return found;
  const [forkOwner = '', forkName = ''] = ghsa.privateFork.fullName.split('/');
  const pulls = await client.listPullRequests(forkOwner, forkName, { state: 'all' });
  if (pulls.length === 0) return found;

  const merged = pulls.filter((pull) => pull.merged_at);
  if (merged.length > 0)
    await tellOfMerges(
      ctx,
      report,
      merged.map((pull) => pull.number),
    );
  found.mergedPullRequests = merged.map((pull) => pull.number);

  const [owner = '', repo = ''] = ghsa.repository.split('/');
  const codeowners = await client.getCodeowners(owner, repo);
  if (!codeowners) return found;
  const changed = new Map<string, number>();
  for (const pull of pulls) {
    for (const file of await client.listPullRequestFiles(forkOwner, forkName, pull.number)) {
      if (!changed.has(file.filename)) changed.set(file.filename, pull.number);
    }
  }
  const owners = ownersOfAll(codeowners.content, [...changed.keys()]);
  const teamMembers = await Promise.all(
    owners.teams
      .filter((team) => sameLogin(team.split('/')[0] ?? '', owner))
      .map((team) => client.getTeamMembers(owner, team.split('/')[1] ?? '').catch(() => [])),
  );
  const people = [...owners.users, ...teamMembers.flat().map((user) => user.login)];

  const members = activeMembers(await listRoster(ctx.store.db, 'member'));
  const everGranted = await listGrants(ctx.store.db, reportId);
  const reason = `owns files the fix changes (${codeowners.path}), in pull requests of the private fork`;
  for (const login of new Set(people)) {
    if (members.some((m) => sameLogin(m.login, login))) continue; // the PSRT team already collaborates
    if (everGranted.some((grant) => sameLogin(grant.login, login))) continue;
    if (found.granted.some((done) => sameLogin(done, login))) continue;
    try {
      await grantAccess(ctx, botPrincipal, reportId, { login, reason });
      found.granted.push(login);
    } catch (error) {
      // Granted meanwhile by someone else, or the report moved on: nothing for the bot to do.
      if (!(error instanceof UseCaseError)) throw error;
    }
  }
  return found;
}

async function tellOfMerges(ctx: AppContext, report: Report, numbers: number[]): Promise<void> {
  const notices = numbers.map((n) => forbiddenButtonNotice(report, 'merge', `pull request #${n}`));
  await ctx.store.transaction((tx) => enqueueEffects(tx, toOutbox(notices), ctx.now()));
}
