// The simulator's knobs (every UNVERIFIED behaviour that was cheap to make switchable) and the
// context handed to routes and actions: state, clock, configuration and the webhook sender.
import type { TokenFormat } from './auth.ts';
import type { SimClock } from './clock.ts';
import type { SimState } from './state.ts';
import type { WebhookSender } from './webhooks.ts';

export interface SimConfig {
  /** How long GitHub's CNA takes to fill `cve_id` after `POST …/cve` (§2.8). */
  cveDelayMs: number;
  /** How long a new temporary private fork answers 404 (GitHub: "up to 5 minutes"). */
  forkDelayMs: number;
  /** Primary limits per hour, per identity (user, installation, App, anonymous client). */
  rateLimits: { user: number; installation: number; app: number; anonymous: number };
  /** `identity`: one budget per user / installation / App / client, as GitHub counts; `token`: per token. */
  rateLimitScope: 'identity' | 'token';
  /** GitHub answers an exhausted primary limit with 403 or 429. */
  rateLimitStatus: 403 | 429;
  /** Request bodies larger than this are refused with 413. */
  maxBodyBytes: number;
  /** `stateless` (`ghs_<app id>_<JWT>`, the 2026 default) or `classic` (`ghs_` + 36). */
  tokenFormat: TokenFormat;
  /** Publishing needs a severity and every vulnerability's package name (UNVERIFIED). */
  strictPublish: boolean;
  /** GitHub refuses advisories in private repositories on FPT since 2024-05-15. */
  privateRepoAdvisories: boolean;
  /** A delivery not answered within this time is recorded as failed (GitHub: 10 s). */
  webhookTimeoutMs: number;
  /** Base of the API URLs inside responses and payloads; default: the address the client used. */
  publicBaseUrl: string | null;
  /** Base of `html_url`s. */
  htmlBaseUrl: string;
}

export const defaultConfig = (): SimConfig => ({
  cveDelayMs: 60_000,
  forkDelayMs: 0,
  rateLimits: { user: 5000, installation: 5000, app: 5000, anonymous: 60 },
  rateLimitScope: 'identity',
  rateLimitStatus: 403,
  maxBodyBytes: 1024 * 1024,
  tokenFormat: 'stateless',
  strictPublish: true,
  privateRepoAdvisories: false,
  webhookTimeoutMs: 10_000,
  publicBaseUrl: null,
  htmlBaseUrl: 'https://github.com',
});

export interface SimContext {
  state: SimState;
  clock: SimClock;
  config: SimConfig;
  webhooks: WebhookSender;
  /** Where the simulator listens, once it does: the API base for webhook payloads. */
  listenUrl: string | null;
}

export function payloadUrls(ctx: SimContext): { api: string; html: string } {
  return {
    api: ctx.config.publicBaseUrl ?? ctx.listenUrl ?? 'https://api.github.com',
    html: ctx.config.htmlBaseUrl,
  };
}
