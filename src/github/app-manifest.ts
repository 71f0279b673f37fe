// psrt's GitHub App as GitHub's App-manifest flow registers it ("Registering a GitHub App from a
// manifest"): the one place that says which permissions and events psrt uses. `app.yml` at the
// repository root is this manifest written out (`psrt app manifest`), `psrt app create` sends it,
// and the tests hold the simulator's psrt App and docs/configuration.md to it.

/** A permission level a manifest asks for. */
export type PermissionLevel = 'read' | 'write';

interface PermissionNeed {
  level: PermissionLevel;
  /** The permission's name on GitHub's App settings page, as docs/configuration.md says it. */
  title: string;
}

/**
 * What psrt does with each permission is said in docs/configuration.md ("The GitHub App"), which a
 * test holds to this list. GitHub gives every App `metadata: read` without asking.
 */
export const appPermissions = {
  // Read and change advisories, collaborators, credits, CVE ids and private forks; listing an
  // organisation's advisories asks for write.
  repository_advisories: { level: 'write', title: 'Repository security advisories' },
  // CODEOWNERS, SECURITY.md, branches, release tags and comparisons (which release holds a fix).
  contents: { level: 'read', title: 'Contents' },
  // The private forks' pull requests and a fix's backports.
  pull_requests: { level: 'read', title: 'Pull requests' },
  // `@psrt-bot public-issue`.
  issues: { level: 'write', title: 'Issues' },
  // Turning private vulnerability reporting on (`--apply`).
  administration: { level: 'write', title: 'Administration' },
  // The PSRT team: read it, and apply the membership changes decided in psrt (organisation permission).
  members: { level: 'write', title: 'Members' },
} as const satisfies Record<string, PermissionNeed>;

/** The webhook events psrt subscribes to; each needs one of the permissions above (security_advisory none). */
export const appEvents = [
  'repository_advisory',
  'security_advisory',
  'issues',
  'issue_comment',
  'pull_request',
  'push',
] as const;

/** `default_permissions`: permission name to level. */
export function appPermissionLevels(): Record<string, PermissionLevel> {
  return Object.fromEntries(Object.entries(appPermissions).map(([name, need]) => [name, need.level]));
}

/** The manifest parameters GitHub documents that psrt sets, in the order app.yml lists them. */
export interface AppManifest {
  name: string;
  url: string;
  description: string;
  hook_attributes: { url: string; active: boolean };
  /** Where GitHub sends the browser back with `code` and `state`: set by `psrt app create` only. */
  redirect_url?: string;
  callback_urls: string[];
  public: boolean;
  default_permissions: Record<string, PermissionLevel>;
  default_events: string[];
  request_oauth_on_install: boolean;
}

/** The public URL app.yml is written with; `psrt app create` puts the real one in its place. */
export const exampleUrl = 'https://psrt.example.org';

export const appDescription =
  "Runs the Python Security Response Team's vulnerability process on GitHub Security Advisories (PEP 811).";

export interface ManifestOptions {
  /** The App's name on GitHub (unique across GitHub; the person may change it on GitHub's page). */
  name: string;
  /** psrt's public URL (`server.publicUrl`): the homepage, the webhook and the sign-in callback hang off it. */
  publicUrl: string;
  redirectUrl?: string;
}

const under = (base: string, path: string) =>
  new URL(path, base.endsWith('/') ? base : `${base}/`).toString();

/** psrt's App manifest for a deployment at `publicUrl`. */
export function appManifest(options: ManifestOptions): AppManifest {
  return {
    name: options.name,
    url: options.publicUrl,
    description: appDescription,
    // psrt's webhook endpoint; GitHub makes the secret (the conversion answers it).
    hook_attributes: { url: under(options.publicUrl, 'webhooks/github'), active: true },
    ...(options.redirectUrl === undefined ? {} : { redirect_url: options.redirectUrl }),
    // "Sign in with GitHub" returns here (docs/configuration.md, "Signing in").
    callback_urls: [under(options.publicUrl, 'signin/callback')],
    // Only the owner installs it: the PSF's organisations.
    public: false,
    default_permissions: appPermissionLevels(),
    default_events: [...appEvents],
    // psrt signs people in when they open the dashboard, not when the App is installed.
    request_oauth_on_install: false,
  };
}

type Scalar = string | boolean;
type Yaml = Scalar | readonly Scalar[] | { readonly [key: string]: Yaml };

/**
 * Block-style YAML whose scalars are JSON (YAML 1.2 reads JSON strings and booleans as the same
 * values), so it needs no YAML library and means exactly what the manifest says.
 */
const isList = (value: Yaml): value is readonly Scalar[] => Array.isArray(value);

function yamlLines(value: { readonly [key: string]: Yaml }, indent: string): string[] {
  return Object.entries(value).flatMap(([key, item]) => {
    if (isList(item)) return [`${indent}${key}:`, ...item.map((x) => `${indent}  - ${JSON.stringify(x)}`)];
    if (typeof item === 'object') return [`${indent}${key}:`, ...yamlLines(item, `${indent}  `)];
    return [`${indent}${key}: ${JSON.stringify(item)}`];
  });
}

/** The manifest as app.yml holds it. */
export function manifestYaml(manifest: AppManifest): string {
  return [
    "# psrt's GitHub App manifest (GitHub's App-manifest flow), written by `psrt app manifest`:",
    '# the permissions and events psrt uses, from src/github/app-manifest.ts. Do not edit by hand.',
    `# \`psrt app create --url PUBLIC_URL\` sends it with PUBLIC_URL in place of ${exampleUrl}`,
    '# and a redirect_url back to itself; see docs/operations.md, "Create the GitHub App".',
    ...yamlLines({ ...manifest }, ''),
    '',
  ].join('\n');
}
