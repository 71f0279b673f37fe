// A report's CRA record as stored: the findings, measure, incident, CSIRT requests and drafts in
// the `cra_record` jsonb column (times as ISO strings), and the frozen copies of what was
// submitted to ENISA in `cra_submissions`, written once and never changed.
import { and, asc, eq } from 'drizzle-orm';
import type { CraData, CraExploitation, CraIncident, CsirtRequest } from '../domain/report.ts';
import type { Db } from './engine.ts';
import { craSubmissions } from './schema.ts';

type Stored<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};

export interface StoredCraRecord {
  exploitation: Stored<CraExploitation> | null;
  measure: { description: string; recordedBy: string; recordedAt: string } | null;
  incident: Stored<CraIncident> | null;
  csirtRequests: (Omit<Stored<CsirtRequest>, 'answer'> & {
    answer: { text: string; answeredAt: string; answeredBy: string } | null;
  })[];
  drafts: Record<string, Record<string, string>>;
}

type CraRecordFields = Pick<CraData, 'exploitation' | 'measure' | 'incident' | 'csirtRequests' | 'drafts'>;

const iso = (at: Date): string => at.toISOString();
const isoOrNull = (at: Date | null): string | null => (at ? at.toISOString() : null);
const date = (text: string): Date => new Date(text);
const dateOrNull = (text: string | null): Date | null => (text ? new Date(text) : null);

export function storedCraRecord(cra: CraData): StoredCraRecord {
  const { exploitation, measure, incident } = cra;
  return {
    exploitation: exploitation ? { ...exploitation, recordedAt: iso(exploitation.recordedAt) } : null,
    measure: measure ? { ...measure, recordedAt: iso(measure.recordedAt) } : null,
    incident: incident
      ? {
          ...incident,
          awareAt: iso(incident.awareAt),
          recordedAt: iso(incident.recordedAt),
          earlyWarningSubmittedAt: isoOrNull(incident.earlyWarningSubmittedAt),
          notificationSubmittedAt: isoOrNull(incident.notificationSubmittedAt),
          finalReportSubmittedAt: isoOrNull(incident.finalReportSubmittedAt),
        }
      : null,
    csirtRequests: cra.csirtRequests.map((request) => ({
      ...request,
      askedAt: iso(request.askedAt),
      dueAt: iso(request.dueAt),
      answer: request.answer ? { ...request.answer, answeredAt: iso(request.answer.answeredAt) } : null,
    })),
    drafts: cra.drafts,
  };
}

export function craRecordOf(stored: StoredCraRecord): CraRecordFields {
  const { exploitation, measure, incident } = stored;
  return {
    exploitation: exploitation
      ? ({ ...exploitation, recordedAt: date(exploitation.recordedAt) } as CraExploitation)
      : null,
    measure: measure ? { ...measure, recordedAt: date(measure.recordedAt) } : null,
    incident: incident
      ? {
          ...incident,
          awareAt: date(incident.awareAt),
          recordedAt: date(incident.recordedAt),
          earlyWarningSubmittedAt: dateOrNull(incident.earlyWarningSubmittedAt),
          notificationSubmittedAt: dateOrNull(incident.notificationSubmittedAt),
          finalReportSubmittedAt: dateOrNull(incident.finalReportSubmittedAt),
        }
      : null,
    csirtRequests: stored.csirtRequests.map((request) => ({
      ...request,
      askedAt: date(request.askedAt),
      dueAt: date(request.dueAt),
      answer: request.answer ? { ...request.answer, answeredAt: date(request.answer.answeredAt) } : null,
    })),
    drafts: stored.drafts,
  };
}

/** One field of a submission, as it was submitted. */
export interface SubmittedField {
  key: string;
  label: string;
  value: string;
}

export interface CraSubmission {
  reportId: string;
  stage: string;
  submittedBy: string;
  submittedAt: Date;
  reference: string;
  fields: SubmittedField[];
}

/** Keeps what was submitted; the primary key refuses a second copy of the same stage. */
export async function insertCraSubmission(db: Db, submission: CraSubmission): Promise<void> {
  const { fields, ...row } = submission;
  await db.insert(craSubmissions).values({ ...row, content: fields });
}

export async function listCraSubmissions(db: Db, reportId: string): Promise<CraSubmission[]> {
  const rows = await db
    .select()
    .from(craSubmissions)
    .where(eq(craSubmissions.reportId, reportId))
    .orderBy(asc(craSubmissions.submittedAt), asc(craSubmissions.stage));
  return rows.map(({ content, ...row }) => ({ ...row, fields: content as SubmittedField[] }));
}

export async function getCraSubmission(
  db: Db,
  reportId: string,
  stage: string,
): Promise<CraSubmission | null> {
  const [row] = await db
    .select()
    .from(craSubmissions)
    .where(and(eq(craSubmissions.reportId, reportId), eq(craSubmissions.stage, stage)));
  return row ? { ...row, fields: row.content as SubmittedField[] } : null;
}
