// Where the official descriptions are, and one checker per description and process with the
// project's allow-list. Validate against these files, never a hand-written copy.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cveAllowList, cveMissingSchemaAllowList } from './cve-allowlist.ts';
import { githubAllowList, githubWebhookAllowList } from './github-allowlist.ts';
import { type Conformance, createConformance, loadDescription } from './openapi.ts';

const require = createRequire(import.meta.url);

/** `shared/specs` beside the repository, or `PSRT_SPECS_DIR` (the simulators use the same rule). */
export function specsDir(): string {
  return process.env.PSRT_SPECS_DIR ?? fileURLToPath(new URL('../../../shared/specs/', import.meta.url));
}

export const descriptionPaths = {
  /** GitHub's REST description, OpenAPI 3.0.3 (`nullable`). */
  githubRest: () => require.resolve('@octokit/openapi/generated/api.github.com.json'),
  /** GitHub's webhooks description, OpenAPI 3.1 (`webhooks`, `type: [..., "null"]`). */
  githubWebhooks: () => require.resolve('@octokit/openapi-webhooks/generated/api.github.com.json'),
  /** CVE Services' description, OpenAPI 3.0.2; its schemas are files beside it (`../schemas/...`). */
  cveServices: () => join(specsDir(), 'cve-services-openapi.json'),
} as const;

/** GitHub's REST versions: the request names one (default 2022-11-28), the response says which it used. */
export const GITHUB_API_VERSION = {
  requestHeader: 'x-github-api-version',
  responseHeader: 'x-github-api-version-selected',
  default: '2022-11-28',
} as const;

let github: Conformance | undefined;
let webhooks: Conformance | undefined;
let cve: Conformance | undefined;

/** The GitHub REST checker with `github-allowlist.ts` (one per process). */
export function githubConformance(): Conformance {
  github ??= createConformance(loadDescription(descriptionPaths.githubRest()), {
    allow: githubAllowList,
    apiVersion: GITHUB_API_VERSION,
  });
  return github;
}

/** The GitHub webhooks checker with `githubWebhookAllowList`. */
export function webhookConformance(): Conformance {
  webhooks ??= createConformance(loadDescription(descriptionPaths.githubWebhooks()), {
    allow: githubWebhookAllowList,
  });
  return webhooks;
}

/** Whether CVE Services' schema files are beside its description (`../schemas/`, as in its repository). */
export function cveSchemasPresent(): boolean {
  return existsSync(join(dirname(descriptionPaths.cveServices()), '..', 'schemas'));
}

/** The CVE Services checker with `cve-allowlist.ts` (its missing-schema entries while the files are absent). */
export function cveConformance(): Conformance {
  cve ??= createConformance(loadDescription(descriptionPaths.cveServices()), {
    allow: cveSchemasPresent() ? cveAllowList : cveMissingSchemaAllowList,
  });
  return cve;
}
