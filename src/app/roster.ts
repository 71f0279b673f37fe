// Use-cases on the PSRT roster: import and export in the devguide CSV format,
// and who is on it. Imports are all-or-nothing and keep at least two admins.
import { principalFor } from '../domain/access.ts';
import { sha256 } from '../domain/digest.ts';
import type { Principal, RosterEntry, RosterList } from '../domain/report.ts';
import { admins, checkTwoAdmins, MIN_ADMINS } from '../domain/roster.ts';
import { parseRosterCsv, serializeRosterCsv } from '../records/roster-csv.ts';
import { appendAudit, listRoster, lockRoster, replaceRosterList } from '../store/index.ts';
import { authorize } from './authorize.ts';
import { type AppContext, actorName } from './context.ts';
import { UseCaseError } from './errors.ts';
import { asUseCaseError } from './report-change.ts';

export interface RosterImport {
  /** Devguide `psrt.csv` text, and its name for error messages. */
  members?: { text: string; source: string };
  /** Devguide `psrt-emeritus.csv` text. */
  emeritus?: { text: string; source: string };
  /** An empty file may empty a list that has people on it (otherwise that is refused as a likely mistake). */
  allowEmpty?: boolean;
}

export interface RosterImportResult {
  members: number | null;
  emeritus: number | null;
  /** True when there was no member list yet and this import set it up. */
  bootstrap: boolean;
}

/**
 * Replaces the member and/or emeritus list. Admins only, except the very first
 * import into an empty roster, which is how a new installation starts.
 */
export async function importRoster(
  ctx: AppContext,
  actor: Principal,
  input: RosterImport,
): Promise<RosterImportResult> {
  if (!input.members && !input.emeritus)
    throw new UseCaseError('invalid', 'Nothing to import: give a member list, an emeritus list or both.');
  const now = ctx.now();
  try {
    // Parse everything before touching the store: a bad file changes nothing.
    const members = input.members ? parseRosterCsv(input.members.text, 'member', input.members.source) : null;
    const emeritus = input.emeritus
      ? parseRosterCsv(input.emeritus.text, 'emeritus', input.emeritus.source)
      : null;
    return await ctx.store.transaction(async (tx) => {
      await lockRoster(tx);
      const before = await listRoster(tx);
      // Until a member list exists nobody is an admin, so the first member import sets the roster up.
      const bootstrap = !before.some((entry) => entry.list === 'member');
      if (!bootstrap) authorize(actor, 'roster.manage');
      const after = [
        ...(members ?? before.filter((e) => e.list === 'member')),
        ...(emeritus ?? before.filter((e) => e.list === 'emeritus')),
      ];
      if (bootstrap && admins(after).length < MIN_ADMINS) {
        throw new UseCaseError(
          'refused',
          `The first roster import must bring in the member list with at least ${MIN_ADMINS} admins, or nobody could manage the roster afterwards.`,
        );
      }
      for (const [list, entries, file] of [
        ['member', members, input.members],
        ['emeritus', emeritus, input.emeritus],
      ] as const) {
        const current = before.filter((e) => e.list === list).length;
        if (entries?.length === 0 && current > 0 && !input.allowEmpty)
          throw new UseCaseError(
            'refused',
            `${file?.source} has nobody in it, and importing it would empty the ${list} list (${current} ${current === 1 ? 'entry' : 'entries'}). If that is what you mean, import it again allowing an empty list (on the command line: --allow-empty).`,
          );
      }
      checkTwoAdmins(before, after);
      if (members) await replaceRosterList(tx, 'member', members);
      if (emeritus) await replaceRosterList(tx, 'emeritus', emeritus);
      await appendAudit(tx, {
        actor: actorName(actor),
        action: 'roster.import',
        subject: 'roster',
        at: now,
        change: {
          bootstrap,
          members: input.members
            ? { source: input.members.source, entries: members?.length, sha256: sha256(input.members.text) }
            : null,
          emeritus: input.emeritus
            ? {
                source: input.emeritus.source,
                entries: emeritus?.length,
                sha256: sha256(input.emeritus.text),
              }
            : null,
        },
      });
      return { members: members?.length ?? null, emeritus: emeritus?.length ?? null, bootstrap };
    });
  } catch (error) {
    throw asUseCaseError(error);
  }
}

/** The list in the devguide CSV format, byte-identical to what was imported. The member list is public. */
export async function exportRoster(ctx: AppContext, list: RosterList): Promise<string> {
  const entries = await listRoster(ctx.store.db, list);
  return serializeRosterCsv(entries);
}

export function getRoster(ctx: AppContext, list?: RosterList): Promise<RosterEntry[]> {
  return listRoster(ctx.store.db, list);
}

/** Who a GitHub login is to psrt: a member with roles, or someone who may only hold grants. */
export async function resolvePrincipal(ctx: AppContext, login: string): Promise<Principal> {
  return principalFor(login, await listRoster(ctx.store.db));
}
