// Seeding the world the simulator serves: users, organizations with owners and members,
// repositories with files, teams, pull requests, and Apps with their installations and keys.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import type { SimContext } from './context.ts';
import { rootCommits } from './git.ts';
import { checkedCallbackUrls, newClientSecret } from './oauth-grants.ts';
import { pseudoSha } from './render-pulls.ts';
import { nextIssueNumber, pullIssue } from './repo-state.ts';
import type { Account, AccountType, Permissions, Pull, PullFile, Repo, RepoRole } from './state.ts';
import { key } from './state.ts';

export interface UserSeed {
  login: string;
  name?: string;
  email?: string;
}

export interface OrgSeed {
  login: string;
  name?: string;
  description?: string;
  members?: string[];
  owners?: string[];
  securityManagers?: string[];
  /** Slugs of teams with the security manager role. */
  securityManagerTeams?: string[];
  /** Base permission of every member on every repository (default `read`). */
  basePermission?: RepoRole | 'none';
}

export interface RepoSeed {
  owner: string;
  name: string;
  private?: boolean;
  description?: string;
  defaultBranch?: string;
  /** Files on the default branch, e.g. `{ '.github/CODEOWNERS': '* @python/psrt' }`. */
  files?: Record<string, string>;
  /** Other branches and their files. */
  branches?: Record<string, Record<string, string>>;
  collaborators?: Record<string, RepoRole>;
  /** Private vulnerability reporting (default: on for public repositories). */
  privateVulnerabilityReporting?: boolean;
}

export interface TeamSeed {
  org: string;
  slug: string;
  name?: string;
  description?: string;
  privacy?: 'closed' | 'secret';
  /** Slug of the parent team. */
  parent?: string;
  members?: (string | { login: string; role?: 'member' | 'maintainer' })[];
  /** Repository name (in the org) → the team's role on it. */
  repositories?: Record<string, RepoRole>;
}

export interface PullSeed {
  owner: string;
  repo: string;
  title: string;
  user: string;
  number?: number;
  body?: string;
  state?: 'open' | 'closed';
  merged?: boolean;
  draft?: boolean;
  /** `repo` is `owner/name` of the head repository (default: the same repository). */
  head?: { ref: string; repo?: string; sha?: string };
  base?: { ref?: string; sha?: string };
  files?: PullFile[];
}

export interface AppSeed {
  name: string;
  slug?: string;
  owner?: string;
  description?: string;
  /** Include `repository_advisories` (the spec's app-permissions lacks it; GitHub has it). */
  permissions: Permissions;
  events?: string[];
  /** A PEM key to reuse instead of generating one (2048-bit RSA takes a while; tests share one). */
  privateKey?: string;
  /** Where "Sign in with GitHub" may return to (up to 10; the first is the default). */
  callbackUrls?: string[];
  /** The homepage URL (`external_url`; default: the App's page on GitHub). */
  url?: string;
  /** The App's webhook (a manifest's `hook_attributes`): GitHub makes its secret. */
  webhook?: { url: string; active: boolean };
  installations?: { account: string; repositories?: 'all' | string[]; permissions?: Permissions }[];
}

export interface CreatedApp {
  appId: number;
  clientId: string;
  slug: string;
  /** PKCS#8 PEM, as GitHub's "Generate a private key" hands out (theirs are PKCS#1). */
  privateKey: string;
  /** The OAuth web flow's client secret ("Generate a new client secret"). */
  clientSecret: string;
  callbackUrls: string[];
  installations: { id: number; account: string }[];
}

export function ensureAccount(
  ctx: SimContext,
  login: string,
  type: AccountType = 'User',
  name?: string,
): Account {
  const existing = ctx.state.account(login);
  if (existing) return existing;
  const account: Account = {
    id: ctx.state.nextId('account'),
    login,
    type,
    name: name ?? null,
    email: null,
    createdAt: ctx.clock.now(),
  };
  ctx.state.accounts.set(account.id, account);
  ctx.state.logins.set(key(login), account);
  return account;
}

export function addUser(ctx: SimContext, seed: UserSeed): Account {
  const user = ensureAccount(ctx, seed.login, 'User', seed.name);
  if (seed.name !== undefined) user.name = seed.name;
  if (seed.email !== undefined) user.email = seed.email;
  return user;
}

export function addOrg(ctx: SimContext, seed: OrgSeed): Account {
  const account = ensureAccount(ctx, seed.login, 'Organization', seed.name);
  const org = ctx.state.orgs.get(key(seed.login)) ?? {
    account,
    members: new Map(),
    securityManagers: new Set<string>(),
    securityManagerTeams: new Set<string>(),
    basePermission: seed.basePermission ?? 'read',
    description: seed.description ?? null,
  };
  for (const login of seed.members ?? []) org.members.set(key(ensureAccount(ctx, login).login), 'member');
  for (const login of seed.owners ?? []) org.members.set(key(ensureAccount(ctx, login).login), 'admin');
  for (const login of seed.securityManagers ?? [])
    org.securityManagers.add(key(ensureAccount(ctx, login).login));
  for (const slug of seed.securityManagerTeams ?? []) org.securityManagerTeams.add(slug.toLowerCase());
  if (seed.basePermission) org.basePermission = seed.basePermission;
  ctx.state.orgs.set(key(seed.login), org);
  return account;
}

