// Mirroring: GitHub is canonical for an advisory's own fields (title,
// description, state, CVE id, CVSS, affected packages, the coordinator
// credit, CWE ids and credits: mirror-publication.ts), so what changed on GitHub since the bot last looked is written into
// the report. psrt's own fields (clocks, determination, grants, history) are
// never taken from GitHub. Changes are what differs between two sightings of
// the advisory, not between GitHub and the report: a change psrt has decided
// but not yet written to GitHub (an effect still in the outbox) is not undone.
import type { Effect } from '../effects.ts';
import { type Intake, newReport } from '../intake.ts';
import { forbiddenButtonNotice } from '../notices.ts';
import { ghsaStateOf, type Report, type ReportState } from '../report.ts';
import { sameLogin } from '../roster.ts';
import type { Ghsa, GhsaState } from './ghsa.ts';
import { type CreditNames, mirrorPublication } from './mirror-publication.ts';

export interface Mirrored {
  report: Report;
  effects: Effect[];
}

/** Who may be a coordinator: the roster's active members (the domain's rule, passed in). */
export type IsMember = (login: string) => boolean;

/** Without GitHub's profile names at hand, credits print their login. */
const loginsOnly: CreditNames = () => null;

type MirroredField = 'title' | 'description' | 'cveId' | 'cvssVector' | 'affected';
const mirroredFields: readonly MirroredField[] = ['title', 'description', 'cveId', 'cvssVector', 'affected'];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Writes into the report the fields GitHub changed between `previous` and
 * `current`. With no previous sighting (a report filed in psrt, first seen on
 * GitHub now) GitHub's value is taken wherever it is set and differs.
 */
export function mirrorFields(
  report: Report,
  previous: Ghsa | null,
  current: Ghsa,
  isMember: IsMember,
  now: Date,
  nameOf: CreditNames = loginsOnly,
): Report {
  const next: Report = { ...report };
  for (const field of mirroredFields) {
    const changed = previous === null ? isSet(current[field]) : !same(previous[field], current[field]);
    // CPython's commit ranges have no place on a GHSA: GitHub's empty list does not erase them.
    if (field === 'affected' && current.affected.length === 0 && report.affected.length > 0) continue;
    if (changed && !same(report[field], current[field])) Object.assign(next, { [field]: current[field] });
  }
  const credited = current.coordinator;
  const creditChanged = previous === null ? credited !== null : !sameLogin(previous.coordinator, credited);
  if (creditChanged && !sameLogin(report.coordinator, credited)) {
    if (credited === null) {
      next.coordinator = null;
      next.coordinatorSince = null;
    } else if (isMember(credited)) {
      next.coordinator = credited;
      next.coordinatorSince = now;
      next.handoff = null;
    }
  }
  next.publication = mirrorPublication(report.publication, previous, current, nameOf, next.coordinator);
  return same(next, report) ? report : { ...next, updatedAt: now, lastActivityAt: now };
}

const isSet = (value: unknown): boolean =>
  value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

/**
 * Follows a state change made on GitHub (the "Accept as draft" button, a close,
 * a reopen, a publication). No checklist: GitHub has already done it, and
 * GitHub is canonical. Nothing is written back to GitHub.
 */
export function mirrorState(report: Report, previous: GhsaState, current: GhsaState, now: Date): Mirrored {
  const unchanged = { report, effects: [] };
  if (previous === current) return unchanged;
  const to = stateFor(report.state, current);
  if (to === null || to === report.state) return unchanged;
  const next: Report = { ...report, state: to, updatedAt: now, lastActivityAt: now };
  const effects: Effect[] = [];
  if (to === 'accepted') {
    next.determination = report.determination ?? 'vulnerability';
    // On draft the bot reserves a CVE ID (devguide "Remediating a vulnerability report").
    if (report.cveId === null) {
      const version = `${report.id}:${report.updatedAt.toISOString()}`;
      effects.push({ kind: 'cve.reserve', key: `cve.reserve:${version}`, reportId: report.id });
    }
  }
  if (to === 'rejected' || to === 'published') next.finishedAt = now;
  // Rule "forbidden buttons": publishing is psrt's step, not GitHub's button.
  if (to === 'published')
    effects.push(forbiddenButtonNotice(next, 'publish', `GHSA state ${previous} → published`));
  // Closed by hand on GitHub: no reason was given, so none is recorded (and no reply is sent).
  if (to === 'rejected') next.rejection = null;
  if (to === 'triage') {
    next.finishedAt = null;
    next.rejection = null;
  }
  return { report: next, effects };
}

/** The report state a GHSA state change means, from the report's state; null when none. */
function stateFor(from: ReportState, ghsa: GhsaState): ReportState | null {
  if (ghsa === 'draft') return from === 'triage' ? 'accepted' : from === 'rejected' ? 'triage' : null;
  if (ghsa === 'closed') return from === 'triage' || from === 'accepted' ? 'rejected' : null;
  if (ghsa === 'published') return from === 'published' ? null : 'published';
  return null;
}

/** The GHSA state psrt last knew of: the previous sighting's, or what the report's state means. */
export const previousState = (report: Report, previous: Ghsa | null): GhsaState =>
  previous?.state ?? ghsaStateOf[report.state];

/**
 * A report for an advisory psrt has never seen, opened on GitHub (a private
 * vulnerability report, or a draft a maintainer opened). Null for an advisory
 * that is already finished (closed or published before psrt watched it).
 */
export function reportFromGhsa(
  id: string,
  ghsa: Ghsa,
  isMember: IsMember,
  now: Date,
  nameOf: CreditNames = loginsOnly,
): Mirrored | null {
  if (ghsa.state !== 'triage' && ghsa.state !== 'draft') return null;
  if (ghsa.repository === null) return null;
  const intake: Intake = {
    repository: ghsa.repository,
    title: ghsa.title,
    description: ghsa.description,
    receivedAt: ghsa.createdAt && ghsa.createdAt < now ? ghsa.createdAt : now,
    ghsaId: ghsa.ghsaId,
    reporter: ghsa.privatelyReported ? ghsa.author : null,
  };
  const filed = mirrorFields(newReport(id, intake, now), null, ghsa, isMember, now, nameOf);
  return mirrorState(filed, 'triage', ghsa.state, now);
}
