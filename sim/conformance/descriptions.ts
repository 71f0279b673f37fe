// Where the official descriptions are, and one checker per description and process with the
// project's allow-list. Validate against these files, never a hand-written copy.

import { createRequire } from 'node:module';
import { cveAllowList, cveBodySchemas } from './cve-allowlist.ts';
import { githubAllowList, githubWebhookAllowList } from './github-allowlist.ts';
import { withPreviewOperations } from './github-preview.ts';
import { type Conformance, createConformance, type Description, loadDescription } from './openapi.ts';
import { vendored } from './vendored.ts';

const require = createRequire(import.meta.url);

export const descriptionPaths = {
  /** GitHub's REST description, OpenAPI 3.0.3 (`nullable`). */
  githubRest: () => require.resolve('@octokit/openapi/generated/api.github.com.json'),
  /** GitHub's webhooks description, OpenAPI 3.1 (`webhooks`, `type: [..., "null"]`). */
  githubWebhooks: () => require.resolve('@octokit/openapi-webhooks/generated/api.github.com.json'),
  /**
   * CVE Services' description, OpenAPI 3.0.2, in `vendor/cve-services/api-docs/` as in its
   * repository, so its body schemas (`../schemas/...`) are the vendored files beside it.
   */
  cveServices: () => vendored.cveServicesDescription,
} as const;

/** CVE Services' description, with the body schema files it refers to. */
export function cveDescription(): Description {
  return loadDescription(descriptionPaths.cveServices());
}

let githubRest: Description | undefined;

/** GitHub's REST description, with the preview operations psrt describes until it has them (github-preview.ts). */
export function githubDescription(): Description {
  githubRest ??= withPreviewOperations(loadDescription(descriptionPaths.githubRest()));
  return githubRest;
}

/** GitHub's REST versions: the request names one (default 2022-11-28), the response says which it used. */
export const GITHUB_API_VERSION = {
  requestHeader: 'x-github-api-version',
  responseHeader: 'x-github-api-version-selected',
  default: '2022-11-28',
} as const;

let github: Conformance | undefined;
let webhooks: Conformance | undefined;
let cve: Conformance | undefined;

/** The GitHub REST checker, preview operations included, with `github-allowlist.ts` (one per process). */
export function githubConformance(): Conformance {
  github ??= createConformance(githubDescription(), {
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

/** The CVE Services checker with `cve-allowlist.ts` (its allow-list and the record bodies it checks against CVE JSON 5.1). */
export function cveConformance(): Conformance {
  cve ??= createConformance(cveDescription(), { allow: cveAllowList, bodySchemas: cveBodySchemas });
  return cve;
}
