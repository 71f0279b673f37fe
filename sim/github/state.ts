// The simulator's in-memory model of GitHub: accounts, repositories, teams, Apps, installations,
// tokens, advisories and their comments, with GitHub-shaped ids and a clock tests can move.
// Plain data and lookups only; who may see what is decided in access.ts.

import type { KeyObject } from 'node:crypto';
import { randomInt } from 'node:crypto';
import type { Commit, Issue, IssueComment } from './repo-state.ts';

export type RepoRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read';
export type AccountType = 'User' | 'Organization' | 'Bot';
export type AdvisoryState = 'published' | 'closed' | 'withdrawn' | 'draft' | 'triage';
export type Severity = 'critical' | 'high' | 'medium' | 'low';
export type CreditState = 'accepted' | 'declined' | 'pending';
export type Permissions = Record<string, 'read' | 'write' | 'admin'>;

export interface Account {
  id: number;
  login: string;
  type: AccountType;
  name: string | null;
  email: string | null;
  createdAt: Date;
}

export interface Org {
  account: Account;
  /** Lower-cased login → role; `admin` is an organization owner. */
  members: Map<string, 'member' | 'admin'>;
  securityManagers: Set<string>;
  /** Slugs of teams holding the security manager role. */
  securityManagerTeams: Set<string>;
  /** What every member gets on every repository ("base permissions"). */
  basePermission: RepoRole | 'none';
  description: string | null;
}

export interface PullFile {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  patch?: string;
  previous_filename?: string;
}

export interface Pull {
  id: number;
  number: number;
  title: string;
  body: string | null;
  userId: number;
  state: 'open' | 'closed';
  draft: boolean;
  merged: boolean;
  head: { ref: string; sha: string; repoId: number };
  base: { ref: string; sha: string };
  files: PullFile[];
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  mergedAt: Date | null;
  /** Who pressed "Merge pull request" (or PUT …/merge), and the merge commit it made. */
  mergedById: number | null;
  mergeCommitSha: string | null;
}

export interface Repo {
  id: number;
  ownerId: number;
  name: string;
  private: boolean;
  description: string | null;
  defaultBranch: string;
  /** Branch → path → UTF-8 content. */
  branches: Map<string, Map<string, string>>;
  collaborators: Map<string, RepoRole>;
  pvrEnabled: boolean;
  fork: boolean;
  parentId: number | null;
  /** For a temporary private fork: the advisory it belongs to. */
  advisoryGhsa: string | null;
  /** Forks appear asynchronously: until then the repository answers 404. */
  readyAt: Date;
  pulls: Pull[];
  /** Issues, a pull request's own issue included (same number), and their comments. */
  issues: Issue[];
  issueComments: IssueComment[];
  /** Every commit by sha, and each branch's head commit. */
  commits: Map<string, Commit>;
  heads: Map<string, string>;
  /** Lightweight tags: name → the commit sha it points at (release tags like `v3.12.6`). */
  tags: Map<string, string>;
  createdAt: Date;
  updatedAt: Date;
  pushedAt: Date;
}

export interface Team {
  id: number;
  orgId: number;
  slug: string;
  name: string;
  description: string | null;
  privacy: 'closed' | 'secret';
  parentId: number | null;
  members: Map<string, 'member' | 'maintainer'>;
  /** Repository id → the team's role on it. */
  repos: Map<number, RepoRole>;
  createdAt: Date;
  updatedAt: Date;
}

export interface App {
  id: number;
  clientId: string;
  slug: string;
  name: string;
  description: string | null;
  ownerId: number;
  botId: number;
  publicKey: KeyObject;
  /**
   * The key the simulator generated (or was given) for the App. GitHub keeps only the public
   * half; the simulator keeps both so a restarted sandbox signs as the same App (`appCredentials`).
   */
  privateKey: KeyObject;
  permissions: Permissions;
  events: string[];
  /** The App's OAuth side ("Sign in with GitHub"): a client secret and up to 10 callback URLs. */
  clientSecret: string;
  callbackUrls: string[];
  /** The homepage URL on its settings page (`external_url`); null: its page on GitHub. */
  homepageUrl: string | null;
  /**
   * The App's own webhook as its settings page holds it (a manifest's `hook_attributes`, with the
   * secret GitHub made). Deliveries still go to the simulator's one hook (`setWebhook`).
   */
  webhook: { url: string; active: boolean; secret: string } | null;
  createdAt: Date;
}

export interface Installation {
  id: number;
  appId: number;
  accountId: number;
  selection: 'all' | 'selected';
  repoIds: Set<number>;
  permissions: Permissions;
  events: string[];
  createdAt: Date;
  updatedAt: Date;
}

