// An admin's decision on a security@ thread (PEP 811: admins triage
// security@): what the thread becomes and what the reporter is sent. Pure:
// the reply texts are rendered by the caller and passed in.
import type { Effect } from './effects.ts';
import { Refusal } from './errors.ts';
import { githubLoginPattern, psrtIdPattern, repositoryPattern } from './identifiers.ts';
import type { ThreadStatus } from './inbox.ts';
import { DAY_MS } from './time.ts';

export type TriageDecision =
  /** Discarded without a reply (devguide security/policy.rst). */
  | { action: 'spam' }
  /** Not a vulnerability: the devguide's rejection reply. */
  | { action: 'not-a-vulnerability' }
  /** Another project or venue: the thread forwarded to one of the configured destinations. */
  | { action: 'forward'; destination: string }
  /** Plausible but incomplete: the reporter is asked for what the policy requires. */
  | { action: 'needs-information'; missing: string[] }
  /** Plausible, for a project on GHSA: the devguide's "Submit using GitHub Security Advisories" reply. */
  | { action: 'redirect'; repository: string }
  /**
   * Plausible: filed as a new report on the reporter's behalf, its clock from the email's receipt,
   * and its GHSA opened; the reporter is credited there when their GitHub login is given.
   */
  | { action: 'file'; repository: string; title: string; reporterLogin?: string | undefined }
  /** The thread belongs to a report psrt already has (the reporter filed the GHSA, a follow-up, a duplicate). */
  | { action: 'link'; reportId: string };

export const triageActions = [
  'spam',
  'not-a-vulnerability',
  'forward',
  'needs-information',
  'redirect',
  'file',
  'link',
] as const;
export type TriageAction = (typeof triageActions)[number];

const statusAfter: Record<TriageAction, ThreadStatus> = {
  spam: 'spam',
  'not-a-vulnerability': 'not-a-vulnerability',
  forward: 'forwarded',
  'needs-information': 'needs-information',
  redirect: 'redirected',
  file: 'reported',
  link: 'reported',
};

/** What deciding does to the thread: its new status and the detail the queue shows. */
export interface TriageOutcome {
  status: ThreadStatus;
  detail: string | null;
}

/**
 * The outcome of `decision` on a thread in `status`, or a Refusal saying why
 * not. A thread linked to a report is the report's now: it is decided there.
 * Any other decision may be changed (an admin who called it spam too soon).
 */
export function decideTriage(status: ThreadStatus, decision: TriageDecision): TriageOutcome {
  if (status === 'reported')
    throw new Refusal('This thread is linked to a report already: decide on the report instead.');
  switch (decision.action) {
    case 'spam':
    case 'not-a-vulnerability':
      return { status: statusAfter[decision.action], detail: null };
    case 'forward':
      if (decision.destination.trim() === '') throw new Refusal('Choose where to forward the report.');
      return { status: 'forwarded', detail: decision.destination.trim() };
    case 'needs-information': {
      const missing = decision.missing.map((m) => m.trim()).filter((m) => m !== '');
      if (missing.length === 0)
        throw new Refusal('Say what the report is missing: the reply lists it for the reporter.');
      return { status: 'needs-information', detail: missing.join('; ') };
    }
    case 'redirect':
    case 'file':
      if (!repositoryPattern.test(decision.repository))
        throw new Refusal('The repository must look like owner/name (e.g. python/cpython).');
      if (decision.action === 'file' && decision.title.trim() === '')
        throw new Refusal('Give the report a title.');
      if (
        decision.action === 'file' &&
        decision.reporterLogin &&
        !githubLoginPattern.test(decision.reporterLogin)
      )
        throw new Refusal("The reporter's GitHub login is not one GitHub would accept.");
      return { status: statusAfter[decision.action], detail: decision.repository };
    case 'link':
      if (!psrtIdPattern.test(decision.reportId))
        throw new Refusal('Name the report by its PSRT id (PSRT-YYYY-NNNN).');
      return { status: 'reported', detail: decision.reportId };
  }
}

/**
 * A report's received time once a thread joins it: the earlier of the two,
 * so its 90-day clock runs from the first time the PSRT heard of it.
 */
export const earliestReceipt = (report: Date, thread: Date): Date =>
  thread.getTime() < report.getTime() ? thread : report;

/**
 * Whether a decision keeps the update the acknowledgement promised the
 * reporter owed: filing or linking hands it to the report's coordinator;
 * every other decision answers the reporter (or ends the thread, as spam).
 */
export const keepsUpdateOwed = (decision: TriageDecision): boolean =>
  decision.action === 'file' || decision.action === 'link';

/** How long before a promised update its reminder goes out. */
export const UPDATE_REMINDER_LEAD_MS = DAY_MS;

/** The reminder of a promised update, to the admins (or, once it is a report, the team and its coordinator). */
export function updateOwedNotice(
  thread: { id: number; nextUpdateBy: Date; receivedAt: Date; reportId: string | null },
  coordinator: string | null,
  now: Date,
): Effect {
  const due = thread.nextUpdateBy.toISOString().slice(0, 16).replace('T', ' ');
  const late = thread.nextUpdateBy.getTime() <= now.getTime();
  const who = thread.reportId
    ? coordinator
      ? `${coordinator}, the coordinator of ${thread.reportId}, owes it.`
      : `${thread.reportId} has no coordinator yet: whoever takes it owes it.`
    : 'The thread is still in the triage queue: an admin owes it.';
  return {
    kind: 'mail.send',
    key: `intake.update-owed:${thread.id}:${thread.nextUpdateBy.toISOString()}`,
    reportId: thread.reportId,
    purpose: 'intake.update-owed',
    to: [thread.reportId ? 'team' : 'admins'],
    subject: `A security@ reporter is owed an update (thread ${thread.id})`,
    text: [
      `psrt acknowledged security@ thread ${thread.id} (received ${thread.receivedAt.toISOString().slice(0, 10)}) and told the reporter to expect an update by ${due} UTC${late ? ', which has passed' : ''}.`,
      who,
      'Reply to the reporter (a triage decision on the thread, or a comment on its GHSA) to keep that promise.',
      '',
    ].join('\n'),
  };
}
