// Importing the PSF's published advisories as published reports: one record at
// a time, each in its own transaction, matched to the report it belongs to by
// PSF id, then by CVE ID, so an advisory read from both formats is one report.
import { disclosureDeadline } from '../domain/clocks.ts';
import { type ImportedAdvisory, mergeImported, reportFromImported, repositoryOf } from '../domain/history.ts';
import { psfIdPattern } from '../domain/publication.ts';
import type { Principal, Report } from '../domain/report.ts';
import type { RecordProblem } from '../records/imported.ts';
import {
  getReportByPsfId,
  getReportsByCveId,
  insertReport,
  nextReportId,
  notePsfIdTaken,
  type Tx,
} from '../store/index.ts';
import { authorize } from './authorize.ts';
import type { AppContext } from './context.ts';
import { type RecordFormat, readRecord } from './record-files.ts';
import { reportDiff, saveDecision } from './report-change.ts';

export type ImportStatus = 'created' | 'merged' | 'unchanged' | 'skipped';

export interface ImportOutcome {
  status: ImportStatus;
  /** The report the record is now part of (not for `skipped`). */
  reportId: string | null;
  /** Why a record was skipped, at its JSON path. */
  problems: RecordProblem[];
  /** Facts this record states differently from the other format's record of the same advisory (the report keeps the first). */
  differences: string[];
}

const skipped = (message: string, path = ''): ImportOutcome => ({
  status: 'skipped',
  reportId: null,
  problems: [{ path, message }],
  differences: [],
});

/** The report this record belongs to: the same PSF id, else the one report holding its CVE ID. */
async function matchingReport(tx: Tx, advisory: ImportedAdvisory): Promise<Report | ImportOutcome | null> {
  const psfId = advisory.publication.psfId;
  if (psfId) {
    const byPsfId = await getReportByPsfId(tx, psfId);
    if (byPsfId) return byPsfId;
  }
  if (!advisory.cveId) return null;
  const holders = await getReportsByCveId(tx, advisory.cveId);
  // An OSV record with a new PSF id is a separate advisory even when its CVE alias is taken
  // (PSF-2023-5 and -6 both name CVE-2022-48566); only one without a PSF id merges by CVE.
  const mergeable = holders.filter((report) => psfId === null || report.publication.psfId === null);
  if (mergeable.length > 1) {
    const ids = mergeable.map((report) => report.publication.psfId ?? report.id).join(' and ');
    return skipped(
      `${advisory.cveId} is named by ${ids}: import the OSV record that should own it first`,
      '/cveMetadata/cveId',
    );
  }
  return mergeable[0] ?? null;
}

/** Loads one published record; an admin's job (or the sandbox's set-up). */
export async function importAdvisory(
  ctx: AppContext,
  actor: Principal,
  advisory: ImportedAdvisory,
): Promise<ImportOutcome> {
  authorize(actor, 'history.import');
  const repository = repositoryOf(advisory);
  if (repository === null) {
    return skipped(
      'names no GitHub repository (OSV GIT range or CVE affected repo): psrt files reports by repository',
    );
  }
  const now = ctx.now();
  return ctx.store.transaction(async (tx) => {
    const match = await matchingReport(tx, advisory);
    if (match !== null && !('id' in match)) return match;
    const psfId = advisory.publication.psfId;
    const taken = psfId ? psfIdPattern.exec(psfId) : null;
    if (taken) await notePsfIdTaken(tx, Number(taken[1]), Number(taken[2]));
    if (match === null) {
      const id = await nextReportId(tx, (advisory.reservedAt ?? advisory.publishedAt).getUTCFullYear());
      const report = reportFromImported(id, advisory, repository, now);
      await insertReport(tx, report, disclosureDeadline(report));
      await saveDecision(
        tx,
        actor,
        'report.import',
        null,
        { report, audit: { imported: advisory.format, psfId, cveId: advisory.cveId } },
        now,
      );
      return { status: 'created', reportId: id, problems: [], differences: [] };
    }
    const { report, differences } = mergeImported(match, advisory, now);
    const changes = reportDiff(match, report);
    if (Object.keys(changes).length === 0) {
      return { status: 'unchanged', reportId: match.id, problems: [], differences };
    }
    await saveDecision(
      tx,
      actor,
      'report.import',
      match,
      { report, audit: { imported: advisory.format, changes } },
      now,
    );
    return { status: 'merged', reportId: match.id, problems: [], differences };
  });
}

/**
 * Reads one published record (an OSV file or a CVE record, as JSON) and loads it, or with `dryRun`
 * only reads it: one that cannot be read is `skipped`, naming each problem at its JSON path.
 * A dry run needs someone signed in; loading is an admin's job.
 */
export async function importRecord(
  ctx: AppContext,
  actor: Principal,
  format: RecordFormat,
  record: unknown,
  options: { dryRun?: boolean } = {},
): Promise<ImportOutcome> {
  if (actor.kind === 'anonymous') authorize(actor, 'history.import');
  const read = readRecord(format, record);
  if (!read.ok) return { status: 'skipped', reportId: null, problems: read.problems, differences: [] };
  if (options.dryRun) return { status: 'unchanged', reportId: null, problems: [], differences: [] };
  return importAdvisory(ctx, actor, read.advisory);
}
