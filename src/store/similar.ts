// The candidates for "is this a duplicate?": reports sharing the new report's
// telling words (a text search over report_search, best matches first) or its
// reporter. A few dozen rows, whatever the number of reports; domain/similar-reports
// ranks them.
import { and, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { SimilarCandidate } from '../domain/similar-reports.ts';
import type { Db } from './engine.ts';
import { reportSearch, reports } from './schema.ts';

export interface CandidateQuery {
  /**
   * Letters and digits only (domain/report-words `significantWords`), most telling first. A
   * report with one of the first two and one of the others is a candidate (any of them, when
   * fewer than three are given).
   */
  words: string[];
  /** GitHub logins or emails, lower-cased; a report by any of them is a candidate. */
  reporters: string[];
  /** The new report itself, when it is one already. */
  excludeId?: string | null;
  /** How many text matches to keep (default 30). */
  limit?: number;
}

const word = /^[a-z0-9]+$/;

/** Reports that may duplicate the new one: the best text matches, then the same reporter's newest. */
export async function similarReportCandidates(db: Db, query: CandidateQuery): Promise<SimilarCandidate[]> {
  const limit = query.limit ?? 30;
  // Only plain words reach the query: nothing a report says can become a text-search operator.
  const words = [...new Set(query.words.map((w) => w.toLowerCase()))].filter((w) => word.test(w));
  const notSelf = (column: typeof reportSearch.reportId): SQL | undefined =>
    query.excludeId ? ne(column, query.excludeId) : undefined;
  const ids: string[] = [];
  if (words.length > 0) {
    // One of the two most telling words (a module's or a function's name) and one of the others:
    // a word alone matches too many reports to rank them all fast.
    const query =
      words.length < 3
        ? words.join(' | ')
        : `(${words.slice(0, 2).join(' | ')}) & (${words.slice(2).join(' | ')})`;
    const terms = sql`to_tsquery('simple', ${query})`;
    const matched = await db
      .select({ id: reportSearch.reportId })
      .from(reportSearch)
      .where(and(sql`${reportSearch.words} @@ ${terms}`, notSelf(reportSearch.reportId)))
      .orderBy(desc(sql`ts_rank(${reportSearch.words}, ${terms})`), reportSearch.reportId)
      .limit(limit);
    ids.push(...matched.map((row) => row.id));
  }
  const reporters = query.reporters.map((r) => r.toLowerCase()).filter((r) => r !== '');
  if (reporters.length > 0) {
    const theirs = await db
      .select({ id: reportSearch.reportId })
      .from(reportSearch)
      .where(and(inArray(reportSearch.reporter, reporters), notSelf(reportSearch.reportId)))
      .orderBy(desc(reportSearch.reportId))
      .limit(20);
    ids.push(...theirs.map((row) => row.id).filter((id) => !ids.includes(id)));
  }
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: reports.id,
      repository: reports.repository,
      title: reports.title,
      description: reports.description,
      reporter: reports.reporter,
      receivedAt: reports.receivedAt,
    })
    .from(reports)
    .where(ids.length === 1 ? eq(reports.id, ids[0] ?? '') : inArray(reports.id, ids));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        kind: 'report' as const,
        id: row.id,
        repository: row.repository,
        title: row.title,
        text: row.description,
        reporters: row.reporter ? [row.reporter.toLowerCase()] : [],
        receivedAt: row.receivedAt,
      },
    ];
  });
}
