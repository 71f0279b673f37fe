// The poller: what webhooks don't announce (GitHub sends `repository_advisory`
// only when a report comes in and when an advisory is published), seen by
// reading each organisation's open advisories, triage and draft, all pages.
// The GitHub client revalidates every page with its ETag, so a list that has
// not changed costs a 304 and nothing against the rate limit. An advisory
// that left the open lists (closed or published) is read once by itself.
import { canonicalJson } from '../../domain/audit.ts';
import { commandsIn } from '../../domain/bot/commands.ts';
import { creditTypeFromGitHub, type Ghsa } from '../../domain/bot/ghsa.ts';
import { activeMembers, sameLogin } from '../../domain/roster.ts';
import {
  commentCountOf,
  type GitHubClient,
  type InstallationClient,
  mirrorAdvisory,
  type RepositoryAdvisory,
} from '../../github/index.ts';
import {
  listRoster,
  listSightings,
  recordCommentsRead,
  recordGhsaComments,
  type Sighting,
} from '../../store/index.ts';
import type { AppContext } from '../context.ts';
import type { Leader } from '../leader.ts';
import { answerComment, type Standing, standingOf } from './commands.ts';
import { addExperts } from './experts.ts';
import { type Organisation, organisations } from './installations.ts';
import { guardAgainstLeaks } from './leak-guard.ts';
import { type BotSettings, observeAdvisory } from './observe.ts';

export interface PollReport {
  organisations: number;
  /** Advisories in the open lists. */
  open: number;
  /** Sightings mirrored (new or changed advisories). */
  mirrored: number;
  /** Reports opened for advisories psrt had not seen. */
  opened: number;
  /** Comments whose commands were carried out and answered. */
  commands: number;
  /** Code owners given access to advisories whose private fork changes their files. */
  experts: number;
  /** New alerts of embargoed ids seen in public issues, pull requests or commits. */
  leaks: number;
}

/** The fields of a GitHub advisory the bot acts on. */
export function ghsaOf(advisory: RepositoryAdvisory): Ghsa {
  const m = mirrorAdvisory(advisory);
  return {
    ghsaId: m.ghsaId,
    repository: m.repository,
    state: m.state,
    title: m.title,
    description: m.description,
    cveId: m.cveId,
    cvssVector: m.cvssVector,
    affected: m.affected,
    coordinator: m.coordinator,
    credits: m.credits.map((credit) => ({
      login: credit.login,
      type: creditTypeFromGitHub(credit.type),
      state: credit.state,
    })),
    cweIds: m.cweIds,
    collaboratingUsers: m.collaboratingUsers,
    collaboratingTeams: m.collaboratingTeams,
    privateFork: m.privateFork ? { fullName: m.privateFork.fullName } : null,
    author: m.author,
    privatelyReported: m.privatelyReported,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    publishedAt: m.publishedAt,
  };
}

/**
 * One look at every organisation's open advisories; mirrors what changed since
 * the last look. Each organisation's installation has its own rate limit, so
 * one that fails (its limit used up, GitHub down for it) does not keep the
 * others from being looked at; the first failure is thrown afterwards.
 */
