// Merging a duplicate into the report that carries on (the original): the original's
// disclosure clock runs from the earliest receipt of either, the duplicate's reporter
// and credits join the original's, and the duplicate is rejected as a duplicate of it,
// which sends the devguide's duplicate reply, closes its GHSA and rejects its CVE ID
// (domain/lifecycle). Pure: the use-case (app/merge) loads, saves and audits both.
import type { Effect } from './effects.ts';
import { Refusal } from './errors.ts';
import { githubLoginPattern } from './identifiers.ts';
import { recordTransition } from './lifecycle.ts';
import type { Credit } from './publication.ts';
import type { Report } from './report.ts';
import { sameLogin } from './roster.ts';

export interface Merge {
  /** The original, with the earliest receipt and the duplicate's credits. */
  original: Report;
  /** The duplicate, rejected as a duplicate of the original. */
  duplicate: Report;
  /** The duplicate's rejection: its reply, GHSA closed, CVE ID rejected. */
  effects: Effect[];
  /** Credits the original gained. */
  credits: Credit[];
  /** Whether the original's receipt (and so its disclosure deadline) moved earlier. */
  receivedEarlier: boolean;
}

/** What stops the merge, or null. Names reports by id only: never their text. */
export function mergeProblem(duplicate: Report, original: Report): string | null {
  if (duplicate.id === original.id) {
    return `A report cannot be merged into itself: name the original report that ${duplicate.id} duplicates.`;
  }
  if (duplicate.state === 'published') {
    return `${duplicate.id} is published: its advisory is out, so it cannot be merged away. Merge ${original.id} into it instead.`;
  }
  if (duplicate.state === 'rejected') {
    return `${duplicate.id} is already rejected: reopen it first if it should be merged.`;
  }
  if (original.state === 'rejected') {
    return `${original.id} is rejected: merge into the report that is still tracked, or reopen ${original.id} first.`;
  }
  if (original.state === 'published') {
    return `${original.id} is published and its records are out: reject ${duplicate.id} with the reason duplicate and ${original.id} as the detail instead.`;
  }
  return null;
}

/** `Jane Doe <jane@example.org>` → its parts; a bare address or login has no name. */
function parseReporter(reporter: string): {
  name: string | null;
  email: string | null;
  login: string | null;
} {
  const mailbox = /^\s*(.*?)\s*<([^<>@\s]+@[^<>\s]+)>\s*$/.exec(reporter);
  if (mailbox)
    return { name: mailbox[1]?.replace(/^"|"$/g, '') || null, email: mailbox[2] ?? null, login: null };
  const bare = reporter.trim().replace(/^@/, '');
  if (/^[^@\s]+@[^@\s]+$/.test(bare)) return { name: null, email: bare, login: null };
  if (githubLoginPattern.test(bare)) return { name: null, email: null, login: bare };
  return { name: bare, email: null, login: null };
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Whether `credits` already credit the person `credit` names, with the same type. */
const alreadyCredited = (credits: readonly Credit[], credit: Credit) =>
  credits.some(
    (c) =>
      c.type === credit.type &&
      ((c.login !== null && credit.login !== null && sameLogin(c.login, credit.login)) ||
        sameName(c.name, credit.name)),
  );

/**
 * The credits the duplicate brings: its reporter, as their recorded preference asks (none when
 * they asked not to be credited), and its own credits but the coordinator's (who coordinated a
 * duplicate is no credit on the original).
 */
export function creditsOfDuplicate(duplicate: Report): Credit[] {
  const credits: Credit[] = [];
  const preference = duplicate.creditPreference;
  if (duplicate.reporter && preference?.credit !== false) {
    const who = parseReporter(duplicate.reporter);
    const name = preference?.name?.trim() || who.name || who.login || who.email || duplicate.reporter.trim();
    // psrt records this credit itself (it is not a GHSA credit awaiting the person's acceptance).
    credits.push({ name, type: 'reporter', login: who.login, state: 'accepted' });
  }
  for (const credit of duplicate.publication.credits) {
    if (credit.type !== 'coordinator' && !alreadyCredited(credits, credit)) credits.push(credit);
  }
  return credits;
}

/** Merges `duplicate` into `original`, or throws a Refusal saying why not. */
export function mergeReports(duplicate: Report, original: Report, now: Date): Merge {
  const problem = mergeProblem(duplicate, original);
  if (problem) throw new Refusal(problem);
  const credits = creditsOfDuplicate(duplicate).filter(
    (credit) => !alreadyCredited(original.publication.credits, credit),
  );
  const receivedEarlier = duplicate.receivedAt.getTime() < original.receivedAt.getTime();
  const merged: Report = {
    ...original,
    receivedAt: receivedEarlier ? duplicate.receivedAt : original.receivedAt,
    publication: { ...original.publication, credits: [...original.publication.credits, ...credits] },
    updatedAt: now,
    lastActivityAt: now,
  };
  // The merge is the coordinator's determination that it duplicates the original, so the
  // rejection's checklist (a coordinator, a fitting determination) is not asked again.
  const rejected = recordTransition(
    duplicate,
    'reject',
    { rejection: { reason: 'duplicate', detail: original.id } },
    now,
  );
  return {
    original: merged,
    duplicate: rejected.report,
    effects: rejected.effects,
    credits,
    receivedEarlier,
  };
}
