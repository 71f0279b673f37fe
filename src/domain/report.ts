// The PSRT's vocabulary for a vulnerability report: the shape every layer
// (domain rules, store, use-cases, web, CLI, bot) agrees on. Pure types and
// constants only; the rules that act on them live in sibling modules.
import type { Publication } from './publication.ts';

/** A report's state in the PSRT process, and the GHSA state it mirrors. */
export const reportStates = ['triage', 'accepted', 'published', 'rejected'] as const;
export type ReportState = (typeof reportStates)[number];

export const ghsaStateOf: Record<ReportState, 'triage' | 'draft' | 'closed'> = {
  triage: 'triage',
  accepted: 'draft',
  published: 'closed',
  rejected: 'closed',
};

/** Open reports are the ones the PSRT still owes work on. */
export const isOpen = (state: ReportState): boolean => state === 'triage' || state === 'accepted';

/**
 * What the coordinator decided the report is (devguide "Coordinator
 * determines whether the report…"): a security issue, a bug that is not
 * security relevant (moved to a public issue), or a non-issue.
 */
export const determinations = ['vulnerability', 'not-security-bug', 'not-a-vulnerability'] as const;
export type Determination = (typeof determinations)[number];

/**
 * Why a report was rejected. Each reason but spam has its devguide reply
 * (records/replies); spam, and requests for compliance or due-diligence work,
 * are "discarded without a reply" (devguide, security/policy.rst).
 */
export const rejectionReasons = [
  'not-a-vulnerability',
  'duplicate',
  'out-of-scope',
  'public-issue',
  'spam',
] as const;
export type RejectionReason = (typeof rejectionReasons)[number];

/** The rejection reasons the reporter gets a reply for: every one but spam. */
export const repliedRejectionReasons = [
  'not-a-vulnerability',
  'duplicate',
  'out-of-scope',
  'public-issue',
] as const;
export type RepliedRejectionReason = (typeof repliedRejectionReasons)[number];

export const getsReply = (reason: RejectionReason): reason is RepliedRejectionReason =>
  (repliedRejectionReasons as readonly RejectionReason[]).includes(reason);

/**
 * The determinations a rejection reason is consistent with: the coordinator
 * decides what the report is before it is closed (devguide "Determining
 * whether a report is a vulnerability"). Not a vulnerability and out of scope
 * (documented behaviour, an unsupported platform, a dependency's own bug…)
 * fit either non-vulnerability determination; a public issue is opened for a
 * bug that is not security relevant; a duplicate may be anything, its
 * original carries the substance; spam needs no determination (null) and may
 * be closed by any member, coordinator or not.
 */
export const determinationsFor: Readonly<Record<RejectionReason, readonly Determination[] | null>> = {
  'not-a-vulnerability': ['not-a-vulnerability', 'not-security-bug'],
  'out-of-scope': ['not-a-vulnerability', 'not-security-bug'],
  'public-issue': ['not-security-bug'],
  duplicate: determinations,
  spam: null,
};

export interface Rejection {
  reason: RejectionReason;
  /** Report or GHSA id for `duplicate`, issue URL for `public-issue`, free text otherwise. */
  detail: string | null;
}

/** The longest one extension of the disclosure deadline may be. */
export const MAX_EXTENSION_DAYS = 365;

/** One extension of the disclosure deadline. */
export interface Extension {
  days: number;
  reason: string;
  reporterAgreed: boolean;
  grantedBy: string;
  at: Date;
}

/** A fix pull request: developed in the private fork, then opened publicly. */
export interface FixPullRequest {
  url: string;
  public: boolean;
  merged: boolean;
  /** Backports are labelled `release-blocker` as well as `type-security`. */
  backport: boolean;
}

/** GHSA `vulnerabilities[]`: which package and versions are affected. */
export interface AffectedPackage {
  ecosystem: string;
  package: string;
  vulnerableVersionRange: string;
  patchedVersions: string | null;
}

/**
 * Commits of a git repository, the way the PSF's advisories describe CPython (an OSV `GIT`
 * range on https://github.com/python/cpython, no package): vulnerable from `introduced`
 * (`0`: from the first commit) until any commit in `fixed`, one per maintained branch (none
 * while unfixed).
 */
export interface AffectedCommits {
  ecosystem: 'GIT';
  repo: string;
  introduced: string;
  fixed: string[];
}

/** What a report says is affected: packages and version ranges, or a commit range. */
export type Affected = AffectedPackage | AffectedCommits;

/** A commit range (OSV `GIT`) rather than a package's versions. */
export const isCommitRange = (affected: Affected): affected is AffectedCommits =>
  affected.ecosystem === 'GIT' && 'repo' in affected;

/** GHSA's limits on an advisory's summary (our title) and description, in characters. */
export const GHSA_TITLE_MAX = 1024;
export const GHSA_DESCRIPTION_MAX = 65535;

/** Whether and how the finder or reporter wants to be credited. */
export interface CreditPreference {
  credit: boolean;
  /** Name to credit, when `credit` is true. */
  name: string | null;
}

/** A pending coordinator handoff: the old coordinator stays responsible until `to` accepts. */
export interface Handoff {
  to: string;
  requestedAt: Date;
}

