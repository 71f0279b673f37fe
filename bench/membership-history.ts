// Years of PSRT history for the membership benchmark, written as psrt writes
// it: reports, their coordinator changes and members' edits in the audit log
// (chained, through appendAuditEvents), and the GHSA comments the bot noted.
// A few members went quiet two years ago, so the inactivity report lists someone.

import type { AuditEntry } from '../src/domain/audit.ts';
import type { Report } from '../src/domain/report.ts';
import { DAY_MS } from '../src/domain/time.ts';
import {
  appendAuditEvents,
  insertReport,
  listRoster,
  recordGhsaComments,
  type Store,
} from '../src/store/index.ts';
import { benchNow, makeReport, pick, seededRandom } from './data.ts';

const YEAR_MS = 365 * DAY_MS;
/** How far back the history goes. */
const historyYears = 4;
/** Members who stopped two years ago: the report should list them as inactive. */
const quietCount = 4;

export interface History {
  reports: number;
  auditEvents: number;
  comments: number;
  quiet: string[];
}

const ghsaIdOf = (n: number) =>
  `GHSA-bnch-${String(n).padStart(4, '0').slice(-4)}-${(n * 7919).toString(36).padStart(4, 'x').slice(-4)}`;

/** Fills `store` (its roster already imported) with `count` reports and their history. */
export async function fillHistory(
  store: Store,
  count: number,
  onProgress: (done: number) => void,
): Promise<History> {
  const random = seededRandom(811);
  const members = (await listRoster(store.db, 'member')).flatMap((entry) =>
    entry.login ? [entry.login] : [],
  );
  const quiet = members.slice(-quietCount);
  const now = benchNow.getTime();
  /** A member who could act at `at`: the quiet ones only more than two years ago. */
  const memberAt = (at: number) => {
    const pool = at < now - 2 * YEAR_MS ? members : members.slice(0, -quietCount);
    return pick(random, pool);
  };
  const reports: Report[] = [];
  const events: AuditEntry[] = [];
  const comments: Parameters<typeof recordGhsaComments>[1][number][] = [];
  for (let n = 1; n <= count; n++) {
    const base = makeReport(random, n, benchNow);
    const createdAt = now - Math.floor(random() * historyYears * YEAR_MS);
    // The queue's mix for the last four months; anything older has been published or rejected
    // within four months of arriving.
    const finished = base.finishedAt !== null || createdAt < now - 120 * DAY_MS;
    const state = finished && base.finishedAt === null ? 'published' : base.state;
    const finishedAt = finished ? Math.min(createdAt + Math.floor(random() * 120 * DAY_MS), now) : null;
    const end = finishedAt ?? now;
    const span = () => createdAt + Math.floor(random() * (end - createdAt));
    const id = `PSRT-B-${String(n).padStart(5, '0')}`;
    events.push({
      actor: 'system:intake',
      action: 'report.create',
      subject: id,
      at: new Date(createdAt),
      change: { created: id },
    });
    // 1–3 coordinators in turn, as assignCoordinator audits them (the report's diff).
    let coordinator: string | null = null;
    let since = createdAt;
    const changes = 1 + Math.floor(random() * 3);
    for (let c = 0; c < changes; c++) {
      const at = c === 0 ? createdAt + Math.floor(random() * 2 * DAY_MS) : span();
      if (at < since || at > end) continue;
      const to = memberAt(at);
      events.push({
        actor: to,
        action: 'report.assign',
        subject: id,
        at: new Date(at),
        change: {
          coordinator: { from: coordinator, to },
          coordinatorSince: {
            from: coordinator ? new Date(since).toISOString() : null,
            to: new Date(at).toISOString(),
          },
        },
      });
      coordinator = to;
      since = at;
    }
    // Members' other changes (determination, CVSS, fix links), and the clock's own.
    for (let a = 0; a < 2; a++) {
      const at = span();
      events.push({
        actor: memberAt(at),
        action: 'report.edit',
        subject: id,
        at: new Date(at),
        change: { cvssVector: { from: null, to: base.cvssVector } },
      });
    }
    if (random() < 0.3)
      events.push({
        actor: 'system:clock',
        action: 'report.reminder',
        subject: id,
        at: new Date(span()),
        change: {},
      });
    const ghsaId = ghsaIdOf(n);
    for (let k = 0; k < 5; k++) {
      const at = span();
      const author = random() < 0.6 ? memberAt(at) : (base.reporter ?? `outsider-${n % 300}`);
      comments.push({ commentId: n * 10 + k, ghsaId, reportId: id, author, writtenAt: new Date(at) });
    }
    reports.push({
      ...base,
      id,
      ghsaId,
      state,
      receivedAt: new Date(createdAt),
      createdAt: new Date(createdAt),
      updatedAt: new Date(end),
      lastActivityAt: new Date(end),
      finishedAt: finishedAt === null ? null : new Date(finishedAt),
      coordinator,
      coordinatorSince: coordinator ? new Date(since) : null,
      handoff: null,
    });
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  const batch = 500;
  for (let i = 0; i < reports.length; i += batch) {
    await store.transaction(async (tx) => {
      for (const report of reports.slice(i, i + batch))
        await insertReport(tx, report, new Date(now + 90 * DAY_MS));
    });
    onProgress(i + batch);
  }
  for (let i = 0; i < events.length; i += 2000)
    await store.transaction((tx) => appendAuditEvents(tx, events.slice(i, i + 2000)));
  for (let i = 0; i < comments.length; i += 2000)
    await recordGhsaComments(store.db, comments.slice(i, i + 2000));
  return { reports: reports.length, auditEvents: events.length, comments: comments.length, quiet };
}
