// Performers of a publication's effects. Each sends a stored record version
// (store/advisory-records), never a fresh rendering, so what goes out is what
// was approved, and each is safe to perform again after a crash: the email is
// not sent again once the mail server accepted it (mail-once.ts), the OSV
// commit is skipped when the file already holds the record, and the CVE record
// is not sent again when CVE Services already holds its container.
import { isDeepStrictEqual } from 'node:util';
import { type CnaClient, CnaError } from '../../cna/index.ts';
import { validateCvssV4 } from '../../domain/cvss.ts';
import type { EffectOf } from '../../domain/effects.ts';
import { advisorySent } from '../../domain/publishing.ts';
import type { AdvisoryEmail } from '../../records/advisory-email.ts';
import { type OsvRecord, osvFileText, osvPath } from '../../records/osv.ts';
import {
  getRecordVersion,
  getReportForUpdate,
  type RecordFormatName,
  type StoredEffect,
  type Tx,
} from '../../store/index.ts';
import { botPrincipal } from '../context.ts';
import { reportDiff, saveDecision } from '../report-change.ts';
import { sendMailOnce } from './mail-once.ts';
import type { Performed, RunContext } from './run-context.ts';

async function storedContent<T>(run: RunContext, recordId: number, format: RecordFormatName): Promise<T> {
  const record = await getRecordVersion(run.store.db, recordId);
  if (!record || record.format !== format) {
    throw new Error(
      `Record version ${recordId} is not a stored ${format} record: the effect cannot be performed.`,
    );
  }
  return record.content as T;
}

export async function sendAdvisoryEmail(
  effect: EffectOf<'advisory.send'>,
  run: RunContext,
  stored: StoredEffect,
): Promise<Performed> {
  const email = await storedContent<AdvisoryEmail>(run, effect.recordId, 'email');
  const to = [...run.services.mailTo.announce];
  const sent = await sendMailOnce(run, stored, 'advisory.send', {
    to,
    subject: email.subject,
    text: email.text,
  });
  return {
    ...sent,
    // The advisory is public now (or since an earlier attempt, whose send was noted): the report is
    // published in the transaction recording the send.
    commit: (tx) => markPublished(tx, effect, run.now()),
  };
}

async function markPublished(tx: Tx, effect: EffectOf<'advisory.send'>, now: Date): Promise<void> {
  const report = await getReportForUpdate(tx, effect.reportId);
  if (!report) return;
  const decision = advisorySent(report, effect.afterSent, { validateCvss: validateCvssV4 }, now);
  if (!decision) return;
  const audit = {
    ...reportDiff(report, decision.report),
    approvedBy: effect.afterSent.by,
    by: 'advisory email sent',
  };
  await saveDecision(tx, botPrincipal, 'report.publish', report, { ...decision, audit }, now);
}

export async function commitOsvRecord(effect: EffectOf<'osv.commit'>, run: RunContext): Promise<Performed> {
  const database = run.require('advisoryDatabase');
  const record = await storedContent<OsvRecord>(run, effect.recordId, 'osv');
  const path = osvPath(record.id);
  await run.checkpoint('osv.commit:before-commit');
  const { commit, unchanged } = await database.commitFile(
    path,
    osvFileText(record),
    `${record.id}: ${record.summary ?? record.aliases?.[0] ?? 'advisory'}`,
  );
  await run.checkpoint('osv.commit:committed');
  return { result: { path, commit, ...(unchanged ? { unchanged: 'already committed' } : {}) } };
}

/** The CNA container CVE Services holds for the ID, published; null when it holds none (or a rejection). */
async function publishedContainer(cna: CnaClient, cveId: string): Promise<unknown> {
  try {
    const record = await cna.getRecord(cveId);
    return record.cveMetadata.state === 'PUBLISHED' ? record.containers.cna : null;
  } catch (error) {
    if (error instanceof CnaError && error.status === 404) return null;
    throw error;
  }
}

/** Whether two CNA containers say the same; the service fills in providerMetadata itself. */
export function sameCnaContainer(held: unknown, sent: unknown): boolean {
  const said = (container: unknown) => {
    const { providerMetadata: _, ...rest } = (container ?? {}) as Record<string, unknown>;
    return rest;
  };
  return held !== null && isDeepStrictEqual(said(held), said(sent));
}

export async function publishCveRecord(effect: EffectOf<'cve.publish'>, run: RunContext): Promise<Performed> {
  const cna = run.require('cna');
  const record = await storedContent<{ containers: { cna: unknown } }>(run, effect.recordId, 'cve');
  // Sending it again would publish a new version of the same record downstream (cvelistV5, NVD).
  if (sameCnaContainer(await publishedContainer(cna, effect.cveId), record.containers.cna))
    return { result: { cveId: effect.cveId, unchanged: 'CVE Services holds this record' } };
  await run.checkpoint('cve.publish:before-publish');
  const published = await cna.publishCnaContainer(effect.cveId, record.containers.cna as never);
  await run.checkpoint('cve.publish:published');
  return { result: { cveId: effect.cveId, action: published.action } };
}
