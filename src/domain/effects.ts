// Every effect psrt asks of the outside world, declared once: a zod schema per
// kind gives the type the domain returns and the check the runner applies to
// a stored row before performing it. `key` is the idempotency key: an effect
// enqueued twice is performed once. The decision is made here; the runner's
// table in src/app only translates each kind into one adapter call.
import { z } from 'zod';
import { cveIdPattern, ghsaIdPattern, githubLoginPattern, repositoryPattern } from './identifiers.ts';
import { creditTypes } from './publication.ts';
import { repliedRejectionReasons } from './report.ts';

const key = z.string().min(1).max(500);
const reportId = z.string().min(1);
const login = z.string().regex(githubLoginPattern);
const cveId = z.string().regex(cveIdPattern);
/** A security@ thread (src/domain/inbox.ts). */
const threadId = z.number().int().positive();
/** The advisory an effect acts on: its repository (`owner/name`) and GHSA id. */
const advisory = {
  key,
  reportId,
  repository: z.string().regex(repositoryPattern),
  ghsaId: z.string().regex(ghsaIdPattern),
};

/** A person's membership of an organisation's team, for one membership change. */
const teamMembership = {
  key,
  change: z.number().int().positive(),
  org: z.string().regex(githubLoginPattern),
  team: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/i),
  login,
};

/** Exactly one of the two is set. */
const collaborator = {
  login: login.optional(),
  team: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/i)
    .optional(),
};

const oneCollaborator = (effect: { login?: string | undefined; team?: string | undefined }) =>
  (effect.login === undefined) !== (effect.team === undefined);
const oneOnly = { message: 'name either a login or a team', path: ['login'] };

/**
 * Who a notice by mail goes to; the mailer resolves each to the configured address. `announce`
 * is security-announce@python.org, where advisories are published; `steering-council` is the
 * Python Steering Council (nominations it may veto, the yearly inactivity report).
 */
export const mailAudiences = ['team', 'admins', 'steward-staff', 'announce', 'steering-council'] as const;
export type MailAudience = (typeof mailAudiences)[number];

