// The report lifecycle as data (after Red Hat OSIDB's workflows): each
// transition names its from-states, its to-state and its requirements, so the
// bot, web, API and CLI check the same rules and show the same checklist.

import type { Effect } from './effects.ts';
import { DomainError, Refusal } from './errors.ts';
import { listsAffectedVersions } from './fields.ts';
import { cveIdPattern, ghsaIdPattern, psrtIdPattern } from './identifiers.ts';
import {
  type Determination,
  determinations,
  determinationsFor,
  type Extension,
  getsReply,
  isOpen,
  MAX_EXTENSION_DAYS,
  type Rejection,
  type Report,
  type ReportState,
  rejectionReasons,
} from './report.ts';

export type TransitionName = 'accept' | 'publish' | 'reject' | 'reopen';
export const transitionNames: readonly TransitionName[] = ['accept', 'publish', 'reject', 'reopen'];

/** One line of a checklist. `reason` says, when unmet, what is missing and what to do. */
export interface Requirement {
  id: string;
  label: string;
  met: boolean;
  reason: string | null;
}

export interface Checklist {
  transition: TransitionName;
  from: ReportState;
  to: ReportState;
  allowed: boolean;
  requirements: Requirement[];
}

/** What a transition needs from the caller beyond the report itself. */
export interface TransitionInput {
  /** Required by `reject`. */
  rejection?: Rejection;
  /** Required by `reopen`: why the report returns to triage. */
  reason?: string;
  /**
   * Full CVSS v4 check, plugged in by the caller (the CVSS module): returns an
   * error message, or null when the vector is valid. Without it only the
   * `CVSS:4.0/` prefix is checked.
   */
  validateCvss?: (vector: string) => string | null;
}

interface RequirementRule {
  id: string;
  label: string;
  /** Null when met; otherwise the reason shown to the user. */
  unmet: (report: Report, input: TransitionInput) => string | null;
}

export interface TransitionRule {
  from: readonly ReportState[];
  to: ReportState;
  requirements: readonly RequirementRule[];
}

// Reasons name fields, never their contents: the checklist and the refusal
// message may reach logs and error pages. They say what to do in words every
// interface shares; the CLI adds its own command per requirement id.