/** EU Cyber Resilience Act (Art. 14) data of a report. */
export interface CraData {
  /** When the team became aware of active exploitation; starts the 24 h and 72 h clocks. */
  exploitationAwareAt: Date | null;
  /** When a fix or mitigation became available; starts the 14 day final-report clock. */
  fixAvailableAt: Date | null;
  earlyWarningSubmittedAt: Date | null;
  notificationSubmittedAt: Date | null;
  finalReportSubmittedAt: Date | null;
  /** The team's finding on active exploitation, who recorded it and on what grounds. */
  exploitation: CraExploitation | null;
  /** The corrective or mitigating measure available since `fixAvailableAt` (Art. 14(2)(c)). */
  measure: CraMeasure | null;
  /** A severe incident on infrastructure the PSF provides (PyPI, python.org): Art. 14(3), 24(3). */
  incident: CraIncident | null;
  /** Requests for more information from a CSIRT, each with its own due time. */
  csirtRequests: CsirtRequest[];
  /** What a person wrote into each stage's draft, by stage and field; the rest is filled from the report. */
  drafts: Record<string, Record<string, string>>;
}

export type CraExploitation =
  | { status: 'exploited'; evidence: string; recordedBy: string; recordedAt: Date }
  | { status: 'not-exploited'; reason: string; recordedBy: string; recordedAt: Date };

export interface CraMeasure {
  description: string;
  recordedBy: string;
  recordedAt: Date;
}

export interface CraIncident {
  /** When the team became aware of the incident: starts the 24 h and 72 h clocks. */
  awareAt: Date;
  description: string;
  recordedBy: string;
  recordedAt: Date;
  earlyWarningSubmittedAt: Date | null;
  /** Starts the one-month final-report clock (Art. 14(4)(c)). */
  notificationSubmittedAt: Date | null;
  finalReportSubmittedAt: Date | null;
}

export interface CsirtRequest {
  /** 1, 2, … within the report. */
  id: number;
  /** Who asked: the CSIRT designated as coordinator, or ENISA. */
  csirt: string;
  request: string;
  askedAt: Date;
  dueAt: Date;
  recordedBy: string;
  answer: { text: string; answeredAt: Date; answeredBy: string } | null;
}

/** A report's CRA data before anyone records anything. */
export const emptyCra = (): CraData => ({
  exploitationAwareAt: null,
  fixAvailableAt: null,
  earlyWarningSubmittedAt: null,
  notificationSubmittedAt: null,
  finalReportSubmittedAt: null,
  exploitation: null,
  measure: null,
  incident: null,
  csirtRequests: [],
  drafts: {},
});

export interface Report {
  /** Our id, `PSRT-YYYY-NNNN`. Never shown to anyone without access. */
  id: string;
  ghsaId: string | null;
  /** `owner/name` of the repository the advisory belongs to. */
  repository: string;
  /** GHSA summary. */
  title: string;
  /** GHSA description. */
  description: string;
  state: ReportState;
  /** First receipt by the PSRT (an earlier security@ email counts): starts the disclosure clock. */
  receivedAt: Date;
  /** Last human or bot activity on the report: the coordinator clock runs from here. */
  lastActivityAt: Date;
  /** GitHub login of the coordinator (GHSA credit of type `coordinator`). */
  coordinator: string | null;
  coordinatorSince: Date | null;
  handoff: Handoff | null;
  determination: Determination | null;
  cveId: string | null;
  /** CVSS v4.0 vector (`CVSS:4.0/...`). */
  cvssVector: string | null;
  affected: Affected[];
  fixPullRequests: FixPullRequest[];
  /** GitHub login of the reporter, when known. */
  reporter: string | null;
  creditPreference: CreditPreference | null;
  extensions: Extension[];
  rejection: Rejection | null;
  /** When the report was published or rejected; grants default to expire 14 days after. */
  finishedAt: Date | null;
  cra: CraData;
  /** What the published records say beyond the fields above (PSF id, CWE, credits, references, products). */
  publication: Publication;
  createdAt: Date;
  updatedAt: Date;
}

/** Roles a roster entry can carry, in the order the devguide CSV writes them. */
export const rosterRoles = ['Admin', 'Release Manager', 'Steering Council', 'PSF Staff'] as const;
export type RosterRole = (typeof rosterRoles)[number];

/** Which devguide list an entry is on. One person can be on both (e.g. emeritus, then rejoined). */
export type RosterList = 'member' | 'emeritus';

export interface RosterEntry {
  list: RosterList;
  /** 1-based position in its list: export keeps the order. */
  position: number;
  name: string;
  /** GitHub login; blank only on the emeritus list. */
  login: string | null;
  roles: RosterRole[];
}

/** A collaborator's access to one report. */
export interface Grant {
  id: string;
  reportId: string;
  login: string;
  grantedBy: string;
  reason: string;
  grantedAt: Date;
  /** Null while the report is open and no expiry was chosen: then it expires 14 days after the report is finished. */
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedBy: string | null;
}

/** Who is asking. Roster roles are resolved by the caller from the roster. */
export type Principal =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      login: string;
      /** On the active member list. */
      member: boolean;
      roles: readonly RosterRole[];
    }
  /** The bot and the scheduler: act on every report. */
  | { kind: 'system'; name: string };
