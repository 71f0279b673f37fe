// Keeping a report's records right as backports land: psrt reads where the fix
// is (src/app/fixes.ts) and fills the fix facts. An open report takes them at
// once; a published one gets a proposed record update, shown as a diff of its
// CVE and OSV records, which a member approves: new record versions are stored
// and sent (the OSV file committed; the CVE record by a CNA operator).
import { createTwoFilesPatch } from 'diff';
import { canonicalJson } from '../domain/audit.ts';
import type { BranchFix } from '../domain/branch-fixes.ts';
import type { Effect } from '../domain/effects.ts';
import { fixFacts, updatePublishedFixes } from '../domain/fixed-versions.ts';
import { cvePublishEffect } from '../domain/publishing.ts';
import type { Principal, Report } from '../domain/report.ts';
import { osvFileText } from '../records/osv.ts';
import { addRecordVersion, listRecordVersions, type StoredRecord, type Tx } from '../store/index.ts';
import { authorize, personActing } from './authorize.ts';
import type { AppContext } from './context.ts';
import { UseCaseError } from './errors.ts';
import { type FixReads, findBranchFixes } from './fixes.ts';
import { isCnaOperator, renderRecords } from './publish.ts';
import { decideChange, loadVisibleReport } from './report-change.ts';
import { editReport } from './reports.ts';

export interface RecordChange {
  format: 'cve' | 'osv';
  /** The version published last. */
  from: number;
  /** A unified diff of the published version and the proposed one. */
  diff: string;
}

export interface FixRefresh {
  reportId: string;
  fixes: BranchFix[];
  /** Open report: its facts were updated. Published: the record update to approve (empty when nothing changed). */
  applied: boolean;
  changes: RecordChange[];
}

/** The report's original fix pull requests (GitHub finds their backports). */
const originals = (report: Report) =>
  report.fixPullRequests.filter((pr) => pr.public && !pr.backport).map((pr) => pr.url);

const text = (format: 'cve' | 'osv', content: unknown) =>
  format === 'osv' ? osvFileText(content as never) : `${JSON.stringify(content, null, 2)}\n`;

/** What a record update would change: each record whose content (its update time aside) differs from the last version. */
async function proposedChanges(tx: Tx, published: Report, updated: Report, now: Date) {
  const rendered = await renderRecords(tx, updated, now);
  if (!rendered)
    throw new UseCaseError(
      'refused',
      `The records of ${published.id} cannot be rendered with the new fixes.`,
    );
  const history = await listRecordVersions(tx, published.id);
  const latest = (format: 'cve' | 'osv') => history.filter((record) => record.format === format).at(-1);
  const changes: { format: 'cve' | 'osv'; last: StoredRecord; content: unknown; diff: string }[] = [];
  for (const format of ['cve', 'osv'] as const) {
    const last = latest(format);
    const content = format === 'cve' ? rendered.cve : rendered.osv;
    if (!last || !content) continue;
    // The dates a rendering stamps (dateUpdated, modified) are not a change.
    const comparable = (value: unknown) =>
      canonicalJson(value).replace(/"(dateUpdated|modified)":"[^"]*"/g, '"$1":""');
    if (comparable(last.content) === comparable(content)) continue;
    const name = `${published.id}.${format}.json`;
    const diff = createTwoFilesPatch(
      `${name} v${last.version}`,
      `${name} proposed`,
      text(format, last.content),
      text(format, content),
    );
    changes.push({ format, last, content, diff });
  }
  return changes;
}

/** Reads the fix from GitHub and fills the report's fix facts (open report), or proposes a record update (published). */
export async function refreshFixes(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
  github: (repository: string) => Promise<FixReads>,
): Promise<FixRefresh> {
  const now = ctx.now();
  const report = await ctx.store.transaction(async (tx) => {
    const { report: visible, access } = await loadVisibleReport(tx, actor, reportId, now);
    authorize(actor, 'report.coordinate', visible, access);
    return visible;
  });
  if (originals(report).length === 0) {
    throw new UseCaseError('refused', `${report.id} links no public fix pull request: link it first.`);
  }
  const fixes = await findBranchFixes(await github(report.repository), {
    repository: report.repository,
    pullRequests: originals(report),
  });
  const patch = fixFacts(report, fixes);
  if (report.state !== 'published') {
    await editReport(ctx, actor, report.id, patch);
    return { reportId: report.id, fixes, applied: true, changes: [] };
  }
  const changes = await ctx.store.transaction((tx) =>
    proposedChanges(tx, report, updatePublishedFixes(report, patch, now), now),
  );
  return {
    reportId: report.id,
    fixes,
    applied: false,
    changes: changes.map(({ format, last, diff }) => ({ format, from: last.version, diff })),
  };
}

/**
 * Approves the record update: reads the fix again, stores the new versions of the changed records
 * and sends them (the OSV file now; the CVE record now only when the approver is a CNA operator).
 */
export async function approveRecordUpdate(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
  github: (repository: string) => Promise<FixReads>,
  cnaOperators: readonly string[],
) {
  const before = await refreshFixes(ctx, actor, reportId, github);
  if (before.applied)
    throw new UseCaseError(
      'refused',
      `${reportId} is not published: its facts were updated, there is no record to update.`,
    );
  if (before.changes.length === 0)
    throw new UseCaseError(
      'refused',
      `The records of ${reportId} already say what GitHub says: nothing to update.`,
    );
  return decideChange(
    ctx,
    actor,
    reportId,
    'report.coordinate',
    'report.records-update',
    async (report, now, tx) => {
      const updated = updatePublishedFixes(report, fixFacts(report, before.fixes), now);
      const changes = await proposedChanges(tx, report, updated, now);
      const by = personActing(actor);
      const effects: Effect[] = [];
      const versions: Record<string, number> = {};
      for (const change of changes) {
        const stored = await addRecordVersion(tx, {
          reportId,
          format: change.format,
          content: change.content,
          createdBy: by,
          createdAt: now,
        });
        versions[change.format] = stored.version;
        if (change.format === 'osv')
          effects.push({
            kind: 'osv.commit',
            key: `osv.commit:${reportId}:${stored.id}`,
            reportId,
            recordId: stored.id,
          });
        if (change.format === 'cve' && isCnaOperator(actor, cnaOperators))
          effects.push(cvePublishEffect(updated, stored.id));
      }
      return { report: updated, effects, audit: { records: versions } };
    },
  );
}
