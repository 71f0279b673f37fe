// Keeping the venues in sync with the member list (PEP 811, admins): reads the
// GitHub team and the devguide's published CSVs, compares every venue with the
// roster, applies the team's plan through the REST API, and records a mailing
// list or Discord plan as applied once a person has applied it.
import type { Principal } from '../domain/report.ts';
import { loginKey, sameLogin } from '../domain/roster.ts';
import {
  devguideFileDrift,
  devguideFiles,
  isProblem,
  type OnItsWay,
  type RosterDrift,
  type TargetProblem,
  type TeamDrift,
  teamDrift,
  teamPlanDigest,
  type Venue,
  type VenueDrift,
  venueDrift,
} from '../domain/roster-drift.ts';
import type { GitHubClient, InstallationClient } from '../github/index.ts';
import { serializeRosterCsv } from '../records/roster-csv.ts';
import {
  appendAudit,
  getVenueState,
  listMemberContacts,
  listPendingMembershipChanges,
  listRoster,
  listTeamInvitations,
  recordTeamInvitation,
  saveVenueState,
  type VenueState,
} from '../store/index.ts';
import { authorize } from './authorize.ts';
import { organisations } from './bot/installations.ts';
import { type AppContext, actorName, membershipSettingsOf, psrtTeamOf } from './context.ts';
import { safeErrorMessage, UseCaseError } from './errors.ts';

const notConfigured =
  'GitHub is not configured (github.appId and GITHUB_APP_PRIVATE_KEY): psrt reads it there.';

/** The App's installation on an organisation, or why there is none. */
async function installationOn(
  ctx: AppContext,
  github: GitHubClient | null,
  org: string,
): Promise<InstallationClient | TargetProblem> {
  if (!github) return { problem: notConfigured };
  const found = (await organisations(github, ctx.now())).find((o) => sameLogin(o.org, org));
  return found?.client ?? { problem: `The GitHub App is not installed on ${org}: install it there.` };
}

/** Reads a target, turning GitHub's refusals into a problem to show (they name no report). */
async function reading<T>(read: () => Promise<T | TargetProblem>): Promise<T | TargetProblem> {
  try {
    return await read();
  } catch (error) {
    return { problem: `GitHub answered: ${safeErrorMessage(error)}` };
  }
}

/** The current venue lists an admin gave, when asking for a plan. */
export type GivenLists = Partial<Record<Venue, readonly string[]>>;

async function onItsWay(ctx: AppContext): Promise<OnItsWay[]> {
  const pending = await listPendingMembershipChanges(ctx.store.db);
  return pending.map(({ login, name, kind }) => ({ login, name, kind }));
}

async function readTeamDrift(
  ctx: AppContext,
  github: GitHubClient | null,
): Promise<TeamDrift | TargetProblem> {
  const { org, team } = psrtTeamOf(ctx);
  return reading(async () => {
    const client = await installationOn(ctx, github, org);
    if (isProblem(client)) return client;
    const members = await client.getTeamMembers(org, team);
    return teamDrift({
      team: `${org}/${team}`,
      roster: await listRoster(ctx.store.db, 'member'),
      teamLogins: members.map((member) => member.login),
      invitations: await listTeamInvitations(ctx.store.db),
      pending: await onItsWay(ctx),
      now: ctx.now(),
    });
  });
}

/** One venue's plan, against the given list, else the last plan marked applied, else nothing known. */
async function readVenueDrift(ctx: AppContext, venue: Venue, given?: readonly string[]): Promise<VenueDrift> {
  const contacts = new Map<string, string>();
  for (const contact of await listMemberContacts(ctx.store.db)) {
    const value = venue === 'mailing-list' ? contact.email : contact.discord;
    if (value) contacts.set(loginKey(contact.login), value);
  }
  const state = given ? null : await getVenueState(ctx.store.db, venue);
  return venueDrift({
    venue,
    roster: await listRoster(ctx.store.db, 'member'),
    contacts,
    current: given ?? state?.holds ?? null,
    basis: given
      ? { kind: 'given' }
      : state
        ? { kind: 'last-applied', at: state.appliedAt, by: state.appliedBy }
        : { kind: 'unknown' },
    pending: await onItsWay(ctx),
  });
}

/** The devguide files psrt's roster exports: the content of a devguide pull request. */
export async function devguideExport(ctx: AppContext): Promise<{ path: string; content: string }[]> {
  const roster = await listRoster(ctx.store.db);
  return (['member', 'emeritus'] as const).map((list) => ({
    path: devguideFiles[list],
    content: serializeRosterCsv(roster.filter((entry) => entry.list === list)),
  }));
}

async function readDevguideDrift(ctx: AppContext, github: GitHubClient | null) {
  const [owner = '', repo = ''] = membershipSettingsOf(ctx).devguideRepository.split('/');
  return reading(async () => {
    const client = await installationOn(ctx, github, owner);
    if (isProblem(client)) return client;
    const files = await devguideExport(ctx);
    return Promise.all(
      files.map(async (file) =>
        devguideFileDrift(file.path, await client.getFileText(owner, repo, file.path), file.content),
      ),
    );
  });
}