export function addRepo(ctx: SimContext, seed: RepoSeed): Repo {
  if (ctx.state.repo(seed.owner, seed.name))
    throw new Error(`repository ${seed.owner}/${seed.name} already exists`);
  const owner = ensureAccount(ctx, seed.owner);
  const now = ctx.clock.now();
  const defaultBranch = seed.defaultBranch ?? 'main';
  const branches = new Map<string, Map<string, string>>();
  branches.set(defaultBranch, new Map(Object.entries(seed.files ?? {})));
  for (const [ref, files] of Object.entries(seed.branches ?? {}))
    branches.set(ref, new Map(Object.entries(files)));
  const repo: Repo = {
    id: ctx.state.nextId('repo'),
    ownerId: owner.id,
    name: seed.name,
    private: seed.private ?? false,
    description: seed.description ?? null,
    defaultBranch,
    branches,
    collaborators: new Map(
      Object.entries(seed.collaborators ?? {}).map(([login, role]) => [
        key(ensureAccount(ctx, login).login),
        role,
      ]),
    ),
    pvrEnabled: seed.privateVulnerabilityReporting ?? !(seed.private ?? false),
    fork: false,
    parentId: null,
    advisoryGhsa: null,
    readyAt: new Date(0),
    pulls: [],
    issues: [],
    issueComments: [],
    commits: new Map(),
    heads: new Map(),
    tags: new Map(),
    createdAt: now,
    updatedAt: now,
    pushedAt: now,
  };
  rootCommits(repo);
  ctx.state.repos.set(repo.id, repo);
  return repo;
}

export function findSeedRepo(ctx: SimContext, owner: string, name: string): Repo {
  const repo = ctx.state.repo(owner, name);
  if (!repo) throw new Error(`no repository ${owner}/${name}`);
  return repo;
}

export function addTeam(ctx: SimContext, seed: TeamSeed) {
  const org = ctx.state.orgs.get(key(seed.org));
  if (!org) throw new Error(`no organization ${seed.org}: add it first`);
  const parent = seed.parent === undefined ? undefined : ctx.state.team(seed.org, seed.parent);
  if (seed.parent !== undefined && !parent) throw new Error(`no team ${seed.org}/${seed.parent}`);
  const now = ctx.clock.now();
  const team = ctx.state.team(seed.org, seed.slug) ?? {
    id: ctx.state.nextId('team'),
    orgId: org.account.id,
    slug: seed.slug.toLowerCase(),
    name: seed.name ?? seed.slug,
    description: seed.description ?? null,
    privacy: seed.privacy ?? 'closed',
    parentId: parent?.id ?? null,
    members: new Map(),
    repos: new Map(),
    createdAt: now,
    updatedAt: now,
  };
  for (const m of seed.members ?? []) {
    const { login, role = 'member' } = typeof m === 'string' ? { login: m } : m;
    const user = ensureAccount(ctx, login);
    // Team members are organization members; adding one to a team makes it so.
    if (!org.members.has(key(user.login))) org.members.set(key(user.login), 'member');
    team.members.set(key(user.login), role);
  }
  for (const [name, role] of Object.entries(seed.repositories ?? {})) {
    team.repos.set(findSeedRepo(ctx, seed.org, name).id, role);
  }
  ctx.state.teams.set(team.id, team);
  return team;
}

export function addPull(ctx: SimContext, seed: PullSeed) {
  const repo = findSeedRepo(ctx, seed.owner, seed.repo);
  const user = ensureAccount(ctx, seed.user);
  const [headOwner, headName] = (seed.head?.repo ?? `${seed.owner}/${seed.repo}`).split('/');
  const headRepo = findSeedRepo(ctx, headOwner ?? '', headName ?? '');
  const now = ctx.clock.now();
  // A pull request is also an issue: one number sequence for both.
  const number = seed.number ?? nextIssueNumber(repo);
  const closed = seed.state === 'closed' || seed.merged === true;
  const pull: Pull = {
    id: ctx.state.nextId('pull'),
    number,
    title: seed.title,
    body: seed.body ?? null,
    userId: user.id,
    state: closed ? ('closed' as const) : ('open' as const),
    draft: seed.draft ?? false,
    merged: seed.merged ?? false,
    head: {
      ref: seed.head?.ref ?? `patch-${number}`,
      sha: seed.head?.sha ?? pseudoSha(`head:${repo.id}:${number}:${randomInt(1e9)}`),
      repoId: headRepo.id,
    },
    base: {
      ref: seed.base?.ref ?? repo.defaultBranch,
      sha: seed.base?.sha ?? pseudoSha(`base:${repo.id}:${number}`),
    },
    files: seed.files ?? [],
    createdAt: now,
    updatedAt: now,
    closedAt: closed ? now : null,
    mergedAt: seed.merged ? now : null,
    mergedById: seed.merged ? repo.ownerId : null,
    mergeCommitSha: seed.merged ? pseudoSha(`merge:${repo.id}:${number}`) : null,
  };
  repo.pulls.push(pull);
  repo.issues.push(pullIssue(ctx.state.nextId('issue'), pull));
  return pull;
}