export type Token =
  | { kind: 'pat'; token: string; userId: number; scopes: string[] }
  /** A GitHub App's user access token (`ghu_`), from the web flow: eight hours. */
  | { kind: 'user-app'; token: string; userId: number; appId: number; expiresAt: Date }
  | {
      kind: 'installation';
      token: string;
      installationId: number;
      expiresAt: Date;
      permissions: Permissions;
      /** null: every repository the installation covers. */
      repoIds: Set<number> | null;
    };

export type InstallationGrant = Extract<Token, { kind: 'installation' }>;

/** Who is calling, as auth.ts identifies a request's token. */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'user'; token: string; user: Account; scopes: string[] }
  | { kind: 'installation'; token: string; installation: Installation; grant: InstallationGrant }
  | { kind: 'app'; token: string; app: App };

/** An authorization code of the OAuth web flow: once, for ten minutes, for its App and redirect URI. */
export interface OAuthCode {
  code: string;
  appId: number;
  userId: number;
  redirectUri: string;
  /** The PKCE S256 challenge the authorization asked with, or null (GitHub does not require PKCE). */
  codeChallenge: string | null;
  expiresAt: Date;
}

/** A code from the App-manifest flow: traded once, within an hour, for the new App's credentials. */
export interface ManifestCode {
  code: string;
  appId: number;
  expiresAt: Date;
}

/** A refresh token (`ghr_`) that gives a new user access token once, within six months. */
export interface RefreshGrant {
  token: string;
  appId: number;
  userId: number;
  expiresAt: Date;
}

export interface Vulnerability {
  package: { ecosystem: string; name: string | null } | null;
  vulnerable_version_range: string | null;
  patched_versions: string | null;
  vulnerable_functions: string[] | null;
}

export interface Credit {
  userId: number;
  type: string;
  state: CreditState;
}

export interface CvssEntry {
  vector: string;
  score: number;
}

export interface Advisory {
  seq: number;
  ghsaId: string;
  repoId: number;
  cveId: string | null;
  summary: string;
  description: string | null;
  severity: Severity | null;
  cvssV3: CvssEntry | null;
  cvssV4: CvssEntry | null;
  authorId: number | null;
  publisherId: number | null;
  state: AdvisoryState;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  closedAt: Date | null;
  withdrawnAt: Date | null;
  submission: { accepted: boolean } | null;
  vulnerabilities: Vulnerability[];
  cweIds: string[];
  credits: Credit[];
  collaboratingUserIds: number[];
  collaboratingTeamIds: number[];
  privateForkId: number | null;
  cveRequestDueAt: Date | null;
}

/** A package range as the Advisory Database writes it after review (§2.12). */
export interface GlobalVulnerability {
  ecosystem: string;
  name: string;
  vulnerableVersionRange: string;
  firstPatchedVersion: string | null;
  vulnerableFunctions: string[];
}

/**
 * A repository advisory as GitHub's review put it into the Advisory Database: a copy taken at
 * review time, so later edits of the repository advisory show only after the next review.
 */
export interface GlobalAdvisory {
  ghsaId: string;
  /** The repository advisory it came from (same GHSA id) and its repository. */
  repoId: number;
  /** The repository advisory's `seq`: breaks ties in list order. */
  seq: number;
  cveId: string | null;
  summary: string;
  description: string | null;
  severity: Severity | null;
  cvssV3: CvssEntry | null;
  cvssV4: CvssEntry | null;
  cweIds: string[];
  /** Accepted credits only: pending and declined ones are not public. */
  credits: { userId: number; type: string }[];
  vulnerabilities: GlobalVulnerability[];
  publishedAt: Date;
  updatedAt: Date;
  githubReviewedAt: Date;
  withdrawnAt: Date | null;
}

export interface AdvisoryComment {
  id: number;
  ghsaId: string;
  authorId: number;
  body: string;
  /** Confidential comments exist only in the UI model and never leave through REST. */
  confidential: boolean;
  createdAt: Date;
  updatedAt: Date;
}

// Each kind starts in its own range so ids in test output say what they are.
const idStarts = {
  account: 1_000,
  repo: 500_000,
  team: 7_000,
  app: 900_000,
  installation: 40_000_000,
  pull: 2_000_000_000,
  issue: 3_000_000_000,
  issueComment: 4_000_000_000,
  comment: 1,
  advisory: 1,
  cve: 50_000,
} as const;
export type IdKind = keyof typeof idStarts;

const ghsaAlphabet = '23456789cfghjmpqrvwx';

export const key = (login: string): string => login.toLowerCase();

