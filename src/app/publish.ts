// Publishing a report with one action: the three records (advisory email, CVE
// record, OSV record) rendered from its facts, checked by the gate, shown side
// by side (the preview), then, on `send`, stored as their first versions and
// sent by effects, each exactly once. The CVE record waits for a PSF CNA
// operator's approval unless the publisher is one and publishes it too.
import { validateCvssV4 } from '../domain/cvss.ts';
import { cveIdPattern } from '../domain/identifiers.ts';
import { type Checklist, checklist } from '../domain/lifecycle.ts';
import { advisoryDatabaseProject, psfIdPattern } from '../domain/publication.ts';
import { cvePublishEffect, startPublication } from '../domain/publishing.ts';
import type { Principal, Report } from '../domain/report.ts';
import { sameLogin } from '../domain/roster.ts';
import { renderAdvisoryEmail } from '../records/advisory-email.ts';
import { renderCveRecord } from '../records/cve-render.ts';
import {
  type CveRecordShape,
  type GateResult,
  publicationGate,
  type RenderedRecords,
} from '../records/gate.ts';
import { osvFileText, renderOsvRecord } from '../records/osv.ts';
import {
  addRecordVersion,
  cveReservedAt,
  type Db,
  getReportByPsfId,
  getReportsByCveId,
  listEffects,
  listRecordVersions,
  nextPsfId,
  peekPsfId,
  type StoredEffect,
  type StoredRecord,
  type Tx,
} from '../store/index.ts';
import { authorize } from './authorize.ts';
import { type AppContext, actorName } from './context.ts';
import { reportNotFound, UseCaseError } from './errors.ts';
import { type Decision, decideChange, loadVisibleReport, readVisibleReport } from './report-change.ts';

export interface PublicationPreview {
  reportId: string;
  /** The PSF advisory id the report has, or would be given if published now; none outside the PSF advisory database. */
  psfId: string | null;
  /** The records as they would be sent now; null when the report lacks what rendering needs (the checks say what). */
  records: RenderedRecords | null;
  checklist: Checklist;
  gate: GateResult;
  /** Every requirement and every gate check is met: publishing would send. */
  ready: boolean;
}

/**
 * The report's PSF advisory id: its own, or for a project the PSF advisory database holds the next
 * one (`next`: taken for good in the caller's transaction, or only looked at).
 */
async function psfIdFor(report: Report, now: Date, next: (year: number) => Promise<string>) {
  if (report.publication.psfId) return report.publication.psfId;
  if (advisoryDatabaseProject(report.repository) === null) return null;
  return next(now.getUTCFullYear());
}

/** The id publishing would give now (a preview's), without giving it. */
const psfIdToShow = (db: Db, report: Report, now: Date) =>
  psfIdFor(report, now, (year) => peekPsfId(db, year));

/** The id the report publishes under: its own, or the next one, given now. */
const psfIdToGive = (tx: Tx, report: Report, now: Date) =>
  psfIdFor(report, now, (year) => nextPsfId(tx, year));

/** The report as it will read once published at `now`, with `psfId`. */
const asPublished = (report: Report, psfId: string | null, now: Date): Report => ({
  ...report,
  state: 'published',
  finishedAt: report.finishedAt ?? now,
  publication: { ...report.publication, psfId: report.publication.psfId ?? psfId },
});

/** The whole CVE record of a report as published (`cveMetadata` dates from the reservation and publication). */
async function cveRecordOf(db: Db, published: Report, now: Date): Promise<CveRecordShape> {
  if (published.cveId === null) throw new Error(`${published.id} has no CVE ID.`);
  const reservedAt = published.cveId ? await cveReservedAt(db, published.cveId) : null;
  return renderCveRecord(published, {
    dateReserved: reservedAt ?? published.receivedAt,
    datePublished: published.finishedAt ?? now,
    dateUpdated: now,
  }) as unknown as CveRecordShape;
}

/** The three records of a report as published; null when a fact rendering needs is missing. */
export async function renderRecords(db: Db, published: Report, now: Date): Promise<RenderedRecords | null> {
  try {
    const cve = await cveRecordOf(db, published, now);
    const osv = published.publication.psfId ? renderOsvRecord(published, now) : null;
    return { email: renderAdvisoryEmail(published), cve, osv };
  } catch {
    // The checks name what is missing (no CVE ID, no severity, an invalid vector); rendering says no more.
    return null;
  }
}

async function previewOf(
  db: Db,
  report: Report,
  psfId: string | null,
  now: Date,
): Promise<PublicationPreview> {
  const published = asPublished(report, psfId, now);
  const records = await renderRecords(db, published, now);
  const list = checklist(report, 'publish', { validateCvss: validateCvssV4 });
  const gate = publicationGate(published, records);
  return {
    reportId: report.id,
    psfId: published.publication.psfId,
    records,
    checklist: list,
    gate,
    ready: list.allowed && gate.passed,
  };
}

