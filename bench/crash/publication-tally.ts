// What a crash round's publications left at the real services, against the
// publication effects and the record versions they send: advisory emails at
// the SMTP server (by Message-ID and by subject), commits of each OSV file in
// the advisory database checkout (its git log), and the CVE records at CVE
// Services (writes, and the container each holds).
import { execFileSync } from 'node:child_process';
import { effectMessageId } from '../../src/app/effects/mail-once.ts';
import { sameCnaContainer } from '../../src/app/effects/publication-performers.ts';
import { CnaClient } from '../../src/cna/index.ts';
import type { AdvisoryEmail } from '../../src/records/advisory-email.ts';
import { type OsvRecord, osvFileText, osvPath } from '../../src/records/osv.ts';
import { getRecordVersion, type Store, type StoredEffect } from '../../src/store/index.ts';
import { announceAddress } from './publication.ts';
import type { Round } from './round.ts';

export interface PublicationTally {
  /**
   * Advisory emails at the SMTP server: messages, distinct Message-IDs and distinct subjects, one
   * of each per `advisory.send` effect; resends (the same Message-ID again) and how many the
   * decision allows: one per message the server had accepted and psrt not yet noted when a runner
   * was killed (at its own checkpoint or any other effect's meanwhile).
   */
  advisoryEmails: {
    expected: number;
    delivered: number;
    messageIds: number;
    subjects: number;
    resends: number;
    resendsAllowed: number;
  };
  /** Commits in the advisory database checkout, one per `osv.commit` effect (OSV record version). */
  osvCommits: { expected: number; arrived: number };
  /** Writes of a CNA container to CVE Services (POST or PUT), one per `cve.publish` effect. */
  cveRecords: { expected: number; arrived: number };
  /** Records that did not arrive as stored: effect ids and causes, never report text. */
  mismatches: string[];
}

export const emptyPublicationTally = (): PublicationTally => ({
  advisoryEmails: { expected: 0, delivered: 0, messageIds: 0, subjects: 0, resends: 0, resendsAllowed: 0 },
  osvCommits: { expected: 0, arrived: 0 },
  cveRecords: { expected: 0, arrived: 0 },
  mismatches: [],
});

const recordOf = async <T>(store: Store, effect: StoredEffect): Promise<T> => {
  const recordId = (effect.payload as { recordId: number }).recordId;
  const record = await getRecordVersion(store.db, recordId);
  if (!record) throw new Error(`effect ${effect.id} sends record version ${recordId}, which is not stored`);
  return record.content as T;
};

const git = (checkout: string, ...args: string[]) =>
  execFileSync('git', ['-C', checkout, ...args], { encoding: 'utf8' });

/**
 * Adds the round's publications to `tally`; returns the writes beyond one per effect (resends
 * beyond those allowed, extra Message-IDs, subjects, commits, CVE writes).
 */
export async function countPublications(
  round: Round,
  store: Store,
  effects: StoredEffect[],
  unnotedAtKills: number,
  tally: PublicationTally,
  label: string,
): Promise<number> {
  const of = (kind: string) => effects.filter((e) => e.kind === kind);
  let duplicated = 0;
  const beyond = (arrived: number, expected: number) => {
    duplicated += Math.max(0, arrived - expected);
  };

  const sends = of('advisory.send');
  const announced = round.mailbox.messages().filter((m) => m.to.includes(announceAddress));
  const messageIds = new Set(announced.map((m) => m.messageId)).size;
  const subjects = new Set(announced.map((m) => m.subject)).size;
  const mail = tally.advisoryEmails;
  mail.expected += sends.length;
  mail.delivered += announced.length;
  mail.messageIds += messageIds;
  mail.subjects += subjects;
  mail.resends += announced.length - messageIds;
  mail.resendsAllowed += unnotedAtKills;
  beyond(messageIds, sends.length);
  beyond(subjects, sends.length);
  beyond(announced.length - messageIds, unnotedAtKills);
  for (const effect of sends) {
    const { subject } = await recordOf<AdvisoryEmail>(store, effect);
    const ids = new Set(announced.filter((m) => m.subject === subject).map((m) => m.messageId));
    if (ids.size !== 1 || !ids.has(effectMessageId(effect.key)))
      tally.mismatches.push(
        `${label}: advisory.send effect ${effect.id}: ${ids.size} Message-IDs with its subject`,
      );
  }

  const commits = of('osv.commit');
  const checkout = round.child.checkout;
  const total = git(checkout, 'rev-list', '--all').split('\n').filter(Boolean).length;
  tally.osvCommits.expected += commits.length;
  tally.osvCommits.arrived += total;
  beyond(total, commits.length);
  for (const effect of commits) {
    const record = await recordOf<OsvRecord>(store, effect);
    const path = osvPath(record.id);
    const log = git(checkout, 'log', '--format=%H', '--', path).split('\n').filter(Boolean);
    const versions = commits.filter((e) => e.reportId === effect.reportId).length;
    const atHead = log.length > 0 ? git(checkout, 'show', `HEAD:${path}`) : null;
    if (log.length !== versions || atHead !== osvFileText(record))
      tally.mismatches.push(
        `${label}: osv.commit effect ${effect.id}: ${log.length} commits of ${path}, ${atHead === null ? 'no file' : atHead === osvFileText(record) ? 'the file as stored' : 'a file unlike the stored record'}`,
      );
  }

  const publications = of('cve.publish');
  const writes = round.cve.control
    .requests()
    .slice(round.seedCveRequests)
    .filter(
      (r) => r.status < 400 && ['POST', 'PUT'].includes(r.method) && /^\/api\/cve\/[^/]+\/cna$/.test(r.path),
    );
  tally.cveRecords.expected += publications.length;
  tally.cveRecords.arrived += writes.length;
  beyond(writes.length, publications.length);
  const { cve } = round.child;
  const cna = new CnaClient({ baseUrl: cve.apiUrl, org: cve.org, user: cve.user, apiKey: cve.apiKey });
  for (const effect of publications) {
    const stored = await recordOf<{ containers: { cna: unknown } }>(store, effect);
    const cveId = (effect.payload as { cveId: string }).cveId;
    const held = await cna.getRecord(cveId).catch(() => null);
    if (
      held?.cveMetadata.state !== 'PUBLISHED' ||
      !sameCnaContainer(held.containers.cna, stored.containers.cna)
    )
      tally.mismatches.push(
        `${label}: cve.publish effect ${effect.id}: ${cveId} is ${held ? `${held.cveMetadata.state} with ${sameCnaContainer(held.containers.cna, stored.containers.cna) ? 'the stored container' : 'another container'}` : 'not at CVE Services'}`,
      );
  }
  return duplicated;
}
