// GitHub users as the bot reads them: the profile of a credited person, whose
// name (when they give one) is what the published records print.
import type { Octokit } from 'octokit';
import { type Call, orNull } from './calls.ts';
import type { GitHubUser } from './types.ts';

export function userOperations(octokit: Octokit, call: Call) {
  return {
    /** The user's public profile, or null for a login GitHub does not know. Needs no permission. */
    getUser: (login: string) =>
      call({ name: 'getUser', subject: login }, () =>
        orNull(async () => {
          const { data } = await octokit.request('GET /users/{username}', { username: login });
          return data as GitHubUser;
        }),
      ),
  };
}

export type UserOperations = ReturnType<typeof userOperations>;