/** What publishing the report now would send, and whether it may: for `psrt publish` (dry run) and the report page. */
export async function previewPublication(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
): Promise<PublicationPreview> {
  const now = ctx.now();
  const db = ctx.store.db;
  const { report, access } = await readVisibleReport(db, actor, reportId, now);
  authorize(actor, 'report.transition', report, access);
  return previewFor(db, report, now);
}

/** The publication preview of a report already loaded and authorized. */
export async function previewFor(db: Db, report: Report, now: Date): Promise<PublicationPreview> {
  return previewOf(db, report, await psfIdToShow(db, report, now), now);
}

/** Whether `actor` is one of the configured PSF CNA operators. */
export const isCnaOperator = (actor: Principal, operators: readonly string[]): boolean =>
  actor.kind === 'user' && operators.some((login) => sameLogin(login, actor.login));

export interface PublishOptions {
  /** Also publish the CVE record now: only a CNA operator may. */
  publishCve?: boolean;
  cnaOperators: readonly string[];
}

/** The checklist's requirements, then the gate's checks that say something the checklist does not. */
export function publicationChecks(preview: PublicationPreview) {
  const labels = new Set(preview.checklist.requirements.map((item) => item.label));
  return [
    ...preview.checklist.requirements,
    ...preview.gate.checks.filter((check) => !labels.has(check.label)),
  ];
}

/** Refused publication: the checklist and gate results, as the preview shows them. */
export class PublicationRefused extends UseCaseError {
  constructor(readonly preview: PublicationPreview) {
    const unmet = publicationChecks(preview).filter((item) => !item.met);
    super('refused', `Cannot publish the report. ${unmet.map((item) => item.reason).join(' ')}`, preview);
  }
}

/**
 * Publishes inside the caller's transaction: checks, gives the PSF id, stores the records' first
 * versions and returns the decision to save: the report with its PSF id, and the advisory email to
 * send (the report is published once it is sent). The bot's `[COMPLETED]` uses it too.
 */
export async function decidePublication(
  tx: Tx,
  report: Report,
  actor: Principal,
  now: Date,
  publishCve: boolean,
): Promise<Decision & { records: StoredRecord[] }> {
  if ((await listRecordVersions(tx, report.id)).some((record) => record.format === 'email')) {
    throw new UseCaseError(
      'refused',
      `${report.id}'s advisory email is already sent or on its way: see psrt advisory history ${report.id}.`,
    );
  }
  const preview = await previewOf(tx, report, await psfIdToShow(tx, report, now), now);
  if (!preview.ready || !preview.records) throw new PublicationRefused(preview);
  const psfId = await psfIdToGive(tx, report, now);
  const rendered = await renderRecords(tx, asPublished(report, psfId, now), now);
  if (!rendered) throw new PublicationRefused(preview);
  // A person, or the bot publishing on a `[COMPLETED]` title tag (`system:bot`).
  const by = actorName(actor);
  const store = (format: 'email' | 'cve' | 'osv', content: unknown) =>
    addRecordVersion(tx, { reportId: report.id, format, content, createdBy: by, createdAt: now });
  const email = await store('email', rendered.email);
  const cve = await store('cve', rendered.cve);
  const osv = rendered.osv ? await store('osv', rendered.osv) : null;
  const ids = { email: email.id, cve: cve.id, osv: osv?.id ?? null };
  const started = startPublication(report, psfId, ids, { publishCve, by }, now);
  return {
    ...started,
    records: [email, cve, ...(osv ? [osv] : [])],
    audit: {
      psfId,
      records: { email: email.version, cve: cve.version, osv: osv?.version ?? null },
      cvePublished: publishCve,
    },
  };
}

/** `psrt publish --send`: publishes the report, or refuses with every unmet requirement and check. */
export async function publishReport(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
  options: PublishOptions,
) {
  if (options.publishCve && !isCnaOperator(actor, options.cnaOperators)) {
    throw new UseCaseError(
      'forbidden',
      'Only a PSF CNA operator (cna.operators) may publish the CVE record.',
    );
  }
  const decision = await decideChange(
    ctx,
    actor,
    reportId,
    'report.transition',
    'report.publish',
    (report, now, tx) => decidePublication(tx, report, actor, now, options.publishCve ?? false),
  );
  return decision as Decision & { records: StoredRecord[] };
}

