// Whether the bundle `npm run build` wrote (dist/cli/) may run: only while it is at least as new as
// every source it was built from (dist/cli/sources.json), so an edited checkout never runs stale
// code. A source that is missing does not count: a deployment may carry the bundle without src/.
import { readFileSync, statSync } from 'node:fs';

/** The bundle's entry under the package `root` (a file: URL ending in /), or null when absent or stale. */
export function currentBundle(root) {
  let sources;
  try {
    sources = JSON.parse(readFileSync(new URL('dist/cli/sources.json', root), 'utf8'));
  } catch {
    return null;
  }
  for (const input of sources.inputs) {
    const changed = statSync(new URL(input, root), { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (changed > sources.builtAt) return null;
  }
  return new URL('dist/cli/main.js', root);
}
