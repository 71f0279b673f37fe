// The organisations the GitHub App is installed on, each with its installation
// client, the roster members each organisation's PSRT team cannot hold, and
// the names credited people give on GitHub. All are asked of GitHub rarely and
// kept a while: the App's own requests (with a JWT that changes) cannot be
// revalidated for free.
import { activeMembers, sameLogin } from '../../domain/roster.ts';
import type { GitHubClient, InstallationClient } from '../../github/index.ts';
import { listRoster } from '../../store/index.ts';
import type { AppContext } from '../context.ts';
import type { BotSettings } from './observe.ts';

const installationsTtlMs = 10 * 60_000;
const installationsSeen = new WeakMap<GitHubClient, { at: number; orgs: Promise<Organisation[]> }>();

export interface Organisation {
  org: string;
  client: InstallationClient;
}

/**
 * The organisations the App is installed on, each with its installation;
 * asked of GitHub at most every ten minutes (as the App, whose tokens change,
 * so the answer cannot be revalidated for free).
 */
export function organisations(github: GitHubClient, now: Date): Promise<Organisation[]> {
  const seen = installationsSeen.get(github);
  if (seen && now.getTime() - seen.at >= 0 && now.getTime() - seen.at < installationsTtlMs) return seen.orgs;
  const orgs = github.listInstallations().then((installations) =>
    installations.flatMap((installation) => {
      const account = installation.account;
      if (!account || !('login' in account) || account.type !== 'Organization') return [];
      return [{ org: account.login, client: github.forInstallation(installation.id) }];
    }),
  );
  orgs.catch(() => installationsSeen.delete(github));
  installationsSeen.set(github, { at: now.getTime(), orgs });
  return orgs;
}

/**
 * Roster members the team cannot hold because they are not in the
 * organisation: the active members who are not on its PSRT team. Asked of
 * GitHub at most once a minute per organisation.
 */
export function outsidersOf(ctx: AppContext, github: GitHubClient, team: string): BotSettings['outsiders'] {
  const cache = new Map<string, { at: number; outsiders: Promise<readonly string[]> }>();
  const lookUp = async (org: string): Promise<readonly string[]> => {
    const installation = (await organisations(github, ctx.now())).find((o) => sameLogin(o.org, org));
    if (!installation) return [];
    const onTeam = await installation.client.getTeamMembers(org, team);
    const members = activeMembers(await listRoster(ctx.store.db, 'member'));
    return members.flatMap((m) =>
      m.login && !onTeam.some((user) => sameLogin(user.login, m.login)) ? [m.login] : [],
    );
  };
  return (repository) => {
    const org = (repository.split('/')[0] ?? '').toLowerCase();
    const cached = cache.get(org);
    const now = ctx.now().getTime();
    if (cached && now - cached.at >= 0 && now - cached.at < 60_000) return cached.outsiders;
    // Unknown when GitHub cannot say (no installation, no access to teams): nobody is added as a user.
    const outsiders = lookUp(org).catch(() => []);
    cache.set(org, { at: now, outsiders });
    return outsiders;
  };
}

/**
 * The name a credited person gives on their GitHub profile, null when they give none (or GitHub
 * does not know the login): what the published records print for their credit. Asked once per
 * login; a failed look-up is not kept, so the sighting that needed it fails and is mirrored again.
 */
export function creditNamesOf(
  ctx: AppContext,
  github: GitHubClient,
): NonNullable<BotSettings['creditNames']> {
  const names = new Map<string, Promise<string | null>>();
  const lookUp = async (repository: string, login: string): Promise<string | null> => {
    const org = repository.split('/')[0] ?? '';
    const installation = (await organisations(github, ctx.now())).find((o) => sameLogin(o.org, org));
    if (!installation) return null;
    const user = await installation.client.getUser(login);
    return user?.name?.trim() || null;
  };
  return (repository, login) => {
    const key = login.toLowerCase();
    const known = names.get(key);
    if (known) return known;
    const name = lookUp(repository, login);
    name.catch(() => names.delete(key));
    names.set(key, name);
    return name;
  };
}