/** A CNA operator approves the report's latest CVE record version: it is published to CVE Services. */
export async function approveCveRecord(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
  operators: readonly string[],
) {
  if (!isCnaOperator(actor, operators)) {
    throw new UseCaseError('forbidden', 'Only a PSF CNA operator (cna.operators) may publish a CVE record.');
  }
  return decideChange(
    ctx,
    actor,
    reportId,
    'report.transition',
    'report.cve-approve',
    async (report, _now, tx) => {
      const latest = (await listRecordVersions(tx, report.id))
        .filter((record) => record.format === 'cve')
        .at(-1);
      if (!latest || report.state !== 'published') {
        throw new UseCaseError(
          'refused',
          `${report.id} has no CVE record to publish: publish the report first.`,
        );
      }
      return { report, effects: [cvePublishEffect(report, latest.id)], audit: { cveRecord: latest.version } };
    },
  );
}

/** Where a record version is: sent (or committed, or published at CVE Services), on its way, failed, or waiting. */
export type RecordStatus =
  | 'sent'
  | 'sending'
  | 'failed'
  | 'waiting for the email'
  | 'waiting for a CNA operator';

export interface RecordVersion extends StoredRecord {
  status: RecordStatus;
}

const sendingKind = { email: 'advisory.send', osv: 'osv.commit', cve: 'cve.publish' } as const;

/** A record version's status, from the effect that sends it (or the email's, which the others follow). */
function statusOf(record: StoredRecord, effects: readonly StoredEffect[]): RecordStatus {
  const recordIdOf = (effect: StoredEffect) => (effect.payload as { recordId?: number }).recordId;
  const sending = effects.find(
    (effect) => effect.kind === sendingKind[record.format] && recordIdOf(effect) === record.id,
  );
  if (sending) return sending.status === 'done' ? 'sent' : sending.status === 'failed' ? 'failed' : 'sending';
  const email = effects.find((effect) => {
    const afterSent = (
      effect.payload as { afterSent?: { osvRecordId: number | null; cveRecordId: number | null } }
    ).afterSent;
    return (
      effect.kind === 'advisory.send' &&
      (afterSent?.osvRecordId === record.id || afterSent?.cveRecordId === record.id)
    );
  });
  if (email && email.status !== 'done') return 'waiting for the email';
  return record.format === 'cve' ? 'waiting for a CNA operator' : 'waiting for the email';
}

/** Every version of every record the report published, oldest first, with where each is. */
export async function recordHistory(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
): Promise<RecordVersion[]> {
  const db = ctx.store.db;
  const { report, access } = await readVisibleReport(db, actor, reportId, ctx.now());
  authorize(actor, 'report.transition', report, access);
  const [records, effects] = await Promise.all([
    listRecordVersions(db, report.id),
    listEffects(db, { reportId: report.id }),
  ]);
  return historyOf(records, effects);
}

/** The record history drawn from the report's stored records and its effects (which say where each is). */
export const historyOf = (records: StoredRecord[], effects: StoredEffect[]): RecordVersion[] =>
  records.map((record) => ({ ...record, status: statusOf(record, effects) }));

export type RecordFormat = 'email' | 'cve' | 'osv';

/** The report an id names: a PSRT report id, a CVE ID or a PSF advisory id. */
async function reportIdOf(db: Db, id: string): Promise<string> {
  if (psfIdPattern.test(id)) {
    const report = await getReportByPsfId(db, id);
    if (report) return report.id;
  } else if (cveIdPattern.test(id)) {
    const [first, ...others] = await getReportsByCveId(db, id);
    if (first && others.length > 0) {
      throw new UseCaseError(
        'invalid',
        `${id} is named by several advisories: give the PSF id or report id instead.`,
      );
    }
    if (first) return first.id;
  } else {
    return id;
  }
  // The same answer as for an embargoed report the caller may not see.
  throw reportNotFound(id);
}

/** One record of a report as it is (published) or would be (not yet), as text: the email, the whole CVE record, the OSV file. */
export async function renderAdvisory(
  ctx: AppContext,
  actor: Principal,
  id: string,
  format: RecordFormat,
): Promise<string> {
  const now = ctx.now();
  return ctx.store.transaction(async (tx) => {
    const { report } = await loadVisibleReport(tx, actor, await reportIdOf(tx, id), now);
    const published = asPublished(report, await psfIdToShow(tx, report, now), now);
    try {
      if (format === 'email') {
        const email = renderAdvisoryEmail(published);
        return `Subject: ${email.subject}\n\n${email.text}`;
      }
      if (format === 'osv') {
        if (!published.publication.psfId) {
          throw new Error(
            `the PSF advisory database holds no advisories of ${report.repository}, so there is no OSV record`,
          );
        }
        return osvFileText(renderOsvRecord(published, now));
      }
      return `${JSON.stringify(await cveRecordOf(tx, published, now), null, 4)}\n`;
    } catch (error) {
      // Renderers name the missing fact and the report id, never report text.
      throw new UseCaseError('refused', `Cannot render the ${format} record: ${(error as Error).message}`);
    }
  });
}
