// Installation tokens for the App's installations. octokit's App mints them
// (with a JWT) and caches them for 59 minutes of local time; this layer also
// renews a token close to its `expires_at` by the client's clock, and when
// GitHub refuses a token with 401 anyway (revoked, expired early, clock skew)
// it gets a fresh one and retries the request once, so callers never see it.
import type { EndpointOptions, RequestInterface } from '@octokit/types';
import { RequestError } from 'octokit';
import { MINUTE_MS } from '../domain/time.ts';

interface InstallationToken {
  token: string;
  expiresAt: Date | null;
}

/** Mints a token through octokit's App auth; `refresh` skips octokit's token cache. */
export type MintInstallationToken = (
  installationId: number,
  refresh: boolean,
) => Promise<{ token: string; expiresAt?: string }>;

/** Renew this long before GitHub's `expires_at`, so a request never races the expiry. */
const renewBeforeMs = 5 * MINUTE_MS;

export function createInstallationTokens(mint: MintInstallationToken, now: () => Date) {
  const current = new Map<number, InstallationToken>();
  const pending = new Map<number, Promise<InstallationToken>>();

  const usable = (token: InstallationToken | undefined): token is InstallationToken =>
    token !== undefined &&
    (token.expiresAt === null || token.expiresAt.getTime() - now().getTime() > renewBeforeMs);

  const issue = (installationId: number, refresh: boolean): Promise<InstallationToken> => {
    const inFlight = pending.get(installationId);
    if (inFlight) return inFlight;
    const promise = (async () => {
      let minted = await mint(installationId, refresh);
      let token = { token: minted.token, expiresAt: minted.expiresAt ? new Date(minted.expiresAt) : null };
      if (!refresh && !usable(token)) {
        minted = await mint(installationId, true);
        token = { token: minted.token, expiresAt: minted.expiresAt ? new Date(minted.expiresAt) : null };
      }
      current.set(installationId, token);
      return token;
    })().finally(() => pending.delete(installationId));
    pending.set(installationId, promise);
    return promise;
  };

  return {
    /** A token that is valid for a while yet. */
    async get(installationId: number): Promise<InstallationToken> {
      const token = current.get(installationId);
      return usable(token) ? token : issue(installationId, token !== undefined);
    },
    /** A token other than `refused`: the one another request already renewed, or a new one. */
    async replace(installationId: number, refused: string): Promise<InstallationToken> {
      const token = current.get(installationId);
      if (token && token.token !== refused && usable(token)) return token;
      // A renewal already under way may have been a plain lookup that found the refused token.
      const renewed = await issue(installationId, true);
      return renewed.token === refused ? issue(installationId, true) : renewed;
    },
  };
}

export type InstallationTokens = ReturnType<typeof createInstallationTokens>;

/**
 * An octokit `authStrategy` for one installation: `new Octokit({ authStrategy:
 * createInstallationAuth, auth: { installationId, tokens } })`.
 */
export function createInstallationAuth(options: {
  installationId: number;
  tokens: InstallationTokens;
  onRenewedAfter401?: () => void;
}) {
  const { installationId, tokens } = options;
  const auth = async () => {
    const { token, expiresAt } = await tokens.get(installationId);
    return {
      type: 'token' as const,
      tokenType: 'installation' as const,
      token,
      installationId,
      expiresAt: expiresAt?.toISOString() ?? null,
    };
  };
  const hook = async (request: RequestInterface, route: EndpointOptions) => {
    const endpoint = request.endpoint.merge(route);
    const first = await tokens.get(installationId);
    endpoint.headers.authorization = `token ${first.token}`;
    try {
      return await request(endpoint as EndpointOptions);
    } catch (error) {
      if (!(error instanceof RequestError) || error.status !== 401) throw error;
      const fresh = await tokens.replace(installationId, first.token);
      options.onRenewedAfter401?.();
      endpoint.headers.authorization = `token ${fresh.token}`;
      return request(endpoint as EndpointOptions);
    }
  };
  return Object.assign(auth, { hook });
}
