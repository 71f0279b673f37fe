// GitHub operations in public preview that @octokit/openapi does not describe yet, which psrt
// describes itself (advisory-comments.openapi.json, from GitHub's published documentation of the
// preview) and reads as part of GitHub's REST description, so they are checked like any other.
// Once @octokit/openapi describes them, delete the file and this module and check against it.
import { fileURLToPath } from 'node:url';
import type { Description, Json } from './description.ts';
import { readJson } from './schemas.ts';

/** Our description of the advisory comments preview; its `$ref`s name @octokit/openapi's components. */
export const previewDescriptionPath = fileURLToPath(
  new URL('./advisory-comments.openapi.json', import.meta.url),
);

/** The path templates our preview description adds. */
export function previewPaths(): string[] {
  return Object.keys((readJson(previewDescriptionPath) as Json).paths as Json);
}

/**
 * GitHub's REST description with the preview's paths and components added. Where both describe
 * something, the official description wins (and preview-operations.test.ts fails, to switch to it).
 */
export function withPreviewOperations(official: Description): Description {
  const preview = readJson(previewDescriptionPath) as Json;
  const components = (official.document.components ?? {}) as Record<string, Json>;
  const added = (preview.components ?? {}) as Record<string, Json>;
  const merged: Record<string, Json> = { ...components };
  for (const [kind, entries] of Object.entries(added)) merged[kind] = { ...entries, ...components[kind] };
  const paths = { ...(preview.paths as Json), ...(official.document.paths as Json) };
  return { ...official, document: { ...official.document, paths, components: merged } };
}
