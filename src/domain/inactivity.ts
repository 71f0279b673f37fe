// The yearly inactivity report (PEP 811): for a period, each active member is
// exempt (a Release Manager or on the Steering Council), active (with the
// evidence: reports they coordinated, comments and work on reports), or
// inactive, to be recommended to the Council for removal. Pure: the roster,
// the Council, the period and the evidence in; the standings out.
import { Refusal } from './errors.ts';
import type { RosterEntry } from './report.ts';
import { activeMembers, loginKey } from './roster.ts';

export class InactivityError extends Refusal {
  override readonly name: string = 'InactivityError';
}

/** The period a report covers: from `from` (included) to `to` (excluded). */
export interface Period {
  from: Date;
  to: Date;
}

/**
 * What counts as activity. `coordinated`: the member was a report's
 * coordinator (the GHSA's `coordinator` credit) during the period;
 * `commented`: a comment of theirs on the report's GHSA that psrt read;
 * `acted`: a change they made to the report in psrt (the audit log).
 */
export const evidenceKinds = ['coordinated', 'commented', 'acted'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

/** One report a member's activity is about: its id and where its GHSA is, never its text. */
export interface ReportRef {
  reportId: string;
  repository: string;
  ghsaId: string | null;
}

/** A member's activity on one report, of one kind, within the period. */
export interface Evidence extends ReportRef {
  kind: EvidenceKind;
  /** The first and last time within the period (for `coordinated`: when the tenure began and ended in it). */
  first: Date;
  last: Date;
  /** How many comments or changes; 1 for a coordination. */
  count: number;
}

/** Activity as the store reads it: per login, report and kind, within the period. */
export interface ActivityRow extends Evidence {
  login: string;
}

/**
 * Why a member may stay regardless of inactivity: PEP 811's release managers and Steering
 * Council members, and someone who joined during the period (a year without activity has not
 * passed for them).
 */
export const exemptRoles = ['Release Manager', 'Steering Council', 'joined in the period'] as const;
export type ExemptRole = (typeof exemptRoles)[number];

export const standings = ['inactive', 'exempt', 'active'] as const;
export type Standing = (typeof standings)[number];

export interface MemberStanding {
  login: string;
  name: string;
  standing: Standing;
  /** Why an exempt member is exempt; empty otherwise. */
  exemptAs: ExemptRole[];
  /** Their activity in the period (exempt members' too, for the record). */
  evidence: Evidence[];
}

export interface InactivityReport {
  period: Period;
  /** Every active member, inactive first, then exempt, then active; by name within each. */
  members: MemberStanding[];
}

/**
 * The period when none is chosen: since the last report's end, or one year
 * back when there was none, to now.
 */
export function defaultPeriod(lastReportEnd: Date | null, now: Date): Period {
  if (lastReportEnd && lastReportEnd < now) return { from: lastReportEnd, to: now };
  const from = new Date(now.getTime());
  from.setUTCFullYear(from.getUTCFullYear() - 1);
  return { from, to: now };
}

/** A chosen period must start before it ends, and cannot end in the future (activity there is unknown). */
export function checkPeriod(period: Period, now: Date): Period {
  if (Number.isNaN(period.from.getTime()) || Number.isNaN(period.to.getTime()))
    throw new InactivityError('Give the period as dates, e.g. --from 2025-12-01 --to 2026-12-01.');
  if (period.from >= period.to)
    throw new InactivityError(
      'The period must start before it ends: give a "from" date before the "to" date.',
    );
  if (period.to > now)
    throw new InactivityError('The period cannot end in the future: give a "to" date up to today.');
  return period;
}

/** A report as coordinator tenures are read from it. */
export interface CoordinatedReport extends ReportRef {
  /** The coordinator now. */
  coordinator: string | null;
  createdAt: Date;
  /** When it was published or rejected; a finished report is no one's work after that. */
  finishedAt: Date | null;
}

/** A recorded change of a report's coordinator (the audit log's `{ coordinator: { from, to } }`), oldest first. */
export interface CoordinatorChange {
  reportId: string;
  at: Date;
  from: string | null;
  to: string | null;
}

/**
 * Who coordinated each report when: the value it was created with is the
 * `from` of its first change (or its coordinator now, if it never changed),
 * then each change starts a new tenure; the last ends when the report was
 * finished, or runs on. Tenures that do not overlap the period are left out,
 * the rest are clipped to it.
 */
export function coordinatorTenures(
  reports: readonly CoordinatedReport[],
  changes: readonly CoordinatorChange[],
  period: Period,
): ActivityRow[] {
  const byReport = new Map<string, CoordinatorChange[]>();
  for (const change of changes) {
    const list = byReport.get(change.reportId);
    if (list) list.push(change);
    else byReport.set(change.reportId, [change]);
  }
  const rows: ActivityRow[] = [];
  for (const report of reports) {
    const own = byReport.get(report.reportId) ?? [];
    const end = report.finishedAt ?? period.to;
    let holder = own[0] ? own[0].from : report.coordinator;
    let since = report.createdAt;
    const close = (until: Date) => {
      const first = later(since, period.from);
      const last = earlier(until, period.to);
      if (holder !== null && first < last)
        rows.push({ ...refOf(report), login: holder, kind: 'coordinated', first, last, count: 1 });
    };
    for (const change of own) {
      close(earlier(change.at, end));
      holder = change.to;
      since = change.at;
    }
    close(end);
  }
  return rows;
}

const earlier = (a: Date, b: Date): Date => new Date(Math.min(a.getTime(), b.getTime()));
const later = (a: Date, b: Date): Date => new Date(Math.max(a.getTime(), b.getTime()));

const refOf = ({ reportId, repository, ghsaId }: ReportRef): ReportRef => ({ reportId, repository, ghsaId });

const kindOrder = (kind: EvidenceKind) => evidenceKinds.indexOf(kind);

/**
 * Each active member's standing in the period. Release managers, Steering
 * Council members (a roster role, or the configured Council) and those who
 * joined during the period are exempt; the others are active with evidence,
 * or inactive without.
 */
export function inactivityReport(input: {
  roster: readonly RosterEntry[];
  steeringCouncil: readonly string[];
  period: Period;
  activity: readonly ActivityRow[];
  /** When each member's join was applied (by login key), for those who joined through psrt. */
  joinedAt?: ReadonlyMap<string, Date>;
}): InactivityReport {
  const council = new Set(input.steeringCouncil.map(loginKey));
  const byLogin = new Map<string, Evidence[]>();
  for (const { login, ...evidence } of input.activity) {
    if (evidence.last < input.period.from || evidence.first >= input.period.to) continue;
    const key = loginKey(login);
    const list = byLogin.get(key);
    if (list) list.push(evidence);
    else byLogin.set(key, [evidence]);
  }
  const members = activeMembers(input.roster).flatMap((entry): MemberStanding[] => {
    if (entry.login === null) return [];
    const joined = input.joinedAt?.get(loginKey(entry.login));
    const exemptAs = exemptRoles.filter((role) =>
      role === 'joined in the period'
        ? joined !== undefined && joined > input.period.from
        : entry.roles.includes(role) ||
          (role === 'Steering Council' && council.has(loginKey(entry.login ?? ''))),
    );
    const evidence = (byLogin.get(loginKey(entry.login)) ?? []).sort(
      (a, b) =>
        kindOrder(a.kind) - kindOrder(b.kind) ||
        a.first.getTime() - b.first.getTime() ||
        a.reportId.localeCompare(b.reportId),
    );
    const standing: Standing = exemptAs.length > 0 ? 'exempt' : evidence.length > 0 ? 'active' : 'inactive';
    return [{ login: entry.login, name: entry.name, standing, exemptAs, evidence }];
  });
  members.sort(
    (a, b) =>
      standings.indexOf(a.standing) - standings.indexOf(b.standing) ||
      a.name.localeCompare(b.name, 'en') ||
      a.login.localeCompare(b.login),
  );
  return { period: input.period, members };
}

/** The members recommended for removal. */
export const inactiveMembers = (report: InactivityReport): MemberStanding[] =>
  report.members.filter((member) => member.standing === 'inactive');

/** Where a report's GHSA is on GitHub, or null for a report that has none (a security@ email). */
export const ghsaUrl = ({ repository, ghsaId }: Pick<ReportRef, 'repository' | 'ghsaId'>): string | null =>
  ghsaId ? `https://github.com/${repository}/security/advisories/${ghsaId}` : null;

/** The Council's answer per listed member: remove (to emeritus, off the team) or keep. */
export const councilVerdicts = ['remove', 'keep'] as const;
export type CouncilVerdict = (typeof councilVerdicts)[number];

/** The Council's recorded decision on one listed member. */
export interface CouncilDecision {
  login: string;
  verdict: CouncilVerdict;
  /** The Council decision it cites: a vote, a message, its date or link. */
  councilDecision: string;
  decidedAt: Date;
  recordedBy: string;
  /** The membership change a removal started; null for `keep`. */
  changeId: number | null;
}

/** A report as produced (frozen), sent, and decided on. */
export interface ProducedReport extends InactivityReport {
  id: number;
  producedAt: Date;
  producedBy: string;
  sentAt: Date | null;
  sentBy: string | null;
  decisions: CouncilDecision[];
}

/**
 * Checks a Council decision before it is recorded: the report was sent, the
 * member was listed for removal, and the Council has not answered for them yet.
 */
export function checkCouncilDecision(
  report: ProducedReport,
  login: string,
  councilDecision: string,
): MemberStanding {
  if (councilDecision.trim() === '')
    throw new InactivityError(
      'Say which Steering Council decision this records (a vote, a message, its date or link).',
    );
  if (report.sentAt === null)
    throw new InactivityError(
      `Inactivity report #${report.id} was not sent to the Steering Council yet: send it first.`,
    );
  const member = inactiveMembers(report).find((m) => loginKey(m.login) === loginKey(login));
  if (!member)
    throw new InactivityError(
      `${login} is not listed for removal in inactivity report #${report.id}; the Council decides on the listed members only.`,
    );
  const earlier = report.decisions.find((d) => loginKey(d.login) === loginKey(login));
  if (earlier)
    throw new InactivityError(
      `The Council's decision on ${member.login} (${earlier.verdict}) is already recorded for inactivity report #${report.id}.`,
    );
  return member;
}