const base62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function createApp(ctx: SimContext, seed: AppSeed): CreatedApp {
  const privateKey = seed.privateKey
    ? createPrivateKey(seed.privateKey)
    : generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const slug = seed.slug ?? seed.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const ownerLogin = seed.owner ?? seed.installations?.[0]?.account ?? 'sim-app-owner';
  const owner = ensureAccount(ctx, ownerLogin);
  const bot = ensureAccount(ctx, `${slug}[bot]`, 'Bot');
  const now = ctx.clock.now();
  const permissions: Permissions = { metadata: 'read', ...seed.permissions };
  const events = seed.events ?? [];
  const app = {
    id: ctx.state.nextId('app'),
    clientId: `Iv23li${Array.from({ length: 14 }, () => base62[randomInt(62)]).join('')}`,
    slug,
    name: seed.name,
    description: seed.description ?? null,
    ownerId: owner.id,
    botId: bot.id,
    publicKey: createPublicKey(privateKey),
    privateKey,
    permissions,
    events,
    clientSecret: newClientSecret(),
    callbackUrls: checkedCallbackUrls(seed.callbackUrls ?? []),
    homepageUrl: seed.url ?? null,
    webhook: seed.webhook ? { ...seed.webhook, secret: randomBytes(20).toString('hex') } : null,
    createdAt: now,
  };
  ctx.state.apps.set(app.id, app);
  (seed.installations ?? []).forEach((spec) => {
    const account = ensureAccount(ctx, spec.account);
    const names = spec.repositories ?? 'all';
    const installation = {
      id: ctx.state.nextId('installation'),
      appId: app.id,
      accountId: account.id,
      selection: names === 'all' ? ('all' as const) : ('selected' as const),
      repoIds: new Set(names === 'all' ? [] : names.map((n) => findSeedRepo(ctx, account.login, n).id)),
      permissions: { metadata: 'read' as const, ...(spec.permissions ?? seed.permissions) },
      events,
      createdAt: now,
      updatedAt: now,
    };
    ctx.state.installations.set(installation.id, installation);
  });
  return appCredentials(ctx, app.id);
}

function appOf(ctx: SimContext, appIdOrSlug: number | string) {
  const app = [...ctx.state.apps.values()].find((a) => a.id === appIdOrSlug || a.slug === appIdOrSlug);
  if (!app) throw new Error(`no App ${appIdOrSlug}`);
  return app;
}

/** The App settings page's "Callback URL" list, replaced whole; answers what the owner holds. */
export function setCallbackUrls(ctx: SimContext, appIdOrSlug: number | string, urls: string[]): CreatedApp {
  appOf(ctx, appIdOrSlug).callbackUrls = checkedCallbackUrls(urls);
  return appCredentials(ctx, appIdOrSlug);
}

/**
 * The App asks for these permissions and events, and every installation accepts them (as an
 * organisation owner does when GitHub shows the App's new permissions): tokens made from now on
 * carry them.
 */
export function grantAppPermissions(
  ctx: SimContext,
  appIdOrSlug: number | string,
  wanted: { permissions: Permissions; events: string[] },
): void {
  const app = appOf(ctx, appIdOrSlug);
  app.permissions = { ...wanted.permissions };
  app.events = [...wanted.events];
  for (const installation of ctx.state.installations.values()) {
    if (installation.appId !== app.id) continue;
    installation.permissions = { ...wanted.permissions };
    installation.events = [...wanted.events];
    installation.updatedAt = ctx.clock.now();
  }
}

/** What the App's owner holds: its ids, its private key, its OAuth client and where it is installed. */
export function appCredentials(ctx: SimContext, appIdOrSlug: number | string): CreatedApp {
  const app = appOf(ctx, appIdOrSlug);
  const installations = [...ctx.state.installations.values()]
    .filter((i) => i.appId === app.id)
    .map((i) => ({ id: i.id, account: ctx.state.accountById(i.accountId).login }));
  const privateKey = app.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    appId: app.id,
    clientId: app.clientId,
    slug: app.slug,
    privateKey,
    clientSecret: app.clientSecret,
    callbackUrls: [...app.callbackUrls],
    installations,
  };
}
