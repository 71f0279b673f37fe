// Published advisories for anyone: the list, one advisory as it was published
// (the email, the CVE and OSV records) and the feed. Every read goes through
// the anonymous scope whoever asks, so only published reports can come out;
// any other id answers exactly as one that does not exist.
import { canSeeReport, reportScope } from '../domain/access.ts';
import { type Severity, severityOfVector } from '../domain/cvss.ts';
import { cveIdPattern } from '../domain/identifiers.ts';
import { psfIdPattern } from '../domain/publication.ts';
import type { Principal, Report } from '../domain/report.ts';
import { type AdvisoryEmail, projectOf, renderAdvisoryEmail } from '../records/advisory-email.ts';
import type { OsvRecord } from '../records/osv.ts';
import { osvFileText } from '../records/osv.ts';
import {
  type Db,
  getReport,
  getReportByPsfId,
  getReportsByCveId,
  listRecordVersions,
  listReports,
} from '../store/index.ts';
import type { AppContext } from './context.ts';
import { UseCaseError } from './errors.ts';
import { renderAdvisory } from './publish.ts';

/** The public: what these reads run as, whoever is signed in. */
const thePublic: Principal = { kind: 'anonymous' };

export interface AdvisorySummary {
  /** The id the advisory is known by: its PSF id, else its CVE ID, else the report's id. */
  key: string;
  psfId: string | null;
  cveId: string | null;
  title: string;
  severity: Severity | null;
  product: string;
  repository: string;
  publishedAt: Date;
}

export interface AdvisoryList {
  advisories: AdvisorySummary[];
  total: number;
  page: number;
  pageSize: number;
}

export const advisoryKey = (report: Report): string => report.publication.psfId ?? report.cveId ?? report.id;

export function advisorySummary(report: Report): AdvisorySummary {
  return {
    key: advisoryKey(report),
    psfId: report.publication.psfId,
    cveId: report.cveId,
    title: report.title,
    severity: severityOfVector(report.cvssVector),
    product: projectOf(report),
    repository: report.repository,
    publishedAt: report.finishedAt ?? report.updatedAt,
  };
}

/** Published advisories, newest first. */
export async function listPublishedAdvisories(
  ctx: AppContext,
  options: { page?: number; pageSize?: number } = {},
): Promise<AdvisoryList & { reports: Report[] }> {
  const pageSize = Math.min(Math.max(options.pageSize ?? 50, 1), 200);
  const page = Math.min(Math.max(options.page ?? 1, 1), 100_000);
  const { reports, total } = await listReports(ctx.store.db, reportScope(thePublic), {
    open: false,
    order: 'finished',
    now: ctx.now(),
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { advisories: reports.map(advisorySummary), reports, total, page, pageSize };
}

/** The newest published advisories with their emails as sent, for the feed. */
export async function latestAdvisories(
  ctx: AppContext,
  count: number,
): Promise<{ summary: AdvisorySummary; email: AdvisoryEmail | null }[]> {
  const { reports } = await listPublishedAdvisories(ctx, { pageSize: count });
  return Promise.all(
    reports.map(async (report) => ({
      summary: advisorySummary(report),
      email:
        ((await latestRecords(ctx.store.db, report.id)).email as AdvisoryEmail | undefined) ??
        renderedEmail(report),
    })),
  );
}

/** The same answer for an id that names nothing and one that names a report not yet published. */
export const advisoryNotFound = (id: string): UseCaseError =>
  new UseCaseError(
    'not-found',
    `No published advisory ${id}. Check the id: every published advisory is listed at /advisories.`,
  );

/** The published reports an id names: by PSF id, CVE ID (several for records that share one) or report id. */
async function publishedNamedBy(db: Db, id: string, now: Date): Promise<Report[]> {
  const named = psfIdPattern.test(id)
    ? [await getReportByPsfId(db, id)]
    : cveIdPattern.test(id)
      ? await getReportsByCveId(db, id)
      : [await getReport(db, id)];
  return named.filter(
    (report): report is Report => report !== null && canSeeReport(thePublic, report, [], now),
  );
}

export type PublishedAdvisory =
  | {
      kind: 'one';
      report: Report;
      summary: AdvisorySummary;
      /** The email as sent (else as the records render it); null when the report lacks what it needs. */
      email: AdvisoryEmail | null;
      /** Which records can be downloaded. */
      records: { cve: boolean; osv: boolean };
    }
  /** A CVE ID that several published advisories name (PSF-2023-5 and -6 share one). */
  | { kind: 'several'; advisories: AdvisorySummary[] };

/** One published advisory by any of its ids. */
export async function publishedAdvisory(ctx: AppContext, id: string): Promise<PublishedAdvisory> {
  const found = await publishedNamedBy(ctx.store.db, id, ctx.now());
  const [report] = found;
  if (!report) throw advisoryNotFound(id);
  if (found.length > 1) return { kind: 'several', advisories: found.map(advisorySummary) };
  const stored = await latestRecords(ctx.store.db, report.id);
  return {
    kind: 'one',
    report,
    summary: advisorySummary(report),
    email: (stored.email as AdvisoryEmail | undefined) ?? renderedEmail(report),
    records: { cve: report.cveId !== null, osv: report.publication.psfId !== null },
  };
}

export type PublicRecordFormat = 'cve' | 'osv';

/**
 * One record of a published advisory as JSON text: the version psrt sent, or
 * for an advisory imported from the PSF's history, as its facts render it.
 */
export async function publishedRecord(
  ctx: AppContext,
  id: string,
  format: PublicRecordFormat,
): Promise<{ key: string; text: string }> {
  const found = await publishedNamedBy(ctx.store.db, id, ctx.now());
  const [report] = found;
  if (!report) throw advisoryNotFound(id);
  if (found.length > 1)
    throw new UseCaseError(
      'invalid',
      `${id} is named by ${found.map(advisoryKey).join(' and ')}: ask for the record by one of those.`,
    );
  if (format === 'osv' && report.publication.psfId === null)
    throw new UseCaseError(
      'not-found',
      `${id} has no OSV record: the PSF advisory database holds only CPython's advisories.`,
    );
  if (format === 'cve' && report.cveId === null)
    throw new UseCaseError('not-found', `${id} has no CVE record: it was published without a CVE ID.`);
  const stored = (await latestRecords(ctx.store.db, report.id))[format];
  const key = advisoryKey(report);
  if (stored === undefined) return { key, text: await renderAdvisory(ctx, thePublic, report.id, format) };
  const text = format === 'osv' ? osvFileText(stored as OsvRecord) : `${JSON.stringify(stored, null, 4)}\n`;
  return { key, text };
}

/** The newest stored version of each record format a report published. */
async function latestRecords(
  db: Db,
  reportId: string,
): Promise<Partial<Record<'email' | 'cve' | 'osv', unknown>>> {
  const latest: Partial<Record<'email' | 'cve' | 'osv', unknown>> = {};
  // Oldest first: later versions overwrite earlier ones.
  for (const record of await listRecordVersions(db, reportId)) latest[record.format] = record.content;
  return latest;
}

function renderedEmail(report: Report): AdvisoryEmail | null {
  try {
    return renderAdvisoryEmail(report);
  } catch {
    return null;
  }
}
