/** The bundle's entry under the package `root` (a file: URL ending in /), or null when absent or stale. */
export function currentBundle(root: URL): URL | null;
