// Everything the report page shows, read in one pass: the report is loaded and
// its access checked once, then each part's rows are read side by side and
// drawn by the same functions the single reads use (detail, timeline, record
// history, publication preview). A page view writes nothing and locks nothing.

import type { Principal } from '../domain/report.ts';
import { activeMembers } from '../domain/roster.ts';
import {
  listAudit,
  listCommandComments,
  listCraSubmissions,
  listEffects,
  listGrants,
  listRecordVersions,
  listRoster,
  mailOfReport,
} from '../store/index.ts';
import { isAllowed } from './authorize.ts';
import type { AppContext } from './context.ts';
import { type CraView, craViewOf } from './cra.ts';
import { historyOf, type PublicationPreview, previewFor, type RecordVersion } from './publish.ts';
import { readVisibleReport } from './report-change.ts';
import { detailOf, type ReportDetail, seesEffects, seesGrants } from './reports.ts';
import { readsComments, type TimelineEntry, timelineOf } from './timeline.ts';
import { craDueEntries } from './timeline-cra.ts';

export interface ReportPageData {
  detail: ReportDetail;
  timeline: TimelineEntry[];
  /** The records published so far, for those who publish; null before acceptance or for others. */
  records: RecordVersion[] | null;
  /** What publishing now would send: accepted reports not yet on their way out, for those who publish. */
  preview: PublicationPreview | null;
  /** Active members' logins (the coordinator and handoff choices), for members. */
  members: string[];
  /** The CRA record, drafts and submissions (app/cra), for members. */
  cra: CraView | null;
}

export async function reportPageData(
  ctx: AppContext,
  principal: Principal,
  reportId: string,
): Promise<ReportPageData> {
  const db = ctx.store.db;
  const now = ctx.now();
  const visible = await readVisibleReport(db, principal, reportId, now);
  const { report, access } = visible;
  const id = report.id;
  const comments = readsComments(principal, visible);
  const publishes = isAllowed(principal, 'report.transition', report, access);
  const member = seesEffects(principal);
  const [grants, effects, events, commands, stored, roster, mail, submissions] = await Promise.all([
    seesGrants(principal) ? listGrants(db, id) : null,
    comments || member ? listEffects(db, { reportId: id }) : [],
    listAudit(db, id),
    comments ? listCommandComments(db, id) : [],
    publishes && report.state !== 'triage' ? listRecordVersions(db, id) : null,
    member ? listRoster(db, 'member') : [],
    member ? mailOfReport(db, id) : [],
    member ? listCraSubmissions(db, id) : null,
  ]);
  const records = stored && historyOf(stored, effects);
  // Once its advisory email is stored the report is on its way out: nothing more to preview.
  const sending = (records ?? []).some((record) => record.format === 'email');
  return {
    detail: detailOf(ctx, report, grants, member ? effects : null),
    timeline: timelineOf(principal, {
      events,
      comments: commands,
      effects: comments ? effects : [],
      mail,
      dues: craDueEntries(report, now),
    }),
    records,
    preview: publishes && report.state === 'accepted' && !sending ? await previewFor(db, report, now) : null,
    members: activeMembers(roster).flatMap((entry) => (entry.login ? [entry.login] : [])),
    cra: submissions && craViewOf(report, submissions, now),
  };
}
