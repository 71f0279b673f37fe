// Publishing a report: it gets its PSF advisory id and the stored advisory
// email goes to security-announce; once the email is sent the report is
// published (the `publish` transition, closing the GHSA), and the OSV file is
// committed into the PSF advisory database and, once a PSF CNA operator
// approves it beside the email, the CVE record goes to CVE Services. Each is an
// effect, performed exactly once.
import type { Effect } from './effects.ts';
import { recordTransition, type TransitionInput, type TransitionResult } from './lifecycle.ts';
import type { Report } from './report.ts';

/** The stored record versions a publication sends (store/advisory-records). */
export interface RecordIds {
  email: number;
  cve: number;
  /** None for a project the PSF advisory database does not hold. */
  osv: number | null;
}

/**
 * Publishing decided: the report gets its PSF id (kept if it already had one; none outside the PSF
 * advisory database) and the advisory email goes out. The report stays accepted until the email
 * is sent (`advisorySent`): the advisory is public only then.
 */
export function startPublication(
  report: Report,
  psfId: string | null,
  records: RecordIds,
  options: { publishCve: boolean; by: string },
  now: Date,
): { report: Report; effects: Effect[] } {
  const next: Report = {
    ...report,
    publication: { ...report.publication, psfId: report.publication.psfId ?? psfId },
    updatedAt: now,
    lastActivityAt: now,
  };
  const afterSent = {
    osvRecordId: records.osv,
    cveRecordId: options.publishCve ? records.cve : null,
    by: options.by,
    publishedAt: now.toISOString(),
  };
  const send: Effect = {
    kind: 'advisory.send',
    key: `advisory.send:${report.id}:${records.email}`,
    reportId: report.id,
    recordId: records.email,
    afterSent,
  };
  return { report: next, effects: [send] };
}

/** Sends the approved CVE record version to CVE Services. */
export function cvePublishEffect(report: Report, cveRecordId: number): Effect {
  if (report.cveId === null) throw new Error(`${report.id} has no CVE ID to publish.`);
  return {
    kind: 'cve.publish',
    key: `cve.publish:${report.id}:${cveRecordId}`,
    reportId: report.id,
    cveId: report.cveId,
    recordId: cveRecordId,
  };
}

/** Commits a stored OSV record version into the PSF advisory database. */
export const osvCommitEffect = (report: Report, osvRecordId: number): Effect => ({
  kind: 'osv.commit',
  key: `osv.commit:${report.id}:${osvRecordId}`,
  reportId: report.id,
  recordId: osvRecordId,
});

/**
 * The advisory email was sent at `now`: the report is published (the `publish` transition, which
 * closes the GHSA), and the OSV record and an approved CVE record follow. Null when the report is
 * no longer accepted (someone rejected it meanwhile): the email is out, nothing else changes.
 */
export function advisorySent(
  report: Report,
  afterSent: { osvRecordId: number | null; cveRecordId: number | null; publishedAt: string },
  input: TransitionInput,
  now: Date,
): TransitionResult | null {
  if (report.state !== 'accepted') return null;
  // Checked before the email was sent; an edit since cannot unsend it.
  const { report: published, effects } = recordTransition(report, 'publish', input, now);
  return {
    // The time the records say the advisory was published (rendered just before sending).
    report: { ...published, finishedAt: new Date(afterSent.publishedAt) },
    effects: [
      ...(afterSent.osvRecordId !== null ? [osvCommitEffect(report, afterSent.osvRecordId)] : []),
      ...(afterSent.cveRecordId !== null ? [cvePublishEffect(report, afterSent.cveRecordId)] : []),
      ...effects,
    ],
  };
}
