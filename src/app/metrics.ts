// The Metrics page's read model: the process metrics (domain/metrics) over the reports the
// principal may see, each with its recorded history. Signed-out visitors count published reports
// only, by their scope. A member's and a visitor's numbers depend on the reports and their history
// alone, so they are computed once per head of the audit log, which every write to a report moves;
// a collaborator's depend on their grants' expiry too, which time alone moves.
import { type ReportScope, reportScope } from '../domain/access.ts';
import { disclosureDeadline } from '../domain/clocks.ts';
import { type ProcessMetrics, processMetrics } from '../domain/metrics.ts';
import type { Principal, Report } from '../domain/report.ts';
import { auditHead, listReportChanges, listReports, type Store } from '../store/index.ts';
import type { AppContext } from './context.ts';

export interface ReportMetrics extends ProcessMetrics {
  /** Whose reports are counted: every report, published ones, or published ones and the person's grants. */
  scope: ReportScope['kind'];
}

/** Reports read per query: two for ten thousand reports. */
const PAGE_SIZE = 5000;

async function visibleReports(ctx: AppContext, scope: ReportScope): Promise<Report[]> {
  const now = ctx.now();
  const all: Report[] = [];
  // Keyset pages (after the last report read, in the listing's order): each one an index seek.
  for (let after: { deadline: Date; id: string } | undefined; ; ) {
    const { reports } = await listReports(ctx.store.db, scope, { now, limit: PAGE_SIZE, after });
    all.push(...reports);
    const last = reports.at(-1);
    if (!last || reports.length < PAGE_SIZE) return all;
    after = { deadline: disclosureDeadline(last), id: last.id };
  }
}

async function compute(ctx: AppContext, scope: ReportScope): Promise<ReportMetrics> {
  const [reports, history] = await Promise.all([visibleReports(ctx, scope), listReportChanges(ctx.store.db)]);
  return { ...processMetrics(reports, history), scope: scope.kind };
}

interface Cached {
  version: number;
  metrics: Promise<ReportMetrics>;
}

/** Per store, per scope kind: the latest numbers and the audit head they were computed at. */
const cache = new WeakMap<Store, Map<ReportScope['kind'], Cached>>();

/** The process metrics of every report `principal` may see. */
export async function reportMetrics(ctx: AppContext, principal: Principal): Promise<ReportMetrics> {
  const scope = reportScope(principal);
  if (scope.kind === 'granted') return compute(ctx, scope);
  // Read before the reports, so numbers are never filed under a newer head than they saw.
  const version = await auditHead(ctx.store.db);
  let byScope = cache.get(ctx.store);
  if (!byScope) {
    byScope = new Map();
    cache.set(ctx.store, byScope);
  }
  const cached = byScope.get(scope.kind);
  if (cached?.version === version) return cached.metrics;
  // The promise is kept, so a page and its charts asking at once compute the numbers once.
  const metrics = compute(ctx, scope);
  byScope.set(scope.kind, { version, metrics });
  metrics.catch(() => {
    if (byScope.get(scope.kind)?.metrics === metrics) byScope.delete(scope.kind);
  });
  return metrics;
}