const isHttpUrl = (text: string): boolean => {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

const rejectionProblem = (rejection: Rejection | undefined): string | null => {
  if (!rejection) {
    return `No rejection reason is given: choose one of ${rejectionReasons.join(', ')}.`;
  }
  if (!rejectionReasons.includes(rejection.reason)) {
    return `The rejection reason is not one the PSRT uses: choose one of ${rejectionReasons.join(', ')}.`;
  }
  const detail = rejection.detail?.trim() ?? '';
  if (
    rejection.reason === 'duplicate' &&
    ![psrtIdPattern, ghsaIdPattern, cveIdPattern].some((id) => id.test(detail))
  ) {
    return 'A duplicate must name the report it duplicates: give its PSRT, GHSA or CVE id as the detail.';
  }
  if (rejection.reason === 'public-issue' && !isHttpUrl(detail)) {
    return 'A report moved to a public issue must link it: give the issue URL (http or https) as the detail.';
  }
  return null;
};

/** The determination behind a rejection: recorded by the coordinator and consistent with the reason. */
const rejectionDeterminationProblem = (report: Report, rejection: Rejection | undefined): string | null => {
  const reason = rejection && rejectionReasons.includes(rejection.reason) ? rejection.reason : null;
  const fitting = reason === null ? determinations : determinationsFor[reason];
  if (fitting === null) return null;
  if (report.determination === null) {
    return 'No determination is recorded: the coordinator records one before the report is rejected (only spam is closed without one).';
  }
  if (!fitting.includes(report.determination)) {
    const acceptable = report.determination === 'vulnerability' && report.state === 'triage';
    const fix = acceptable ? 'accept the report instead, or record' : 'record';
    return `The determination is ${report.determination}, which does not fit ${reason}: ${fix} ${fitting.join(' or ')} first, or choose another reason.`;
  }
  return null;
};

const isSpam = (input: TransitionInput): boolean => input.rejection?.reason === 'spam';

const requirement = (id: string, label: string, unmet: RequirementRule['unmet']): RequirementRule => ({
  id,
  label,
  unmet,
});

export const workflow: Readonly<Record<TransitionName, TransitionRule>> = {
  accept: {
    from: ['triage'],
    to: 'accepted',
    requirements: [
      requirement('coordinator', 'A coordinator is assigned', (r) =>
        r.coordinator ? null : 'No coordinator is assigned: assign a coordinator.',
      ),
      requirement('determination', 'The determination is recorded as a vulnerability', (r) => {
        if (r.determination === null) {
          return 'No determination is recorded: the coordinator records one.';
        }
        if (r.determination !== 'vulnerability') {
          return `The determination is ${r.determination}: reject the report instead, or record a new determination.`;
        }
        return null;
      }),
    ],
  },
  publish: {
    from: ['accepted'],
    to: 'published',
    requirements: [
      requirement('cve-id', 'A CVE ID is set', (r) => {
        if (r.cveId === null) {
          return 'No CVE ID is set: one is reserved from the CNA on accept; if that has not happened, retry the reservation.';
        }
        return cveIdPattern.test(r.cveId) ? null : 'The CVE ID is not of the form CVE-YYYY-NNNN: correct it.';
      }),
      requirement('cvss-v4', 'A valid CVSS v4 vector is set', (r, input) => {
        if (r.cvssVector === null) {
          return 'No CVSS v4 vector is set: score the report with the CVSS v4 calculator on the report page.';
        }
        if (!r.cvssVector.startsWith('CVSS:4.0/')) {
          return 'The CVSS vector is not a v4.0 vector (it must begin with `CVSS:4.0/`): rescore the report.';
        }
        const error = input.validateCvss?.(r.cvssVector) ?? null;
        return error === null ? null : `The CVSS v4 vector is invalid (${error}): rescore the report.`;
      }),
      requirement('title', 'The advisory has a title', (r) =>
        r.title.trim() ? null : 'The advisory has no title: set the GHSA summary.',
      ),
      requirement('description', 'The advisory has a short description', (r) =>
        r.description.trim() ? null : 'The advisory has no description: write the GHSA description.',
      ),
      requirement('affected-versions', 'Affected versions are listed', (r) =>
        r.affected.some(listsAffectedVersions)
          ? null
          : 'No affected versions are listed: add the affected package and its vulnerable version range (or, for CPython, the commit range).',
      ),
      requirement('fix-merged', 'A public fix pull request is merged', (r) => {
        if (r.fixPullRequests.some((pr) => pr.public && pr.merged)) return null;
        return r.fixPullRequests.length === 0
          ? 'No fix pull request is linked: link the public pull request labelled `type-security`.'
          : 'No fix pull request is both public and merged: open the fix publicly and merge it first.';
      }),
      requirement('credit-preference', "The reporter's credit preference is recorded", (r) =>
        r.creditPreference
          ? null
          : "The reporter's credit preference is not recorded: ask the reporter whether and how to credit them.",
      ),
    ],
  },
  reject: {
    from: ['triage', 'accepted'],
    to: 'rejected',
    requirements: [
      requirement('reason', 'A rejection reason is given', (_r, input) => rejectionProblem(input.rejection)),
      // Like accepting, rejecting is the coordinator's call; spam is the one thing any member closes.
      requirement('coordinator', 'A coordinator is assigned (spam excepted)', (r, input) =>
        r.coordinator || isSpam(input)
          ? null
          : 'No coordinator is assigned: assign a coordinator to make the determination (only spam is closed without one).',
      ),
      requirement('determination', 'The determination fits the reason (spam excepted)', (r, input) =>
        rejectionDeterminationProblem(r, input.rejection),
      ),
    ],
  },
  reopen: {
    from: ['rejected'],
    to: 'triage',
    requirements: [
      requirement('reason', 'A reason for reopening is given', (_r, input) =>
        input.reason?.trim()
          ? null
          : 'No reason is given for reopening: say why the report returns to triage.',
      ),
    ],
  },
};

export function checklist(
  report: Report,
  transition: TransitionName,
  input: TransitionInput = {},
): Checklist {
  const rule = workflow[transition];
  const requirements: Requirement[] = rule.requirements.map(({ id, label, unmet }) => {
    const reason = unmet(report, input);
    return { id, label, met: reason === null, reason };
  });
  if (!rule.from.includes(report.state)) {
    const from = rule.from.join(' or ');
    requirements.unshift({
      id: 'state',
      label: `The report is ${from}`,
      met: false,
      reason: `The report is ${report.state}; ${transition} applies only to ${from} reports.`,
    });
  }
  return {
    transition,
    from: report.state,
    to: rule.to,
    allowed: requirements.every((r) => r.met),
    requirements,
  };
}

/** The checklists of every transition leaving the report's current state: what the report page shows. */
export function checklists(report: Report, input: TransitionInput = {}): Checklist[] {
  return transitionNames
    .filter((name) => workflow[name].from.includes(report.state))
    .map((name) => checklist(report, name, input));
}

/** Thrown by `applyTransition` when a requirement is unmet; carries the checklist to show. */
export class TransitionRefused extends Refusal {
  override readonly name = 'TransitionRefused';
  constructor(readonly checklist: Checklist) {
    // Reasons name what is missing, never report text, so the message is safe to log and show.
    const unmet = checklist.requirements.filter((r) => !r.met).map((r) => r.reason);
    super(`Cannot ${checklist.transition} the report. ${unmet.join(' ')}`);
  }
}

/** The public reason a rejected CVE record carries (in the words CNAs use for withdrawn candidates). */
export function cnaRejectionReason(rejection: Rejection | undefined): string {
  const detail = rejection?.detail?.trim() ?? '';
  if (rejection?.reason === 'duplicate' && cveIdPattern.test(detail)) {
    return `This candidate is a duplicate of ${detail}. All references and descriptions should use ${detail}.`;
  }
  return 'This candidate was withdrawn by its CNA. Further investigation showed that it was not a security issue.';
}

export interface TransitionResult {
  report: Report;
  effects: Effect[];
}

function effectsOf(
  before: Report,
  after: Report,
  transition: TransitionName,
  input: TransitionInput,
): Effect[] {
  // The report's version (updatedAt before the transition) tells apart two
  // passes through the same transition (accept, reject, reopen, accept again)
  // while two workers racing on the same version produce the same key.
  const version = `${before.id}:${before.updatedAt.toISOString()}`;
  const effects: Effect[] = [];
  if (transition === 'accept' && before.cveId === null) {
    effects.push({ kind: 'cve.reserve', key: `cve.reserve:${version}`, reportId: before.id });
  }
  // Spam is "discarded without a reply" (devguide); every other rejection gets the matching template.
  if (transition === 'reject' && input.rejection && getsReply(input.rejection.reason)) {
    const template = input.rejection.reason;
    effects.push({ kind: 'reply.send', key: `reply.send:${version}`, reportId: before.id, template });
  }
  if (transition === 'reject' && before.cveId !== null) {
    // A CVE ID is rejected once, ever: its own id is the key.
    const cveId = before.cveId;
    const reason = cnaRejectionReason(input.rejection);
    effects.push({ kind: 'cve.reject', key: `cve.reject:${cveId}`, reportId: before.id, cveId, reason });
  }
  if (before.ghsaId !== null) {
    // GitHub has no way back to triage: a reopened report's closed GHSA goes back to draft (its "reopen").
    const ghsaState = isOpen(after.state) ? 'draft' : 'closed';
    effects.push({
      kind: 'ghsa.update-state',
      key: `ghsa.update-state:${version}:${ghsaState}`,
      reportId: before.id,
      repository: before.repository,
      ghsaId: before.ghsaId,
      ghsaState,
    });
  }
  return effects;
}

/** Takes a transition, or throws `TransitionRefused`. Returns a new report and the effects to enqueue. */
export function applyTransition(
  report: Report,
  transition: TransitionName,
  input: TransitionInput,
  now: Date,
): TransitionResult {
  const list = checklist(report, transition, input);
  if (!list.allowed) throw new TransitionRefused(list);
  return recordTransition(report, transition, input, now);
}

/**
 * Takes a transition that already happened in the world, without its checklist: the advisory
 * email is out, so the report is published whatever was edited since the check before sending.
 * Everything else goes through `applyTransition`.
 */
export function recordTransition(
  report: Report,
  transition: TransitionName,
  input: TransitionInput,
  now: Date,
): TransitionResult {
  const next: Report = { ...report, state: workflow[transition].to, updatedAt: now, lastActivityAt: now };
  if (transition === 'publish') next.finishedAt = now;
  if (transition === 'reject' && input.rejection) {
    next.finishedAt = now;
    next.rejection = { reason: input.rejection.reason, detail: input.rejection.detail?.trim() || null };
  }
  if (transition === 'reopen') {
    next.finishedAt = null;
    next.rejection = null;
    // The old CVE ID was rejected at the CNA on reject: accepting again must reserve a fresh one.
    next.cveId = null;
  }
  return { report: next, effects: effectsOf(report, next, transition, input) };
}

/** Records the coordinator's determination (devguide: "Coordinator determines whether the report…"). */
export function recordDetermination(report: Report, determination: Determination, now: Date): Report {
  if (!determinations.includes(determination)) {
    throw new DomainError(`Unknown determination: choose one of ${determinations.join(', ')}.`);
  }
  if (!isOpen(report.state)) {
    throw new Refusal(`The report is ${report.state}: reopen it before recording a new determination.`);
  }
  return { ...report, determination, updatedAt: now, lastActivityAt: now };
}

/** Extends the disclosure deadline. The extension's own time (`at`) is when it happened. */
export function addExtension(report: Report, extension: Extension): Report {
  if (!Number.isInteger(extension.days) || extension.days < 1 || extension.days > MAX_EXTENSION_DAYS) {
    throw new DomainError(`An extension is a whole number of days from 1 to ${MAX_EXTENSION_DAYS}.`);
  }
  if (!extension.reason.trim()) {
    throw new DomainError('An extension needs a reason: say why the deadline moves.');
  }
  if (!extension.grantedBy.trim()) {
    throw new DomainError('An extension needs the login of the member who granted it.');
  }
  if (!isOpen(report.state)) {
    throw new Refusal(
      `The report is ${report.state}: its disclosure clock has stopped and cannot be extended.`,
    );
  }
  const recorded: Extension = { ...extension, reason: extension.reason.trim() };
  return {
    ...report,
    extensions: [...report.extensions, recorded],
    updatedAt: extension.at,
    lastActivityAt: extension.at,
  };
}
