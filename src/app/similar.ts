// Duplicate suggestions for an incoming report, from either door: a GHSA report
// (its page, the API) or a security@ thread (the triage queue, which passes its
// own thread candidates). The store finds a few dozen candidates, the domain ranks.
import type { Principal, Report } from '../domain/report.ts';
import { significantWords } from '../domain/report-words.ts';
import {
  type SimilarCandidate,
  type SimilarItem,
  type Suggestion,
  similarReports,
} from '../domain/similar-reports.ts';
import { similarReportCandidates } from '../store/index.ts';
import { authorize } from './authorize.ts';
import type { AppContext } from './context.ts';
import { readVisibleReport } from './report-change.ts';

export type { SimilarCandidate, SimilarItem, Suggestion } from '../domain/similar-reports.ts';

export interface SuggestOptions {
  /** The item's own report id, when it is a report, so it is not its own duplicate. */
  excludeReportId?: string | null;
  /** Candidates found elsewhere (security@ threads), ranked with the reports. */
  threads?: readonly SimilarCandidate[];
  limit?: number;
}

/**
 * The reports (and given threads) `item` may duplicate, most likely first. For
 * the caller's own use-case to call once it has checked who asks: suggestions
 * name reports, which only members may see.
 */
export async function suggestDuplicates(
  ctx: AppContext,
  item: SimilarItem,
  options: SuggestOptions = {},
): Promise<Suggestion[]> {
  const candidates = await similarReportCandidates(ctx.store.db, {
    words: significantWords(item.text, 8, item.title),
    reporters: item.reporters,
    excludeId: options.excludeReportId ?? null,
  });
  return similarReports(item, [...candidates, ...(options.threads ?? [])], { limit: options.limit });
}

/** A report as the duplicate search compares it. */
export const similarItemOf = (report: Report): SimilarItem => ({
  repository: report.repository,
  title: report.title,
  text: report.description,
  reporters: report.reporter ? [report.reporter.toLowerCase()] : [],
  receivedAt: report.receivedAt,
});

/** The reports a report may duplicate (or be duplicated by), for members on its page and the API. */
export async function similarToReport(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
): Promise<Suggestion[]> {
  const { report, access } = await readVisibleReport(ctx.store.db, actor, reportId, ctx.now());
  authorize(actor, 'report.transition', report, access);
  return suggestDuplicates(ctx, similarItemOf(report), { excludeReportId: report.id });
}
