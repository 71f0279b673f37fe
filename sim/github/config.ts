// The simulator's knobs, one zod schema checked on every change (`config`, `configure`,
// `PATCH /_sim/config`), and the core of the context handed to routes and actions (context.ts). Each behaviour the spec
// marks UNVERIFIED, and that psrt's client must survive either way, has a knob here; the
// defaults are the spec's most likely reading (README: "Choices where GitHub's behaviour…").
import { z } from 'zod';
import type { TokenFormat } from './auth.ts';
import type { SimClock } from './clock.ts';
import type { SimState } from './state.ts';

const count = z.number().int().min(0);

export const simConfigSchema = z.strictObject({
  /** How long GitHub's CNA takes to fill `cve_id` after `POST …/cve` (§2.8). */
  cveDelayMs: count,
  /** How long a new temporary private fork answers 404 (GitHub: "up to 5 minutes"). */
  forkDelayMs: count,
  /** Primary limits per hour, per identity (user, installation, App, anonymous client). */
  rateLimits: z.strictObject({ user: count, installation: count, app: count, anonymous: count }),
  /** The search bucket, per minute: signed-in callers (users, installations) and anonymous ones. */
  searchRateLimits: z.strictObject({ authenticated: count, anonymous: count }),
  /** `identity`: one budget per user / installation / App / client, as GitHub counts; `token`: per token. */
  rateLimitScope: z.enum(['identity', 'token']),
  /** GitHub answers an exhausted primary limit with 403 or 429. */
  rateLimitStatus: z.union([z.literal(403), z.literal(429)]),
  /** Request bodies larger than this are refused with 413. */
  maxBodyBytes: count,
  /** `stateless` (`ghs_<app id>_<JWT>`, the 2026 default) or `classic` (`ghs_` + 36). */
  tokenFormat: z.enum(['stateless', 'classic']) satisfies z.ZodType<TokenFormat>,
  /** GitHub refuses advisories in private repositories on FPT since 2024-05-15. */
  privateRepoAdvisories: z.boolean(),
  /** A delivery not answered within this time is recorded as failed (GitHub: 10 s). */
  webhookTimeoutMs: count,
  /** Base of the API URLs inside responses and payloads; default: the address the client used. */
  publicBaseUrl: z.string().nullable(),
  /** Base of `html_url`s. */
  htmlBaseUrl: z.string(),

  // UNVERIFIED behaviours (github-advisories.md), each with the spec's likely reading as default.
  /** §0.2: `?page=` on the cursor-paginated advisory lists is refused with 400, or ignored. */
  cursorPageParam: z.enum(['reject', 'ignore']),
  /** §1: setting a CVSS vector sets `severity` to the score's band, or leaves it as it was. */
  severityFromVector: z.boolean(),
  /**
   * §2.5: once `cvss_vector_string: null` cleared the vector, `severity` may be set in a later
   * PATCH (`next-patch`), or already in the one that clears it (`same-patch`).
   */
  severityAfterClearingVector: z.enum(['next-patch', 'same-patch']),
  /** §2.5: an unknown login or team slug in `collaborating_users`/`_teams` is a 422, or dropped. */
  unknownCollaborators: z.enum(['reject', 'ignore']),
  /** §2.6: PATCH `state: "draft"` accepts a report in triage, or only the web UI can (422). */
  acceptReportViaApi: z.boolean(),
  /** §2.6: PATCH `state: "draft"` reopens a closed advisory, or only the web UI can (422). */
  reopenViaApi: z.boolean(),
  /** §2.6: publishing needs a description, a severity (or vector) and named packages (422). */
  strictPublish: z.boolean(),
  /** §2.7: a private report to a repository with reporting off answers 404 or 403. */
  pvrDisabledStatus: z.union([z.literal(404), z.literal(403)]),
  /** §2.9: a second `POST …/forks` is a 422, or a 202 with the fork that already exists. */
  secondPrivateFork: z.enum(['reject', 'existing']),
  /** §2.11: the comments list pages with `page` (issue-comment style) or with `after`/`before`. */
  commentPagination: z.enum(['page', 'cursor']),
  /** §2.11: the preview adds the advisory's `comments` count to its REST representation, or not. */
  advisoryCommentCount: z.boolean(),
  /** §2.11: comments shaped like issue comments (`user`), or only the observed id, `author`, body and times. */
  commentShape: z.enum(['issue-comment', 'minimal']),
  /** §3.3: a user with no grant has `read` on a public repository (`none` on a private one), or `none`. */
  permissionWithoutGrant: z.enum(['read-on-public', 'none']),
  /** §4.1: a redelivery keeps the original `X-GitHub-Delivery` GUID, or gets a new one. */
  redeliveryGuid: z.enum(['same', 'new']),
  /** §7.3: a PATCH that changes nothing still moves `updated_at`, or leaves it. */
  noOpPatchBumpsUpdatedAt: z.boolean(),
});

export type SimConfig = z.infer<typeof simConfigSchema>;

export const defaultConfig = (): SimConfig => ({
  cveDelayMs: 60_000,
  forkDelayMs: 0,
  rateLimits: { user: 5000, installation: 5000, app: 5000, anonymous: 60 },
  searchRateLimits: { authenticated: 30, anonymous: 10 },
  rateLimitScope: 'identity',
  rateLimitStatus: 403,
  maxBodyBytes: 1024 * 1024,
  tokenFormat: 'stateless',
  privateRepoAdvisories: false,
  webhookTimeoutMs: 10_000,
  publicBaseUrl: null,
  htmlBaseUrl: 'https://github.com',
  cursorPageParam: 'reject',
  severityFromVector: true,
  severityAfterClearingVector: 'next-patch',
  unknownCollaborators: 'reject',
  acceptReportViaApi: true,
  reopenViaApi: true,
  strictPublish: true,
  pvrDisabledStatus: 404,
  secondPrivateFork: 'reject',
  commentPagination: 'page',
  advisoryCommentCount: true,
  commentShape: 'issue-comment',
  permissionWithoutGrant: 'read-on-public',
  redeliveryGuid: 'same',
  noOpPatchBumpsUpdatedAt: true,
});

/** A checked change of some knobs; anything unknown or out of range says which and why. */
export function configPatch(patch: unknown): Partial<SimConfig> {
  const parsed = simConfigSchema.partial().safeParse(patch ?? {});
  if (!parsed.success) throw new Error(`Invalid simulator config:\n${z.prettifyError(parsed.error)}`);
  // A key given as undefined changes nothing, rather than unsetting a knob.
  return Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined));
}

/** The simulator's model, clock, knobs and address: what the webhook sender reads, as every route does. */
export interface SimCore {
  state: SimState;
  clock: SimClock;
  config: SimConfig;
  /** Where the simulator listens, once it does: the API base for webhook payloads. */
  listenUrl: string | null;
}

export function payloadUrls(ctx: SimCore): { api: string; html: string } {
  return {
    api: ctx.config.publicBaseUrl ?? ctx.listenUrl ?? 'https://api.github.com',
    html: ctx.config.htmlBaseUrl,
  };
}