/** GHSA ids are case-insensitive in URLs and queries: the prefix is upper-case, the rest lower. */
export const ghsaKey = (ghsaId: string): string =>
  /^ghsa-/i.test(ghsaId) ? `GHSA${ghsaId.slice(4).toLowerCase()}` : ghsaId;

export class SimState {
  accounts = new Map<number, Account>();
  logins = new Map<string, Account>();
  orgs = new Map<string, Org>();
  repos = new Map<number, Repo>();
  teams = new Map<number, Team>();
  apps = new Map<number, App>();
  installations = new Map<number, Installation>();
  tokens = new Map<string, Token>();
  /** The OAuth web flow's codes and refresh tokens, by their value. */
  oauthCodes = new Map<string, OAuthCode>();
  refreshTokens = new Map<string, RefreshGrant>();
  /** The App-manifest flow's codes, by their value. */
  manifestCodes = new Map<string, ManifestCode>();
  advisories = new Map<string, Advisory>();
  /** The GitHub Advisory Database: reviewed repository advisories, by GHSA id. */
  globalAdvisories = new Map<string, GlobalAdvisory>();
  comments: AdvisoryComment[] = [];
  private counters = new Map<IdKind, number>();

  nextId(kind: IdKind): number {
    const next = this.counters.get(kind) ?? idStarts[kind];
    this.counters.set(kind, next + 1);
    return next;
  }

  newGhsaId(): string {
    for (;;) {
      const group = () => Array.from({ length: 4 }, () => ghsaAlphabet[randomInt(20)]).join('');
      const id = `GHSA-${group()}-${group()}-${group()}`;
      if (!this.advisories.has(id)) return id;
    }
  }

  account(login: string): Account | undefined {
    return this.logins.get(key(login));
  }

  accountById(id: number): Account {
    const account = this.accounts.get(id);
    if (!account) throw new Error(`no account ${id}`);
    return account;
  }

  orgOf(accountId: number): Org | undefined {
    const account = this.accounts.get(accountId);
    return account?.type === 'Organization' ? this.orgs.get(key(account.login)) : undefined;
  }

  repo(owner: string, name: string): Repo | undefined {
    const ownerAccount = this.account(owner);
    if (!ownerAccount) return undefined;
    for (const repo of this.repos.values()) {
      if (repo.ownerId === ownerAccount.id && key(repo.name) === key(name)) return repo;
    }
    return undefined;
  }

  repoById(id: number): Repo {
    const repo = this.repos.get(id);
    if (!repo) throw new Error(`no repository ${id}`);
    return repo;
  }

  fullName(repo: Repo): string {
    return `${this.accountById(repo.ownerId).login}/${repo.name}`;
  }

  team(org: string, slug: string): Team | undefined {
    const orgAccount = this.account(org);
    if (!orgAccount) return undefined;
    for (const team of this.teams.values()) {
      if (team.orgId === orgAccount.id && team.slug === slug.toLowerCase()) return team;
    }
    return undefined;
  }

  /** The team and every ancestor: members of a child team are members of its parents. */
  teamAncestry(team: Team): Team[] {
    const chain: Team[] = [];
    for (let t: Team | undefined = team; t && !chain.includes(t); ) {
      chain.push(t);
      t = t.parentId === null ? undefined : this.teams.get(t.parentId);
    }
    return chain;
  }

  /** Direct members of the team and of all its descendants, with how they got there. */
  teamMembers(team: Team): Map<string, { role: 'member' | 'maintainer'; inherited: boolean }> {
    const out = new Map<string, { role: 'member' | 'maintainer'; inherited: boolean }>();
    for (const [login, role] of team.members) out.set(login, { role, inherited: false });
    for (const other of this.teams.values()) {
      if (other === team || !this.teamAncestry(other).includes(team)) continue;
      for (const [login] of other.members) {
        if (!out.has(login)) out.set(login, { role: 'member', inherited: true });
      }
    }
    return out;
  }

  advisoriesOf(repoId: number): Advisory[] {
    return [...this.advisories.values()].filter((a) => a.repoId === repoId);
  }

  advisory(repo: Repo, ghsaId: string): Advisory | undefined {
    const found = this.advisories.get(ghsaKey(ghsaId));
    return found?.repoId === repo.id ? found : undefined;
  }

  globalAdvisory(ghsaId: string): GlobalAdvisory | undefined {
    return this.globalAdvisories.get(ghsaKey(ghsaId));
  }
}

/** GitHub's timestamp format: ISO-8601 UTC without fractions. */
export const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
export const isoOrNull = (d: Date | null): string | null => (d ? iso(d) : null);
