// Reads every page of a GitHub list by following `Link: rel="next"`, which
// works for page numbers and for the advisory lists' `after` cursors alike.
// A Link that leads back to a page already read stops the walk instead of
// spending the rate limit in a loop.
import type { Octokit } from 'octokit';

const nextLink = (link: string | undefined): string | undefined =>
  /<([^<>]+)>;\s*rel="next"/.exec(link ?? '')?.[1];

export async function listAll<T>(
  octokit: Octokit,
  route: string,
  parameters: Record<string, unknown>,
): Promise<T[]> {
  const items: T[] = [];
  const followed = new Set<string>();
  for await (const page of octokit.paginate.iterator<T>(route, parameters)) {
    items.push(...(page.data as T[]));
    const next = nextLink(page.headers.link);
    if (next === undefined) break;
    if (followed.has(next)) {
      throw new Error(`GitHub's pagination for ${route} led back to a page already read; stopped.`);
    }
    followed.add(next);
  }
  return items;
}
