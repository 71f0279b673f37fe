// The control surface for tests and the sandbox (not part of GitHub's API): seeding, tokens,
// acting as a person in the web UI (through the same rules as REST), webhooks, faults, clock.
import { advisoryAccess } from './access.ts';
import { createAdvisory, reportVulnerability, updateAdvisory } from './advisory-actions.ts';
import { mintPat, uiCaller } from './auth.ts';
import { addComment } from './comments.ts';
import { configPatch, payloadUrls, type SimConfig } from './config.ts';
import type { SimContext } from './context.ts';
import { createActivityControl, type RepoActivityControl } from './control-activity.ts';
import type { FaultSpec, Faults } from './faults.ts';
import { assignCve, createPrivateFork, settleCveRequests } from './forks.ts';
import { commitOnBranch } from './git.ts';
import { reviewAdvisory, withdrawGlobalAdvisory } from './global-advisories.ts';
import { GitHubError, notFound } from './http.ts';
import { renderAdvisory, renderComment } from './render.ts';
import { renderGlobalAdvisory } from './render-global.ts';
import {
  type AppSeed,
  addOrg,
  addPull,
  addRepo,
  addTeam,
  addUser,
  appCredentials,
  type CreatedApp,
  createApp,
  findSeedRepo,
  grantAppPermissions,
  type OrgSeed,
  type PullSeed,
  type RepoSeed,
  setCallbackUrls,
  type TeamSeed,
  type UserSeed,
} from './seed.ts';
import type { Advisory, Caller, Permissions } from './state.ts';
import type { Delivery, HookSettings } from './webhooks.ts';

export interface AdvisoryRef {
  owner: string;
  repo: string;
  ghsaId: string;
}

/** One request the API answered, for tests and the sandbox to count what reached GitHub. */
export interface SimRequest {
  method: string;
  path: string;
  status: number;
}

export interface NewAdvisoryInput {
  owner: string;
  repo: string;
  advisory: Record<string, unknown>;
  ghsaId?: string;
}

/** Someone acting in the web UI, by login. */
export interface AsUser {
  as: string;
}

export type AdvisoryJson = ReturnType<typeof renderAdvisory>;
export type CommentJson = ReturnType<typeof renderComment>;
export type GlobalAdvisoryJson = ReturnType<typeof renderGlobalAdvisory>;

export interface GitHubSimControl extends RepoActivityControl {
  reset(): void;
  configure(patch: Partial<SimConfig>): SimConfig;
  addUser(seed: UserSeed): { id: number; login: string };
  addOrg(seed: OrgSeed): { id: number; login: string };
  addRepo(seed: RepoSeed): { id: number; fullName: string };
  /**
   * Seeds a file as a commit by the repository's owner, with no webhook (`pushCommit` is a push);
   * a new `ref` is a branch holding just this file.
   */
  putFile(file: { owner: string; repo: string; path: string; content: string; ref?: string }): void;
  addTeam(seed: TeamSeed): { id: number; slug: string };
  /** The logins on a team (its own members and its child teams'), as GitHub spells them, sorted. */
  teamMembers(team: { org: string; slug: string }): string[];
  addPullRequest(seed: PullSeed): { id: number; number: number };
  createApp(seed: AppSeed): CreatedApp;
  /** An App's ids, private key, OAuth client and installations, by id or slug (what its owner keeps). */
  appCredentials(app: number | string): CreatedApp;
  /** The App settings page's "Callback URL" list (up to 10), where "Sign in with GitHub" returns to. */
  setCallbackUrls(app: number | string, urls: string[]): CreatedApp;
  /** The App asks for these permissions and events, and every installation accepts them. */
  grantAppPermissions(app: number | string, wanted: { permissions: Permissions; events: string[] }): void;
  /** A classic personal access token (`ghp_…`) acting as `login`; scopes default to `repo`. */
  userToken(login: string, options?: { scopes?: string[] }): string;
  /**
   * The web UI: report privately, create a draft, accept, close, reopen, publish, edit, comment.
   * `ghsaId` restores an advisory under the id an earlier simulator gave it (the sandbox's
   * database outlives its in-process simulator); without it GitHub picks a new one.
   */
  reportVulnerability(input: AsUser & NewAdvisoryInput): AdvisoryJson;
  createAdvisory(input: AsUser & NewAdvisoryInput): AdvisoryJson;
  acceptReport(input: AsUser & AdvisoryRef): AdvisoryJson;
  closeAdvisory(input: AsUser & AdvisoryRef): AdvisoryJson;
  reopenAdvisory(input: AsUser & AdvisoryRef): AdvisoryJson;
  publishAdvisory(input: AsUser & AdvisoryRef): AdvisoryJson;
  editAdvisory(input: AsUser & AdvisoryRef & { changes: Record<string, unknown> }): AdvisoryJson;
  comment(input: AsUser & AdvisoryRef & { body: string; confidential?: boolean }): CommentJson;
  /** "Start a temporary private fork" (§2.9): admins of the advisory only. */
  startPrivateFork(input: AsUser & AdvisoryRef): AdvisoryJson;
  /** The credited person accepts or declines their credit. */
  answerCredit(input: AsUser & AdvisoryRef & { answer: 'accepted' | 'declined' }): AdvisoryJson;
  /** Reads any advisory, whoever may see it (the sandbox's god view). */
  advisory(ref: AdvisoryRef): AdvisoryJson;
  advisories(): AdvisoryJson[];
  /** Every comment on an advisory, confidential ones included, oldest first (the god view). */
  advisoryComments(ref: AdvisoryRef): CommentJson[];
  /** GitHub's CNA answers a pending CVE request now (or assigns `cveId`). */
  assignCve(input: AdvisoryRef & { cveId?: string }): AdvisoryJson;
  /** Only GitHub staff withdraw advisories; an Advisory Database entry is withdrawn with it. */
  withdrawAdvisory(ref: AdvisoryRef): AdvisoryJson;
  /**
   * GitHub reviews a published advisory into the Advisory Database (`GET /advisories`); a
   * second review brings the repository advisory's later edits in.
   */
  reviewAdvisory(ref: AdvisoryRef): GlobalAdvisoryJson;
  setWebhook(settings: HookSettings): Promise<Delivery | null>;
  clearWebhook(): void;
  deliveries(): Delivery[];
  redeliver(deliveryId: number | string): Promise<Delivery>;
  waitForDeliveries(): Promise<void>;
  injectFault(fault: FaultSpec): number;
  /** Requests answered by the API (not /_sim) since the last reset, oldest first (the last 10,000). */
  requests(): SimRequest[];
  faults(): ReturnType<Faults['list']>;
  clearFaults(): void;
  setClock(at: Date | string): void;
  advance(ms: number): void;
  now(): Date;
}

