// The one place that decides who may see and do what. Embargo comes first:
// before publication a report exists only for members and for collaborators
// with an active grant on it. The store turns `reportScope` into SQL; every
// other layer asks `canSeeReport` or `can`, both derived from the same rules.
import { isGrantActive } from './clocks.ts';
import type { Grant, Principal, Report, RosterEntry } from './report.ts';
import { findMember, sameLogin } from './roster.ts';

/**
 * Which reports a principal may see, as the store filters them:
 * - `all`: every report (members and the bot);
 * - `granted`: published reports, plus reports on which `login` holds an
 *   active grant (not revoked; no expiry, or expiry still in the future);
 * - `published`: published reports only.
 */
export type ReportScope = { kind: 'all' } | { kind: 'granted'; login: string } | { kind: 'published' };

export const actions = [
  'report.coordinate',
  'report.transition',
  'report.extend',
  'report.grant',
  'report.comment',
  'roster.manage',
  'audit.verify',
  /** Load the PSF's published advisories (OSV files, CVE records) as published reports. */
  'history.import',
  /** Nominate someone for the PSRT (PEP 811: any member). */
  'nomination.open',
  'nomination.vote',
  /** Run a nomination: record the Steering Council's veto, withdraw it (admins, PEP 811). */
  'nomination.manage',
  /** The yearly inactivity report to the Steering Council, and the Council's decisions on it (admins). */
  'membership.inactivity',
  /** Compare the GitHub team, the mailing list, Discord and the devguide CSVs with the roster, and apply (admins). */
  'roster.sync',
  /** See what psrt did or will do outside (effects carry report text) and re-drive what failed. */
  'effects.manage',
  /** See GitHub's webhook deliveries to psrt (their payloads carry advisory text) and re-drive what failed. */
  'webhooks.manage',
  /** Read the audit log: its events carry every report's changes, embargoed text included. */
  'audit.read',
  /** See members' roles and their work (reports coordinated, last activity); names and logins are public. */
  'roster.activity',
  /** Read the security@ inbox: its mail is embargoed report text from people outside the PSRT. */
  'intake.read',
  /** Decide on a security@ thread (spam, reply, forward, file as a report): PEP 811 gives this to admins. */
  'intake.triage',
] as const;
export type Action = (typeof actions)[number];

export interface AccessDecision {
  allowed: boolean;
  /** Why, in words safe for anyone: never report text, title or id. */
  reason: string;
}

/** What `can` needs to recognise a collaborator on the report. */
export interface GrantContext {
  grants: readonly Grant[];
  now: Date;
}

function holdsActiveGrant(login: string, report: Report, grants: readonly Grant[], now: Date): boolean {
  return grants.some(
    (g) => g.reportId === report.id && sameLogin(g.login, login) && isGrantActive(g, report, now),
  );
}

const isMember = (principal: Principal): boolean => principal.kind === 'user' && principal.member;
const isAdmin = (principal: Principal): boolean =>
  principal.kind === 'user' && principal.member && principal.roles.includes('Admin');

export function reportScope(principal: Principal): ReportScope {
  if (principal.kind === 'system' || isMember(principal)) return { kind: 'all' };
  if (principal.kind === 'user') return { kind: 'granted', login: principal.login };
  return { kind: 'published' };
}

/** Whether this principal may know the report exists at all. Evaluates `reportScope` for one report. */
export function canSeeReport(
  principal: Principal,
  report: Report,
  grants: readonly Grant[],
  now: Date,
): boolean {
  const scope = reportScope(principal);
  switch (scope.kind) {
    case 'all':
      return true;
    case 'granted':
      return report.state === 'published' || holdsActiveGrant(scope.login, report, grants, now);
    case 'published':
      return report.state === 'published';
  }
}

const allow = (reason: string): AccessDecision => ({ allowed: true, reason });
const deny = (reason: string): AccessDecision => ({ allowed: false, reason });

// Roster and audit work are admin duties (PEP 811); everything else a member does.
const adminActions: readonly Action[] = [
  'roster.manage',
  'nomination.manage',
  'membership.inactivity',
  'roster.sync',
  'audit.verify',
  'history.import',
  'intake.read',
  'intake.triage',
];

/**
 * Whether the principal may take an action, on a report when given. Pass the
 * report's grants so a collaborator can be recognised; without them only
 * members and the bot are allowed report actions.
 */
export function can(
  principal: Principal,
  action: Action,
  report?: Report,
  access?: GrantContext,
): AccessDecision {
  if (principal.kind === 'anonymous')
    return deny('Sign in first: anonymous visitors can only read published advisories.');

  if (principal.kind === 'system') {
    // The bot assigns coordinators, moves states, revokes grants and checks the
    // audit chain on a schedule; people decide the roster and nominations.
    if (['roster.manage', 'nomination.open', 'nomination.vote', 'nomination.manage'].includes(action)) {
      return deny(
        `The bot may not ${action === 'roster.manage' ? 'change the roster' : 'vote'}; a person must.`,
      );
    }
    return allow(`The ${principal.name} acts on every report.`);
  }

  if (adminActions.includes(action)) {
    return isAdmin(principal)
      ? allow('PSRT admins manage the roster, the audit log, the imported history and security@ triage.')
      : deny('Only PSRT admins may do this (PEP 811); ask an admin.');
  }
  if (principal.member) return allow('PSRT members may do this on every report.');

  if (action !== 'report.comment') return deny('Only PSRT members may do this.');
  // One wording whether the report exists, is embargoed or the grant lapsed:
  // a denial must not confirm that an embargoed report exists.
  const collaborator =
    report !== undefined &&
    access !== undefined &&
    holdsActiveGrant(principal.login, report, access.grants, access.now);
  return collaborator
    ? allow('Collaborators may comment on the report they were granted access to.')
    : deny('Only PSRT members and collaborators with an active grant on the report may comment.');
}

/** The principal for a signed-in GitHub user: a member when on the member list, with that entry's roles. */
export function principalFor(login: string, roster: readonly RosterEntry[]): Principal {
  const entry = findMember(roster, login);
  return entry === undefined
    ? { kind: 'user', login, member: false, roles: [] }
    : { kind: 'user', login, member: true, roles: [...entry.roles] };
}
