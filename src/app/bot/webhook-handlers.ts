// What the bot does with each GitHub webhook delivery (src/app/bot/deliveries.ts
// runs these): a `repository_advisory` says an advisory changed, and the bot
// reads it from GitHub and mirrors that, like a poll's sighting; public
// issues, pull requests and pushes are read by the leak guard as they happen;
// a `security_advisory` (the GitHub Advisory Database) is noted on the
// timeline of the report it belongs to.
// Every handler may run twice for one delivery, and is safe to: sightings and
// alerts are idempotent.
import { canonicalJson } from '../../domain/audit.ts';
import type { PublicItem } from '../../domain/bot/leak-guard.ts';
import { type GitHubClient, GitHubError, type RepositoryAdvisory } from '../../github/index.ts';
import { appendAudit, getReportByGhsaId, listAudit } from '../../store/index.ts';
import { type AppContext, actorName, botPrincipal } from '../context.ts';
import type { DeliveryHandlers } from './deliveries.ts';
import { raiseLeakAlerts } from './leak-guard.ts';
import { type BotSettings, observeAdvisory } from './observe.ts';
import { ghsaOf } from './poller.ts';

interface PublicRepository {
  private?: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
const inPublic = (payload: Record<string, unknown>) =>
  isObject(payload.repository) && (payload.repository as PublicRepository).private === false;

// A signed payload is GitHub's, but its shape is still read, not assumed: an item
// missing a field the alert needs is skipped rather than failing the delivery.
/** An issue or pull request as the leak guard reads it; null when the payload's one lacks a field. */
function issueItem(kind: 'issue' | 'pull request', value: unknown): PublicItem | null {
  if (!isObject(value)) return null;
  const { number, title, body, html_url: url } = value;
  if (typeof number !== 'number' || typeof title !== 'string' || typeof url !== 'string') return null;
  return { label: `${kind} #${number}`, url, text: `${title}\n${typeof body === 'string' ? body : ''}` };
}

/** A pushed commit as the leak guard reads it; null when the payload's one lacks a field. */
function commitItem(value: unknown): PublicItem | null {
  if (!isObject(value)) return null;
  const { id, url, message } = value;
  if (typeof id !== 'string' || typeof url !== 'string' || typeof message !== 'string') return null;
  return { label: `commit ${id.slice(0, 10)}`, url, text: message };
}

/** The fields of a GitHub Advisory Database entry (`security_advisory`) the timeline notes. */
interface DatabaseEntry {
  ghsa_id: string;
  updated_at: string;
  withdrawn_at?: string | null;
}

/**
 * A report's advisory entering, changing in or withdrawn from the GitHub
 * Advisory Database (where Dependabot reads it), noted on the report's
 * timeline once per action and version of the entry; false when psrt has no
 * report for it (most entries are other projects').
 */
async function noteDatabaseEntry(ctx: AppContext, action: string, entry: DatabaseEntry): Promise<boolean> {
  if (typeof entry.ghsa_id !== 'string') return false;
  const report = await getReportByGhsaId(ctx.store.db, entry.ghsa_id);
  if (!report) return false;
  const change = {
    action,
    ghsaId: entry.ghsa_id,
    updatedAt: entry.updated_at,
    withdrawnAt: entry.withdrawn_at ?? null,
  };
  await ctx.store.transaction(async (tx) => {
    const noted = (await listAudit(tx, report.id)).some(
      (event) => event.action === databaseAction && canonicalJson(event.change) === canonicalJson(change),
    );
    if (noted) return;
    await appendAudit(tx, {
      actor: actorName(botPrincipal),
      action: databaseAction,
      subject: report.id,
      at: ctx.now(),
      change,
    });
  });
  return true;
}

const databaseAction = 'report.advisory-database';

/**
 * The handlers, reading advisories through the App's `github` client. With
 * no App configured (null), or a delivery from a hook that is not the App's
 * (no installation), psrt cannot read the advisory: the delivery is ignored.
 */
export function botDeliveryHandlers(bot: BotSettings, github: GitHubClient | null): DeliveryHandlers {
  return {
    repository_advisory: async (ctx, { payload, installationId }) => {
      if (!isObject(payload) || !isObject(payload.repository_advisory)) return 'ignored';
      if (github === null || installationId === null) return 'ignored';
      // The payload is the advisory when the event happened, and GitHub's
      // `updated_at` has whole seconds: a late or replayed payload can look as
      // new as the last sighting and undo it. What GitHub shows now cannot.
      const { ghsaId, repository } = ghsaOf(payload.repository_advisory as unknown as RepositoryAdvisory);
      const [owner = '', repo = ''] = (repository ?? '').split('/');
      if (!owner || !repo) return 'ignored';
      const current = await github
        .forInstallation(installationId)
        .getAdvisory(owner, repo, ghsaId)
        .catch((error: unknown) => {
          // Gone, or no longer the App's to read: nothing for psrt to mirror.
          if (error instanceof GitHubError && error.kind === 'not-found') return null;
          throw error;
        });
      if (current === null) return 'ignored';
      await observeAdvisory(ctx, bot, ghsaOf(current));
      return 'done';
    },
    security_advisory: async (ctx, { payload, action }) => {
      if (!isObject(payload) || !isObject(payload.security_advisory)) return 'ignored';
      const entry = payload.security_advisory as unknown as DatabaseEntry;
      return (await noteDatabaseEntry(ctx, action ?? 'updated', entry)) ? 'done' : 'ignored';
    },
    issues: async (ctx, { payload }) => {
      if (!isObject(payload) || !inPublic(payload)) return 'ignored';
      const item = issueItem('issue', payload.issue);
      if (item === null) return 'ignored';
      await raiseLeakAlerts(ctx, [item]);
      return 'done';
    },
    pull_request: async (ctx, { payload }) => {
      if (!isObject(payload) || !inPublic(payload)) return 'ignored';
      const item = issueItem('pull request', payload.pull_request);
      if (item === null) return 'ignored';
      await raiseLeakAlerts(ctx, [item]);
      return 'done';
    },
    push: async (ctx, { payload }) => {
      if (!isObject(payload) || !inPublic(payload) || !Array.isArray(payload.commits)) return 'ignored';
      const items = payload.commits.map(commitItem).filter((item): item is PublicItem => item !== null);
      await raiseLeakAlerts(ctx, items);
      return 'done';
    },
  };
}