export const effectSchema = z.discriminatedUnion('kind', [
  /** Reserve one CVE ID at the CNA for the report and record it (exactly once per report). */
  z.object({ kind: z.literal('cve.reserve'), key, reportId }),
  /** Reject a reserved CVE ID at the CNA, with the reason the CVE record will carry. */
  z.object({ kind: z.literal('cve.reject'), key, reportId, cveId, reason: z.string().min(1).max(2000) }),
  /** Move the GHSA to the state that mirrors the report's (GitHub's API cannot move one back to triage). */
  z.object({
    kind: z.literal('ghsa.update-state'),
    ...advisory,
    ghsaState: z.enum(['draft', 'closed', 'published']),
  }),
  /**
   * A GHSA opened on the reporter's behalf for a report filed from security@ (it starts as a
   * draft on GitHub); the report then mirrors it, crediting the reporter when their login is known.
   */
  z.object({
    kind: z.literal('ghsa.create'),
    key,
    reportId,
    repository: z.string().regex(repositoryPattern),
  }),
  /** The GHSA's temporary private fork, where the fix is developed (GitHub makes one per advisory). */
  z.object({ kind: z.literal('ghsa.create-fork'), ...advisory }),
  /** Write the reserved CVE ID into the GHSA's `cve_id`. */
  z.object({ kind: z.literal('ghsa.set-cve'), ...advisory, cveId }),
  /** A person (`login`) or a team of the repository's organisation (`team`, its slug) on the GHSA. */
  z
    .object({ kind: z.literal('ghsa.add-collaborator'), ...advisory, ...collaborator })
    .refine(oneCollaborator, oneOnly),
  z
    .object({ kind: z.literal('ghsa.remove-collaborator'), ...advisory, ...collaborator })
    .refine(oneCollaborator, oneOnly),
  /** The coordinator as the GHSA credit of type `coordinator`; `previous` loses that credit. */
  z.object({
    kind: z.literal('ghsa.set-coordinator'),
    ...advisory,
    coordinator: login.nullable(),
    previous: login.nullable(),
  }),
  /** A credit dropped by the coordinator, taken off the GHSA (the person and type it names). */
  z.object({
    kind: z.literal('ghsa.remove-credit'),
    ...advisory,
    login,
    creditType: z.enum(creditTypes),
  }),
  /** A comment on the GHSA (comments API). */
  z.object({
    kind: z.literal('ghsa.comment'),
    ...advisory,
    purpose: z.string().min(1),
    body: z.string().min(1).max(60_000),
  }),
  /**
   * A public issue for a report that is a bug but not a vulnerability, from its title and
   * description as the coordinator edited them; once open, the report is rejected as
   * `public-issue` linking it (and its GHSA closed).
   */
  z.object({
    kind: z.literal('github.open-issue'),
    key,
    reportId,
    repository: z.string().regex(repositoryPattern),
    title: z.string().min(1).max(1024),
    body: z.string().min(1).max(60_000),
  }),
  /** The devguide's reply to the reporter for a rejection reason (never for spam). */
  z.object({
    kind: z.literal('reply.send'),
    key,
    reportId,
    template: z.enum(repliedRejectionReasons),
  }),
  /**
   * The advisory email (a stored record version) to the announce list. Once it is sent the advisory
   * is public: the report becomes published, and the rest follows (`afterSent`): the OSV record
   * committed, the CVE record published when a CNA operator already approved it, the GHSA closed.
   */
  z.object({
    kind: z.literal('advisory.send'),
    key,
    reportId,
    recordId: z.number().int().positive(),
    afterSent: z.object({
      osvRecordId: z.number().int().positive().nullable(),
      cveRecordId: z.number().int().positive().nullable(),
      /** Who published: the report's `publish` audit event names them. */
      by: z.string().min(1),
      /** The publication time the records carry (OSV `published`, CVE `datePublished`): the report's `finishedAt`. */
      publishedAt: z.iso.datetime(),
    }),
  }),
  /** The OSV record (a stored record version) written and committed into the PSF advisory database checkout. */
  z.object({ kind: z.literal('osv.commit'), key, reportId, recordId: z.number().int().positive() }),
  /** The CVE record (a stored record version) published to CVE Services, once a CNA operator approved it. */
  z.object({ kind: z.literal('cve.publish'), key, reportId, cveId, recordId: z.number().int().positive() }),
  /**
   * A reply to whoever wrote a security@ thread, in that thread (answering its last message from
   * them): an acknowledgement, a devguide template, a request for what the policy asks.
   */
  z.object({
    kind: z.literal('intake.reply'),
    key,
    reportId: reportId.nullable(),
    threadId,
    purpose: z.string().min(1),
    text: z.string().min(1).max(100_000),
  }),
  /** A security@ thread sent on, whole, to another project's or venue's security contact. */
  z.object({
    kind: z.literal('intake.forward'),
    key,
    reportId: reportId.nullable(),
    threadId,
    to: z.email(),
    destination: z.string().min(1).max(200),
  }),
  /**
   * A membership change decided in psrt, applied to the PSRT's GitHub team (PEP 811: the
   * canonical list) before the roster records it. `change` is the membership change's id.
   */
  z.object({ kind: z.literal('team.add-member'), ...teamMembership }),
  z.object({ kind: z.literal('team.remove-member'), ...teamMembership }),
  /** A notice by mail through the one mailer. */
  z.object({
    kind: z.literal('mail.send'),
    key,
    reportId: reportId.nullable(),
    purpose: z.string().min(1),
    to: z.array(z.enum(mailAudiences)).min(1),
    subject: z.string().min(1).max(300),
    text: z.string().min(1).max(100_000),
  }),
]);

export type Effect = z.infer<typeof effectSchema>;
export type EffectKind = Effect['kind'];
export type EffectOf<K extends EffectKind> = Extract<Effect, { kind: K }>;

export const effectKinds = effectSchema.options.map((option) => option.shape.kind.value) as EffectKind[];

/** Reads a stored effect back, or says which field is wrong (never echoing its value). */
export function parseEffect(value: unknown): { ok: true; effect: Effect } | { ok: false; problem: string } {
  const parsed = effectSchema.safeParse(value);
  if (parsed.success) return { ok: true, effect: parsed.data };
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || '(effect)'}: ${issue.message}`,
  );
  return { ok: false, problem: `not a valid effect (${problems.join('; ')})` };
}
