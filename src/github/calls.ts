// How an installation's operations call GitHub: each request goes through a
// `Call` (the client's error translation and rate-limit handling, named by
// the operation), and a 404 for something that is not there reads as null.
import { RequestError } from 'octokit';
import type { GitHubOperation } from './errors.ts';

export type Call = <T>(operation: GitHubOperation, run: () => Promise<T>) => Promise<T>;

/** Runs `request`, turning GitHub's 404 into null, except a 404 for a ref that does not exist. */
export async function orNull<T>(request: () => Promise<T>): Promise<T | null> {
  try {
    return await request();
  } catch (error) {
    const message = (error as RequestError).response?.data as { message?: unknown } | undefined;
    const missingRef = typeof message?.message === 'string' && /no commit found/i.test(message.message);
    if (error instanceof RequestError && error.status === 404 && !missingRef) return null;
    throw error;
  }
}
