// What the simulator's HTML view shows, read straight from the model: every repository's
// advisories (the simulator's god view, whoever acts), their comments, credits, collaborators,
// CVE ids and temporary private forks with their pull requests, and the webhook deliveries.
import { advisoryAccess } from '../access.ts';
import { uiCaller } from '../auth.ts';
import type { SimContext } from '../context.ts';
import { settleCveRequests } from '../forks.ts';
import type { Advisory, AdvisoryState, Pull } from '../state.ts';
import type { Delivery } from '../webhooks.ts';

export interface PullView {
  number: number;
  title: string;
  author: string;
  state: 'open' | 'closed' | 'merged';
  head: string;
  base: string;
  files: string[];
}

export interface AdvisoryView {
  owner: string;
  repo: string;
  ghsaId: string;
  summary: string;
  description: string;
  state: AdvisoryState;
  severity: string | null;
  /** The weaknesses (`cwe_ids`), as GitHub's advisory form picks them. */
  cweIds: string[];
  cveId: string | null;
  cveRequested: boolean;
  author: string | null;
  credits: { login: string; type: string; state: string }[];
  users: string[];
  teams: string[];
  fork: { owner: string; name: string; ready: boolean; pulls: PullView[] } | null;
  comments: { id: number; author: string; body: string; confidential: boolean; at: Date }[];
  createdAt: Date;
  updatedAt: Date;
}

export interface RepoView {
  owner: string;
  name: string;
  pvrEnabled: boolean;
  advisories: AdvisoryView[];
}

/** What the acting user may do on an advisory, as the REST rules decide it. */
export interface Access {
  view: boolean;
  edit: boolean;
  manage: boolean;
}

export const advisoryStates: AdvisoryState[] = ['triage', 'draft', 'published', 'closed', 'withdrawn'];

function pullView(sim: SimContext, pull: Pull): PullView {
  return {
    number: pull.number,
    title: pull.title,
    author: sim.state.accountById(pull.userId).login,
    state: pull.merged ? 'merged' : pull.state,
    head: pull.head.ref,
    base: pull.base.ref,
    files: pull.files.map((f) => f.filename),
  };
}

function advisoryView(sim: SimContext, a: Advisory): AdvisoryView {
  const { state } = sim;
  const repo = state.repoById(a.repoId);
  const login = (id: number) => state.accountById(id).login;
  const fork = a.privateForkId === null ? undefined : state.repos.get(a.privateForkId);
  return {
    owner: login(repo.ownerId),
    repo: repo.name,
    ghsaId: a.ghsaId,
    summary: a.summary,
    description: a.description ?? '',
    state: a.state,
    severity: a.severity,
    cweIds: [...a.cweIds],
    cveId: a.cveId,
    cveRequested: a.cveRequestDueAt !== null,
    author: a.authorId === null ? null : login(a.authorId),
    credits: a.credits.map((c) => ({ login: login(c.userId), type: c.type, state: c.state })),
    users: a.collaboratingUserIds.map(login),
    teams: a.collaboratingTeamIds.flatMap((id) => {
      const team = state.teams.get(id);
      return team ? [`${login(team.orgId)}/${team.slug}`] : [];
    }),
    fork: fork
      ? {
          owner: login(fork.ownerId),
          name: fork.name,
          ready: fork.readyAt.getTime() <= sim.clock.now().getTime(),
          pulls: fork.pulls.map((p) => pullView(sim, p)),
        }
      : null,
    comments: state.comments
      .filter((c) => c.ghsaId === a.ghsaId)
      .map((c) => ({
        id: c.id,
        author: login(c.authorId),
        body: c.body,
        confidential: c.confidential,
        at: c.createdAt,
      })),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

/** Repositories that take reports or hold advisories (temporary forks show under their advisory). */
export function repositories(sim: SimContext): RepoView[] {
  settleCveRequests(sim);
  const { state } = sim;
  return [...state.repos.values()]
    .filter((repo) => !repo.fork)
    .map((repo) => ({
      owner: state.accountById(repo.ownerId).login,
      name: repo.name,
      pvrEnabled: repo.pvrEnabled,
      advisories: state
        .advisoriesOf(repo.id)
        .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime())
        .map((a) => advisoryView(sim, a)),
    }))
    .filter((repo) => repo.pvrEnabled || repo.advisories.length > 0)
    .sort((x, y) => `${x.owner}/${x.name}`.localeCompare(`${y.owner}/${y.name}`));
}

export function advisory(
  sim: SimContext,
  ref: { owner: string; repo: string; ghsaId: string },
): AdvisoryView | null {
  settleCveRequests(sim);
  const repo = sim.state.repo(ref.owner, ref.repo);
  const found = repo ? sim.state.advisory(repo, ref.ghsaId) : undefined;
  return found ? advisoryView(sim, found) : null;
}

export function accessOf(sim: SimContext, login: string, ref: AdvisoryView): Access {
  const user = sim.state.account(login);
  const repo = sim.state.repo(ref.owner, ref.repo);
  const found = repo ? sim.state.advisory(repo, ref.ghsaId) : undefined;
  if (user?.type !== 'User' || !found) return { view: false, edit: false, manage: false };
  const { view, edit, manage } = advisoryAccess(sim.state, uiCaller(user), found, sim.clock.now());
  return { view, edit, manage };
}

/** People one can act as (not organizations or App bots), by login. */
export function people(sim: SimContext): string[] {
  return [...sim.state.accounts.values()]
    .filter((account) => account.type === 'User')
    .map((account) => account.login)
    .sort((x, y) => x.localeCompare(y));
}

/** Newest first. */
export function deliveries(sim: SimContext): Delivery[] {
  return sim.webhooks.deliveries().reverse();
}