export function createControl(
  sim: SimContext,
  parts: { faults: Faults; resetAll: () => void; requests: () => SimRequest[] },
): GitHubSimControl {
  const render = (a: Advisory) => renderAdvisory(sim.state, a, payloadUrls(sim), '2022-11-28');
  const person = (login: string): Caller => {
    const user = sim.state.account(login);
    if (user?.type !== 'User') throw new GitHubError(404, `No user ${login}`);
    return uiCaller(user);
  };
  const find = (ref: AdvisoryRef): Advisory => {
    settleCveRequests(sim);
    const advisory = sim.state.advisory(findSeedRepo(sim, ref.owner, ref.repo), ref.ghsaId);
    if (!advisory) throw notFound();
    return advisory;
  };
  const visibleTo = (caller: Caller, ref: AdvisoryRef): Advisory => {
    const advisory = find(ref);
    if (!advisoryAccess(sim.state, caller, advisory, sim.clock.now()).view) throw notFound();
    return advisory;
  };
  const transition = (input: AsUser & AdvisoryRef, state: string, extra: Record<string, unknown> = {}) => {
    const caller = person(input.as);
    return render(updateAdvisory(sim, caller, visibleTo(caller, input), { ...extra, state }, 'ui'));
  };

  return {
    ...createActivityControl(sim),
    reset: () => parts.resetAll(),
    configure: (patch) => Object.assign(sim.config, configPatch(patch)),
    addUser: (seed) => {
      const u = addUser(sim, seed);
      return { id: u.id, login: u.login };
    },
    addOrg: (seed) => {
      const o = addOrg(sim, seed);
      return { id: o.id, login: o.login };
    },
    addRepo: (seed) => {
      const r = addRepo(sim, seed);
      return { id: r.id, fullName: sim.state.fullName(r) };
    },
    putFile: ({ owner, repo, path, content, ref }) => {
      const r = findSeedRepo(sim, owner, repo);
      const clean = path.replace(/^\/+/, '');
      const verb = r.branches.get(ref ?? r.defaultBranch)?.has(clean) ? 'Update' : 'Create';
      commitOnBranch(sim, r, ref ?? r.defaultBranch, {
        authorId: r.ownerId,
        message: `${verb} ${clean}`,
        files: { [clean]: content },
        newBranch: 'orphan',
      });
    },
    addTeam: (seed) => {
      const t = addTeam(sim, seed);
      return { id: t.id, slug: t.slug };
    },
    teamMembers: ({ org, slug }) => {
      const team = sim.state.team(org, slug);
      if (!team) throw new Error(`no team ${org}/${slug}`);
      return [...sim.state.teamMembers(team).keys()]
        .map((login) => sim.state.account(login)?.login ?? login)
        .sort((a, b) => a.localeCompare(b));
    },
    addPullRequest: (seed) => {
      const p = addPull(sim, seed);
      return { id: p.id, number: p.number };
    },
    createApp: (seed) => createApp(sim, seed),
    appCredentials: (app) => appCredentials(sim, app),
    setCallbackUrls: (app, urls) => setCallbackUrls(sim, app, urls),
    grantAppPermissions: (app, wanted) => grantAppPermissions(sim, app, wanted),
    userToken: (login, options = {}) => {
      const user = sim.state.account(login);
      if (user?.type !== 'User') throw new Error(`no user ${login}: add it first`);
      return mintPat(sim.state, user.id, options.scopes ?? ['repo']);
    },
    reportVulnerability: ({ as, owner, repo, advisory, ghsaId }) =>
      render(reportVulnerability(sim, person(as), findSeedRepo(sim, owner, repo), advisory, ghsaId)),
    createAdvisory: ({ as, owner, repo, advisory, ghsaId }) =>
      render(createAdvisory(sim, person(as), findSeedRepo(sim, owner, repo), advisory, ghsaId)),
    acceptReport: (input) => transition(input, 'draft'),
    closeAdvisory: (input) => transition(input, 'closed'),
    reopenAdvisory: (input) => transition(input, 'draft'),
    publishAdvisory: (input) => transition(input, 'published'),
    editAdvisory: (input) => {
      const caller = person(input.as);
      return render(updateAdvisory(sim, caller, visibleTo(caller, input), input.changes, 'ui'));
    },
    comment: (input) => {
      const caller = person(input.as);
      const advisory = visibleTo(caller, input);
      const comment = addComment(sim, caller, advisory, input.body, {
        confidential: input.confidential ?? false,
      });
      return renderComment(sim.state, comment, advisory, payloadUrls(sim), sim.config.commentShape);
    },
    startPrivateFork: (input) => {
      const caller = person(input.as);
      const advisory = visibleTo(caller, input);
      createPrivateFork(sim, caller, advisory);
      return render(advisory);
    },
    answerCredit: (input) => {
      const caller = person(input.as);
      const advisory = visibleTo(caller, input);
      const credits = advisory.credits.filter((k) => caller.kind === 'user' && k.userId === caller.user.id);
      if (credits.length === 0)
        throw new GitHubError(404, `${input.as} is not credited on ${advisory.ghsaId}`);
      for (const credit of credits) credit.state = input.answer;
      return render(advisory);
    },
    advisory: (ref) => render(find(ref)),
    advisoryComments: (ref) => {
      const advisory = find(ref);
      return sim.state.comments
        .filter((comment) => comment.ghsaId === advisory.ghsaId)
        .map((comment) =>
          renderComment(sim.state, comment, advisory, payloadUrls(sim), sim.config.commentShape),
        );
    },
    advisories: () => {
      settleCveRequests(sim);
      return [...sim.state.advisories.values()].map(render);
    },
    assignCve: (input) => {
      const advisory = find(input);
      assignCve(sim, advisory, input.cveId);
      return render(advisory);
    },
    withdrawAdvisory: (ref) => {
      const advisory = find(ref);
      if (advisory.state !== 'published') {
        throw new GitHubError(422, `Invalid state transition from \`${advisory.state}\` to \`withdrawn\`.`);
      }
      advisory.state = 'withdrawn';
      advisory.withdrawnAt = sim.clock.now();
      advisory.updatedAt = advisory.withdrawnAt;
      withdrawGlobalAdvisory(sim, advisory.ghsaId);
      return render(advisory);
    },
    reviewAdvisory: (ref) =>
      renderGlobalAdvisory(sim.state, reviewAdvisory(sim, find(ref)), payloadUrls(sim), '2022-11-28'),
    setWebhook: (settings) => sim.webhooks.setHook(settings),
    clearWebhook: () => sim.webhooks.clearHook(),
    deliveries: () => sim.webhooks.deliveries(),
    redeliver: (id) => sim.webhooks.redeliver(id),
    waitForDeliveries: () => sim.webhooks.settled(),
    injectFault: (fault) => parts.faults.add(fault),
    requests: () => parts.requests().map((request) => ({ ...request })),
    faults: () => parts.faults.list(),
    clearFaults: () => parts.faults.clear(),
    setClock: (at) => sim.clock.set(new Date(at)),
    advance: (ms) => sim.clock.advance(ms),
    now: () => sim.clock.now(),
  };
}
