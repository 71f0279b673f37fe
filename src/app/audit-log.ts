// The audit log as members read it: events newest first, a page at a time,
// narrowed to one subject or actor; and its verification, recorded in the log
// itself (who checked the chain, when, and what they found), so the page can
// say when it was last verified and by whom, the scheduler or a person.
import type { AuditEvent } from '../domain/audit.ts';
import type { Principal } from '../domain/report.ts';
import { appendAudit, auditHeadSeq, latestAuditEvent, listAuditPage } from '../store/index.ts';
import { type AuditHead, type AuditVerdict, verifyAudit } from './audit.ts';
import { authorize } from './authorize.ts';
import { type AppContext, actorName } from './context.ts';

export const AUDIT_PAGE_SIZE = 50;

/** Who verifies the chain every day inside `psrt serve`. */
export const schedulerPrincipal: Principal = { kind: 'system', name: 'scheduler' };

/** The action of the event a verification appends. */
export const VERIFY_ACTION = 'audit.verify';

export interface AuditLogQuery {
  subject?: string;
  actor?: string;
  /** The page starts below this seq (the previous page's last). */
  before?: number;
  limit?: number;
}

export interface AuditLogPage {
  events: AuditEvent[];
  /** The seq to ask `before` for the next (older) page; null on the last page. */
  next: number | null;
}

/** A page of the audit log, newest first. Members only: the events carry embargoed report text. */
export async function auditLogAs(
  ctx: AppContext,
  principal: Principal,
  query: AuditLogQuery = {},
): Promise<AuditLogPage> {
  authorize(principal, 'audit.read');
  const limit = Math.min(Math.max(query.limit ?? AUDIT_PAGE_SIZE, 1), 500);
  // One more than shown: whether it comes back says if there is an older page.
  const events = await listAuditPage(ctx.store.db, query, limit + 1);
  const shown = events.slice(0, limit);
  const last = shown.at(-1);
  return { events: shown, next: events.length > limit && last ? last.seq : null };
}

export interface AuditVerification {
  at: Date;
  /** A login, or `system:scheduler` for the daily check. */
  by: string;
  verdict: AuditVerdict;
}

export interface AuditStatus {
  /** The latest verification recorded, or null when the chain was never verified in psrt. */
  last: AuditVerification | null;
  /** The newest event's seq now: events after the last verification's head are not covered by it. */
  headSeq: number;
}

const verificationOf = (event: AuditEvent): AuditVerification => ({
  at: event.at,
  by: event.actor,
  verdict: event.change as AuditVerdict,
});

/** When the chain was last verified, by whom and with what outcome; for members reading the log. */
export async function auditStatusAs(ctx: AppContext, principal: Principal): Promise<AuditStatus> {
  authorize(principal, 'audit.read');
  const [last, headSeq] = await Promise.all([
    latestAuditEvent(ctx.store.db, VERIFY_ACTION),
    auditHeadSeq(ctx.store.db),
  ]);
  return { last: last ? verificationOf(last) : null, headSeq };
}

/**
 * Verifies the whole chain (admins, and the scheduler daily) and appends what
 * was found as an `audit.verify` event: the check itself becomes part of the
 * tamper-evident record.
 */
export async function verifyAndRecordAudit(
  ctx: AppContext,
  actor: Principal,
  options: { expectHead?: AuditHead } = {},
): Promise<AuditVerification> {
  const verdict = await verifyAudit(ctx, actor, options);
  const at = ctx.now();
  const event = await ctx.store.transaction((tx) =>
    appendAudit(tx, {
      actor: actorName(actor),
      action: VERIFY_ACTION,
      subject: 'audit',
      at,
      change: verdict,
    }),
  );
  return verificationOf(event);
}
