// GitHub's side of the App-manifest flow: where the browser posts the manifest (a personal account's
// or an organisation's "new GitHub App" page, with a `state`), and the temporary `code` GitHub
// sends back traded for the App's credentials (`POST /app-manifests/{code}/conversions`). The
// credentials never reach an error message or a log.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** Why the App's credentials could not be had, in words for the person running `psrt app create`. */
export class AppRegistrationError extends Error {
  override name = 'AppRegistrationError';
}

/** A fresh `state` for one registration. */
export const newRegistrationState = (): string => randomBytes(32).toString('base64url');

/** True when GitHub's answer carries the state this registration sent. */
export function sameState(expected: string, received: string | undefined): boolean {
  if (received === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}

const under = (base: string, path: string) => new URL(path, base.endsWith('/') ? base : `${base}/`);

/** The page the manifest form posts to: the person's own Apps, or the organisation's. */
export function newAppPageUrl(webUrl: string, org: string | null, state: string): string {
  const url = under(
    webUrl,
    org === null ? 'settings/apps/new' : `organizations/${encodeURIComponent(org)}/settings/apps/new`,
  );
  url.searchParams.set('state', state);
  return url.toString();
}

/** What the conversion answers and psrt keeps: the App, its OAuth client, its key and webhook secret. */
export interface AppCredentials {
  id: number;
  slug: string;
  name: string;
  owner: string;
  htmlUrl: string;
  clientId: string;
  clientSecret: string;
  webhookSecret: string;
  /** The App's private key, PEM. */
  pem: string;
}

const conversion = z.object({
  id: z.number().int().positive(),
  slug: z.string().min(1),
  name: z.string().min(1),
  owner: z.object({ login: z.string().min(1) }),
  html_url: z.string().min(1),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  webhook_secret: z.string().min(1),
  pem: z.string().includes('PRIVATE KEY'),
});

export interface ConversionRequest {
  /** api.github.com, or the simulator. */
  apiUrl: string;
  code: string;
  /** Defaults to the global fetch. */
  fetch?: (request: Request) => Promise<Response>;
}

/** Trades the manifest flow's code for the new App's credentials (no authentication: the code is it). */
export async function convertManifestCode(request: ConversionRequest): Promise<AppCredentials> {
  const url = under(request.apiUrl, `app-manifests/${encodeURIComponent(request.code)}/conversions`);
  let response: Response;
  try {
    response = await (request.fetch ?? fetch)(
      new Request(url, {
        method: 'POST',
        headers: {
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
          'user-agent': 'psrt',
        },
      }),
    );
  } catch (error) {
    throw new AppRegistrationError(
      `GitHub's API (${url.origin}) could not be reached to fetch the new App's credentials: ${(error as Error).message}. The code works for an hour: nothing was written.`,
    );
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.status !== 201) {
    const message =
      typeof body === 'object' && body !== null && 'message' in body ? ` (${String(body.message)})` : '';
    throw new AppRegistrationError(
      `GitHub refused the code with HTTP ${response.status}${message}: a code works once, within an hour of creating the App. Delete the App GitHub made (its settings page, Advanced) and run psrt app create again.`,
    );
  }
  const parsed = conversion.safeParse(body);
  if (!parsed.success)
    throw new AppRegistrationError(
      `GitHub's answer lacks ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}: the App may exist on GitHub without psrt having its credentials.`,
    );
  const app = parsed.data;
  return {
    id: app.id,
    slug: app.slug,
    name: app.name,
    owner: app.owner.login,
    htmlUrl: app.html_url,
    clientId: app.client_id,
    clientSecret: app.client_secret,
    webhookSecret: app.webhook_secret,
    pem: app.pem,
  };
}
