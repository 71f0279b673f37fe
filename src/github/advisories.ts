// Repository security advisories as one installation sees them: list, read,
// update, collaborators, CVE, private fork and (preview) comments. GitHub's
// PATCH replaces arrays whole, so collaborator changes read, merge and write.
import type { Octokit } from 'octokit';
import { loginKey, sameLogin } from '../domain/roster.ts';
import { type Call, orNull } from './calls.ts';
import type { GitHubOperation } from './errors.ts';
import { listAll } from './pages.ts';
import type {
  AdvisoryComment,
  AdvisoryListOptions,
  FullRepository,
  GlobalAdvisory,
  RepositoryAdvisory,
  RepositoryAdvisoryCreate,
  RepositoryAdvisoryUpdate,
  SimpleUser,
} from './types.ts';

const permission = 'Repository security advisories: Read and write (repository_advisories: write)';

/** Who to add to an advisory: GitHub logins, and slugs of teams in the repository owner's organisation. */
export interface Collaborators {
  users?: readonly string[];
  teams?: readonly string[];
}

/** Adds `extra` to `current`, ignoring case as GitHub does; null when nothing is new. */
function merged(current: readonly string[], extra: readonly string[]): string[] | null {
  const seen = new Set(current.map(loginKey));
  const added = extra.filter((name) => {
    const key = loginKey(name);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return added.length === 0 ? null : [...current, ...added];
}

const userLogins = (advisory: RepositoryAdvisory): string[] =>
  (advisory.collaborating_users ?? []).map((user) => user.login);
const teamSlugs = (advisory: RepositoryAdvisory): string[] =>
  (advisory.collaborating_teams ?? []).map((team) => team.slug);

export function advisoryOperations(octokit: Octokit, call: Call) {
  const on = (name: string, owner: string, repo: string, ghsaId: string): GitHubOperation => ({
    name,
    subject: `${owner}/${repo} ${ghsaId}`,
    permission,
    advisory: true,
  });

  const read = async (owner: string, repo: string, ghsaId: string): Promise<RepositoryAdvisory> => {
    const route = 'GET /repos/{owner}/{repo}/security-advisories/{ghsa_id}';
    const { data } = await octokit.request(route, { owner, repo, ghsa_id: ghsaId });
    return data as RepositoryAdvisory;
  };
  const write = async (
    owner: string,
    repo: string,
    ghsaId: string,
    patch: RepositoryAdvisoryUpdate,
  ): Promise<RepositoryAdvisory> => {
    const route = 'PATCH /repos/{owner}/{repo}/security-advisories/{ghsa_id}';
    const { data } = await octokit.request(route, { owner, repo, ghsa_id: ghsaId, ...patch });
    return data as RepositoryAdvisory;
  };
  const comments = '/repos/{owner}/{repo}/security-advisories/{ghsa_id}/comments';

  return {
    /** Every advisory of every repository in the organisation (all pages). Needs repository_advisories: write. */
    listOrgAdvisories: (org: string, options: AdvisoryListOptions = {}) =>
      call({ name: 'listOrgAdvisories', subject: org, permission }, async () => {
        const route = 'GET /orgs/{org}/security-advisories';
        return listAll<RepositoryAdvisory>(octokit, route, { org, ...options, per_page: 100 });
      }),

    /** Every advisory of one repository (all pages). */
    listRepoAdvisories: (owner: string, repo: string, options: AdvisoryListOptions = {}) =>
      call({ name: 'listRepoAdvisories', subject: `${owner}/${repo}`, permission }, async () => {
        const route = 'GET /repos/{owner}/{repo}/security-advisories';
        return listAll<RepositoryAdvisory>(octokit, route, { owner, repo, ...options, per_page: 100 });
      }),

    /**
     * A new advisory, opened by the App: GitHub starts it as a draft (only a reporter's own
     * private report starts in triage, and GitHub lets no integration submit one).
     */
    createAdvisory: (owner: string, repo: string, body: RepositoryAdvisoryCreate) =>
      call({ name: 'createAdvisory', subject: `${owner}/${repo}`, permission }, async () => {
        const route = 'POST /repos/{owner}/{repo}/security-advisories';
        const { data } = await octokit.request(route, { owner, repo, ...body });
        return data as RepositoryAdvisory;
      }),

    getAdvisory: (owner: string, repo: string, ghsaId: string) =>
      call(on('getAdvisory', owner, repo, ghsaId), () => read(owner, repo, ghsaId)),

    /**
     * The advisory's entry in the GitHub Advisory Database, or null until GitHub has reviewed it
     * (a published repository advisory appears there only then).
     */
    getGlobalAdvisory: (ghsaId: string) =>
      call({ name: 'getGlobalAdvisory', subject: ghsaId }, () =>
        orNull(async () => {
          const { data } = await octokit.request('GET /advisories/{ghsa_id}', { ghsa_id: ghsaId });
          return data as GlobalAdvisory;
        }),
      ),

    /** PATCH as given: arrays in `patch` replace GitHub's whole list. */
    updateAdvisory: (owner: string, repo: string, ghsaId: string, patch: RepositoryAdvisoryUpdate) =>
      call(on('updateAdvisory', owner, repo, ghsaId), () => write(owner, repo, ghsaId, patch)),

    /** Adds users and teams, keeping everyone already on the advisory. Writes nothing when all are there. */
    addCollaborators: (owner: string, repo: string, ghsaId: string, add: Collaborators) =>
      call(on('addCollaborators', owner, repo, ghsaId), async () => {
        const current = await read(owner, repo, ghsaId);
        const users = merged(userLogins(current), add.users ?? []);
        const teams = merged(teamSlugs(current), add.teams ?? []);
        if (users === null && teams === null) return current;
        return write(owner, repo, ghsaId, {
          ...(users === null ? {} : { collaborating_users: users }),
          ...(teams === null ? {} : { collaborating_teams: teams }),
        });
      }),

    /** Removes one user or team, keeping the others. Writes nothing when they are not there. */
    removeCollaborator: (
      owner: string,
      repo: string,
      ghsaId: string,
      who: { user: string } | { team: string },
    ) =>
      call(on('removeCollaborator', owner, repo, ghsaId), async () => {
        const current = await read(owner, repo, ghsaId);
        const [names, key] =
          'user' in who
            ? [userLogins(current), 'collaborating_users' as const]
            : [teamSlugs(current), 'collaborating_teams' as const];
        const gone = 'user' in who ? who.user : who.team;
        const kept = names.filter((name) => !sameLogin(name, gone));
        if (kept.length === names.length) return current;
        return write(owner, repo, ghsaId, { [key]: kept });
      }),

    /** Sets the CVE id the PSF CNA reserved, or clears it with null. */
    setCveId: (owner: string, repo: string, ghsaId: string, cveId: string | null) =>
      call(on('setCveId', owner, repo, ghsaId), () => write(owner, repo, ghsaId, { cve_id: cveId })),

    closeAdvisory: (owner: string, repo: string, ghsaId: string) =>
      call(on('closeAdvisory', owner, repo, ghsaId), () => write(owner, repo, ghsaId, { state: 'closed' })),

    /** Asks GitHub's CNA for a CVE; it lands later in `cve_id`, with no webhook. */
    requestCve: (owner: string, repo: string, ghsaId: string) =>
      call(on('requestCve', owner, repo, ghsaId), async () => {
        const route = 'POST /repos/{owner}/{repo}/security-advisories/{ghsa_id}/cve';
        await octokit.request(route, { owner, repo, ghsa_id: ghsaId });
      }),

    /** Starts the temporary private fork; GitHub may take minutes before it can be used. */
    createPrivateFork: (owner: string, repo: string, ghsaId: string) =>
      call(on('createPrivateFork', owner, repo, ghsaId), async () => {
        const route = 'POST /repos/{owner}/{repo}/security-advisories/{ghsa_id}/forks';
        const { data } = await octokit.request(route, { owner, repo, ghsa_id: ghsaId });
        return data as FullRepository;
      }),

    /** Comments (preview API), oldest first; `since` filters on when a comment was last updated. */
    listComments: (owner: string, repo: string, ghsaId: string, options: { since?: Date } = {}) =>
      call(on('listComments', owner, repo, ghsaId), () =>
        listAll<RawComment>(octokit, `GET ${comments}`, {
          owner,
          repo,
          ghsa_id: ghsaId,
          ...(options.since ? { since: options.since.toISOString() } : {}),
          per_page: 100,
        }).then((all) => all.map(commentFrom)),
      ),

    createComment: (owner: string, repo: string, ghsaId: string, body: string) =>
      call(on('createComment', owner, repo, ghsaId), async () => {
        const { data } = await octokit.request(`POST ${comments}`, { owner, repo, ghsa_id: ghsaId, body });
        return commentFrom(data as RawComment);
      }),

    editComment: (owner: string, repo: string, ghsaId: string, commentId: number, body: string) =>
      call(on('editComment', owner, repo, ghsaId), async () => {
        const { data } = await octokit.request(`PATCH ${comments}/{comment_id}`, {
          owner,
          repo,
          ghsa_id: ghsaId,
          comment_id: commentId,
          body,
        });
        return commentFrom(data as RawComment);
      }),
  };
}

export type AdvisoryOperations = ReturnType<typeof advisoryOperations>;

/** A comment as GitHub sends it: the author under `user` or `author` (the shape is undocumented). */
interface RawComment {
  id: number;
  body: string;
  created_at: string;
  updated_at: string;
  user?: SimpleUser | null;
  author?: SimpleUser | null;
  [field: string]: unknown;
}

function commentFrom({ user, author, ...rest }: RawComment): AdvisoryComment {
  return { ...rest, author: author ?? user ?? null };
}
