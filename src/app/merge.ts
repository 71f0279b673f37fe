// `psrt report merge DUPLICATE --into ORIGINAL`, the API's mergeReport and the report
// page's merge form: both reports change in one transaction (domain/merge), each with
// its own audit event naming the other, and the duplicate's rejection effects queued.
import { canonicalJson } from '../domain/audit.ts';
import { mergeReports } from '../domain/merge.ts';
import type { Credit } from '../domain/publication.ts';
import type { Principal, Report } from '../domain/report.ts';
import { authorize } from './authorize.ts';
import type { AppContext } from './context.ts';
import { UseCaseError } from './errors.ts';
import { asUseCaseError, loadVisibleReport, reportDiff, saveDecision } from './report-change.ts';

export interface MergeOutcome {
  /** The original, as it now is. */
  original: Report;
  /** The duplicate, now rejected as a duplicate of the original. */
  duplicate: Report;
  /** Credits the original gained from the duplicate. */
  credits: Credit[];
  /** Whether the original's disclosure clock now runs from the duplicate's earlier receipt. */
  receivedEarlier: boolean;
}

/** Report ids as people type them (`psrt-2026-0007`). */
const normalised = (id: string) => id.trim().toUpperCase();

/** Merges the duplicate into the original, or fails saying why (the same "not found" for reports one may not see). */
export async function mergeReport(
  ctx: AppContext,
  actor: Principal,
  duplicateId: string,
  originalId: string,
): Promise<MergeOutcome> {
  const now = ctx.now();
  const [dupId, origId] = [normalised(duplicateId), normalised(originalId)];
  if (dupId === origId) {
    throw new UseCaseError(
      'refused',
      `A report cannot be merged into itself: name the original report that ${dupId} duplicates.`,
    );
  }
  try {
    return await ctx.store.transaction(async (tx) => {
      // Lock in id order, so two merges of the same pair the other way round wait rather than deadlock.
      const loaded = new Map<string, Awaited<ReturnType<typeof loadVisibleReport>>>();
      for (const id of [dupId, origId].sort()) loaded.set(id, await loadVisibleReport(tx, actor, id, now));
      const duplicate = loaded.get(dupId);
      const original = loaded.get(origId);
      if (!duplicate || !original) throw new Error('Both reports are loaded above.');
      authorize(actor, 'report.transition', duplicate.report, duplicate.access);
      authorize(actor, 'report.transition', original.report, original.access);
      const merge = mergeReports(duplicate.report, original.report, now);
      // JSON round trip: the audit log keeps dates as ISO strings, whatever the engine.
      const diff = (before: Report, after: Report) =>
        JSON.parse(canonicalJson(reportDiff(before, after))) as Record<string, unknown>;
      await saveDecision(
        tx,
        actor,
        'report.merge',
        original.report,
        {
          report: merge.original,
          audit: { duplicate: dupId, credits: merge.credits, ...diff(original.report, merge.original) },
        },
        now,
      );
      await saveDecision(
        tx,
        actor,
        'report.merged',
        duplicate.report,
        {
          report: merge.duplicate,
          effects: merge.effects,
          audit: { original: origId, ...diff(duplicate.report, merge.duplicate) },
        },
        now,
      );
      return {
        original: merge.original,
        duplicate: merge.duplicate,
        credits: merge.credits,
        receivedEarlier: merge.receivedEarlier,
      };
    });
  } catch (error) {
    throw asUseCaseError(error);
  }
}