/** Every venue against the member list; no permission check (the scheduled check). */
export async function computeDrift(
  ctx: AppContext,
  github: GitHubClient | null,
  given: GivenLists = {},
): Promise<RosterDrift> {
  const [team, mailingList, discord, devguide] = await Promise.all([
    readTeamDrift(ctx, github),
    readVenueDrift(ctx, 'mailing-list', given['mailing-list']),
    readVenueDrift(ctx, 'discord', given.discord),
    readDevguideDrift(ctx, github),
  ]);
  return { at: ctx.now(), team, mailingList, discord, devguide };
}

/** Every venue's differences from the member list and its plan (admins). */
export function rosterDriftAs(
  ctx: AppContext,
  actor: Principal,
  github: GitHubClient | null,
  given: GivenLists = {},
): Promise<RosterDrift> {
  authorize(actor, 'roster.sync');
  return computeDrift(ctx, github, given);
}

/** One venue's plan (admins): against the list given, else what it is believed to hold. */
export function venuePlanAs(
  ctx: AppContext,
  actor: Principal,
  venue: Venue,
  given?: readonly string[],
): Promise<VenueDrift> {
  authorize(actor, 'roster.sync');
  return readVenueDrift(ctx, venue, given);
}

export interface TeamSyncResult {
  team: string;
  /** The plan's digest as applied. */
  plan: string;
  added: { login: string; state: string }[];
  removed: string[];
}

/**
 * Applies the team's plan (admins): PUT the membership of each member not on
 * the team, DELETE that of each team member who is not a PSRT member, each
 * audited as it happens. With `plan` (the digest shown with the plan), refuses
 * when the plan has changed since it was shown.
 */
export async function applyTeamSyncAs(
  ctx: AppContext,
  actor: Principal,
  github: GitHubClient | null,
  input: { plan?: string | undefined } = {},
): Promise<TeamSyncResult> {
  authorize(actor, 'roster.sync');
  const { org, team } = psrtTeamOf(ctx);
  const drift = await readTeamDrift(ctx, github);
  if (isProblem(drift)) throw new UseCaseError('refused', drift.problem);
  const digest = teamPlanDigest(drift);
  if (input.plan !== undefined && input.plan !== digest)
    throw new UseCaseError(
      'conflict',
      `The team's plan changed since it was shown (plan ${input.plan}, now ${digest}): look at the new plan and apply it again.`,
    );
  if (drift.remove.length > 0 && (await listRoster(ctx.store.db, 'member')).length === 0)
    throw new UseCaseError('refused', 'The roster has no members yet: import it before syncing the team.');
  const client = (await installationOn(ctx, github, org)) as InstallationClient;
  const result: TeamSyncResult = { team: drift.team, plan: digest, added: [], removed: [] };
  const audit = (action: string, change: Record<string, unknown>) =>
    ctx.store.transaction(async (tx) => {
      if (change.state === 'pending')
        await recordTeamInvitation(tx, {
          login: String(change.login),
          invitedBy: actorName(actor),
          invitedAt: ctx.now(),
        });
      await appendAudit(tx, { actor: actorName(actor), action, subject: 'roster', at: ctx.now(), change });
    });
  for (const person of drift.add) {
    const membership = await client.addTeamMembership(org, team, person.login);
    result.added.push({ login: person.login, state: membership.state });
    await audit('team.member-added', {
      team: drift.team,
      login: person.login,
      state: membership.state,
      plan: digest,
    });
  }
  for (const { login } of drift.remove) {
    await client.removeTeamMembership(org, team, login);
    result.removed.push(login);
    await audit('team.member-removed', {
      team: drift.team,
      login,
      reason: 'not a PSRT member',
      plan: digest,
    });
  }
  return result;
}

/**
 * Records that an admin applied a venue's plan (psrt never changes the
 * mailing list or Discord itself): the venue is believed to hold the plan's
 * result from now on, and later plans compare with that.
 */
export async function markVenuePlanAppliedAs(
  ctx: AppContext,
  actor: Principal,
  venue: Venue,
  given?: readonly string[],
): Promise<VenueState> {
  authorize(actor, 'roster.sync');
  const plan = await readVenueDrift(ctx, venue, given);
  const state: VenueState = { venue, holds: plan.after, appliedBy: actorName(actor), appliedAt: ctx.now() };
  await ctx.store.transaction(async (tx) => {
    await saveVenueState(tx, state);
    await appendAudit(tx, {
      actor: state.appliedBy,
      action: 'roster.venue-plan-applied',
      subject: 'roster',
      at: state.appliedAt,
      change: {
        venue,
        added: plan.add.map((entry) => entry.value),
        removed: plan.remove.map((entry) => entry.value),
        holds: plan.after.length,
      },
    });
  });
  return state;
}
