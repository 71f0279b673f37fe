// Publishing a report: the `publish` transition (domain/lifecycle) gives the
// report its PSF advisory id, and the stored versions of the three records are
// sent by effects, each exactly once: the email to security-announce, the OSV
// file into the PSF advisory database, and, once a PSF CNA operator approves
// it beside the email, the CVE record to CVE Services.
import type { Effect } from './effects.ts';
import { applyTransition, type TransitionInput, type TransitionResult } from './lifecycle.ts';
import type { Report } from './report.ts';

/** The stored record versions a publication sends (store/advisory-records). */
export interface RecordIds {
  email: number;
  cve: number;
  /** None for a project the PSF advisory database does not hold. */
  osv: number | null;
}

/** The report as published: state `published`, its PSF id (kept if it already had one; none outside the PSF advisory database), the GHSA closed. */
export function publish(
  report: Report,
  psfId: string | null,
  input: TransitionInput,
  now: Date,
): TransitionResult {
  const { report: next, effects } = applyTransition(report, 'publish', input, now);
  return {
    report: { ...next, publication: { ...next.publication, psfId: report.publication.psfId ?? psfId } },
    effects,
  };
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

/**
 * What publishing sends: the advisory email, and the OSV file where the PSF advisory database holds
 * the project; the CVE record now only when
 * the person publishing is also a CNA operator and says so (otherwise an operator approves it later).
 */
export function publicationEffects(report: Report, records: RecordIds, publishCve: boolean): Effect[] {
  const effects: Effect[] = [
    {
      kind: 'advisory.send',
      key: `advisory.send:${report.id}:${records.email}`,
      reportId: report.id,
      recordId: records.email,
    },
  ];
  if (records.osv !== null) {
    const recordId = records.osv;
    effects.push({
      kind: 'osv.commit',
      key: `osv.commit:${report.id}:${recordId}`,
      reportId: report.id,
      recordId,
    });
  }
  if (publishCve) effects.push(cvePublishEffect(report, records.cve));
  return effects;
}