export async function pollAdvisories(
  ctx: AppContext,
  github: GitHubClient,
  bot: BotSettings,
): Promise<PollReport> {
  const report: PollReport = {
    organisations: 0,
    open: 0,
    mirrored: 0,
    opened: 0,
    commands: 0,
    experts: 0,
    leaks: 0,
  };
  const lastSeen = new Map((await listSightings(ctx.store.db)).map((s) => [s.ghsaId, s] as const));
  const failures: unknown[] = [];
  for (const organisation of await organisations(github, ctx.now())) {
    report.organisations++;
    try {
      await pollOrganisation(ctx, bot, organisation, lastSeen, report);
    } catch (error) {
      ctx.log.warn(
        { org: organisation.org, error: error instanceof Error ? error.message : String(error) },
        'the poll of one organisation failed; the others were polled',
      );
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
  return report;
}

async function pollOrganisation(
  ctx: AppContext,
  bot: BotSettings,
  { org, client }: Organisation,
  lastSeen: ReadonlyMap<string, Sighting>,
  report: PollReport,
): Promise<void> {
  const listed = [
    ...(await client.listOrgAdvisories(org, { state: 'triage' })),
    ...(await client.listOrgAdvisories(org, { state: 'draft' })),
  ];
  const open = listed.map(ghsaOf);
  const commentCounts = new Map(listed.map((advisory) => [advisory.ghsa_id, commentCountOf(advisory)]));
  report.open += open.length;
  const openIds = new Set(open.map((ghsa) => ghsa.ghsaId));
  // Open when last seen and no longer in the open lists: closed or published since.
  const left = [...lastSeen.values()].filter(
    (s) =>
      (s.ghsa?.state === 'triage' || s.ghsa?.state === 'draft') &&
      sameLogin(s.repository.split('/')[0] ?? '', org) &&
      !openIds.has(s.ghsaId),
  );
  const moved = await Promise.all(
    left.map(async (s) => {
      const [owner = '', repo = ''] = s.repository.split('/');
      return ghsaOf(await client.getAdvisory(owner, repo, s.ghsaId));
    }),
  );
  for (const ghsa of [...open, ...moved]) {
    // Unchanged since the last sighting: nothing to mirror. (Compared whole: GitHub's
    // `updated_at` has whole seconds, and two edits may share one.)
    const seen = lastSeen.get(ghsa.ghsaId)?.ghsa;
    if (seen && canonicalJson(seen) === canonicalJson(ghsa)) continue;
    const observed = await observeAdvisory(ctx, bot, ghsa);
    if (observed.outcome === 'mirrored') {
      report.mirrored++;
      if (observed.created) report.opened++;
    }
  }
  // Read once after mirroring: an advisory seen for the first time has its report now.
  const sightings = await listSightings(ctx.store.db, { ghsaIds: open.map((ghsa) => ghsa.ghsaId) });
  for (const ghsa of open) {
    const sighting = sightings.find((s) => s.ghsaId === ghsa.ghsaId);
    if (!sighting?.reportId) continue;
    const count = commentCounts.get(ghsa.ghsaId);
    report.commands += await answerNewComments(ctx, client, bot, ghsa, sighting, count);
    if (ghsa.privateFork)
      report.experts += (await addExperts(ctx, client, sighting.reportId, ghsa)).granted.length;
  }
  report.leaks += await guardAgainstLeaks(ctx, client, org);
}

/**
 * Answers the commands in an open advisory's comments when GitHub counts a
 * comment the bot has not read (`count`, the comments preview's count on the
 * advisory): reading every advisory's comments at every poll would cost one
 * request each after the hourly token change, since GitHub's ETags belong to
 * one token. Without a count the comments are read at every poll (a 304 while
 * unchanged). A comment edited to add a command is not seen by its count.
 */
async function answerNewComments(
  ctx: AppContext,
  client: InstallationClient,
  bot: BotSettings,
  ghsa: Ghsa,
  sighting: Sighting,
  count: number | null = null,
): Promise<number> {
  if (count !== null && count === sighting.commentsRead) return 0;
  const answered = count === 0 ? 0 : await answerCommands(ctx, client, bot, ghsa, sighting);
  if (count !== null) await recordCommentsRead(ctx.store.db, ghsa.ghsaId, count);
  return answered;
}

/**
 * Reads an open advisory's comments, notes who wrote each (activity), and answers the commands
 * in those written since psrt began watching it.
 */
async function answerCommands(
  ctx: AppContext,
  client: InstallationClient,
  bot: BotSettings,
  ghsa: Ghsa,
  sighting: Sighting,
): Promise<number> {
  const reportId = sighting.reportId;
  if (!reportId || ghsa.repository === null) return 0;
  const [owner = '', repo = ''] = ghsa.repository.split('/');
  const comments = await client.listComments(owner, repo, ghsa.ghsaId);
  // Who commented, and when, is a member's activity on the report (the inactivity report).
  await recordGhsaComments(
    ctx.store.db,
    comments.flatMap((comment) =>
      comment.author?.login && !comment.author.login.endsWith('[bot]')
        ? [
            {
              commentId: comment.id,
              ghsaId: ghsa.ghsaId,
              reportId,
              author: comment.author.login,
              writtenAt: new Date(comment.created_at),
            },
          ]
        : [],
    ),
  );
  const addressed = comments.filter(
    (comment) =>
      new Date(comment.created_at) >= sighting.firstSeenAt &&
      comment.author?.login &&
      !comment.author.login.endsWith('[bot]') &&
      commandsIn(comment.body, bot.name).length > 0,
  );
  if (addressed.length === 0) return 0;
  const members = activeMembers(await listRoster(ctx.store.db, 'member')).flatMap((m) =>
    m.login ? [m.login] : [],
  );
  let answered = 0;
  for (const comment of addressed) {
    const author = comment.author?.login ?? '';
    const standing = await standingOnGitHub(client, owner, repo, author, members, ghsa);
    if (await answerComment(ctx, bot.name, { ghsa, reportId, comment }, standing)) answered++;
  }
  return answered;
}

/**
 * One look at GitHub if this instance leads; null when another instance does.
 * Two instances polling would not act twice (every effect is keyed), but would
 * spend the rate limit twice.
 */
export async function pollAsLeader(
  ctx: AppContext,
  leader: Leader,
  github: GitHubClient,
  bot: BotSettings,
): Promise<PollReport | null> {
  if (!(await leader.lead())) return null;
  return pollAdvisories(ctx, github, bot);
}

/**
 * How a commenter stands towards the advisory: a PSRT member (the roster), a
 * repository admin (asked of GitHub only for non-members), a collaborator
 * (named on the advisory, its author, or on a team collaborating on it), or
 * none of these.
 */
async function standingOnGitHub(
  client: InstallationClient,
  owner: string,
  repo: string,
  author: string,
  members: readonly string[],
  ghsa: Ghsa,
): Promise<Standing> {
  const named = standingOf(author, members, ghsa);
  if (named === 'member') return named;
  if ((await client.getCollaboratorPermission(owner, repo, author))?.permission === 'admin') return 'admin';
  if (named === 'collaborator') return named;
  for (const team of ghsa.collaboratingTeams) {
    const membership = await client.getTeamMembership(owner, team, author).catch(() => null);
    if (membership?.state === 'active') return 'collaborator';
  }
  return 'stranger';
}
