// The one way a report changes: in one transaction, load it under a row lock,
// check access, let a pure domain function decide, then save the report, append
// the audit event and enqueue the effects. Every report use-case goes through here.
import { type Action, canSeeReport, type GrantContext } from '../domain/access.ts';
import { canonicalJson } from '../domain/audit.ts';
import { disclosureDeadline } from '../domain/clocks.ts';
import type { Effect } from '../domain/effects.ts';
import { DomainError } from '../domain/errors.ts';
import type { Grant, Principal, Report } from '../domain/report.ts';
import {
  appendAudit,
  type Db,
  enqueueEffects,
  getReport,
  getReportForUpdate,
  insertGrant,
  listGrants,
  revokeGrant,
  type Tx,
  updateReport,
} from '../store/index.ts';
import { authorize } from './authorize.ts';
import { type AppContext, actorName } from './context.ts';
import { reportNotFound, UseCaseError } from './errors.ts';

export interface Decision {
  report: Report;
  effects?: Effect[];
  /** Collaborator grants the change adds or ends (domain/grants). */
  added?: Grant[];
  revoked?: Grant[];
  /** What the audit event records, when not the report's own fields (a grant, say). */
  audit?: Record<string, unknown>;
}

export type Decide = (report: Report, now: Date, tx: Tx) => Decision | Promise<Decision>;

export interface VisibleReport {
  report: Report;
  /** The report's grants, loaded only when the actor's access depends on them. */
  access: GrantContext;
}

/** Loads a report the actor may see, under a row lock, or fails with the same "not found" either way. */
export async function loadVisibleReport(
  tx: Tx,
  actor: Principal,
  reportId: string,
  now: Date,
): Promise<VisibleReport> {
  return visibleTo(tx, actor, reportId, await getReportForUpdate(tx, reportId), now);
}

/**
 * The same, to read and show: no lock and no transaction, so a page view writes
 * nothing (a row lock is a write in PostgreSQL) and waits for no change.
 */
export async function readVisibleReport(
  db: Db,
  actor: Principal,
  reportId: string,
  now: Date,
): Promise<VisibleReport> {
  return visibleTo(db, actor, reportId, await getReport(db, reportId), now);
}

async function visibleTo(
  db: Db,
  actor: Principal,
  reportId: string,
  report: Report | null,
  now: Date,
): Promise<VisibleReport> {
  if (!report) throw reportNotFound(reportId);
  const grants: Grant[] = actor.kind === 'user' && !actor.member ? await listGrants(db, reportId) : [];
  if (!canSeeReport(actor, report, grants, now)) throw reportNotFound(reportId);
  return { report, access: { grants, now } };
}

/** Turns a refusal by the domain rules into a use-case error the interfaces show as-is. */
/** Runs a use-case's work, turning the domain's refusals into use-case errors. */
export async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asUseCaseError(error);
  }
}

export function asUseCaseError(error: unknown): unknown {
  if (error instanceof DomainError) {
    return new UseCaseError(error.code, error.message, (error as { checklist?: unknown }).checklist);
  }
  return error;
}

/** Fields that differ between two versions of a report, for the audit log. */
export function reportDiff(before: Report, after: Report): Record<string, { from: unknown; to: unknown }> {
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as (keyof Report)[]) {
    if (key === 'updatedAt' || key === 'lastActivityAt') continue;
    // Key order aside: jsonb columns come back with their keys reordered.
    const from = canonicalJson(before[key]);
    const to = canonicalJson(after[key]);
    if (from !== to) diff[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return diff;
}

export function toOutbox(effects: readonly Effect[]) {
  return effects.map((effect) => ({
    key: effect.key,
    kind: effect.kind,
    reportId: 'reportId' in effect ? effect.reportId : null,
    payload: effect,
  }));
}

/** Saves a decided report with its audit event and effects, inside the caller's transaction. */
export async function saveDecision(
  tx: Tx,
  actor: Principal,
  auditAction: string,
  before: Report | null,
  decision: Decision,
  now: Date,
): Promise<void> {
  const { report, effects = [], added = [], revoked = [] } = decision;
  if (before && report !== before) await updateReport(tx, report, disclosureDeadline(report));
  for (const grant of added) await insertGrant(tx, grant);
  for (const grant of revoked) await revokeGrant(tx, grant.id, grant.revokedBy ?? actorName(actor), now);
  await appendAudit(tx, {
    actor: actorName(actor),
    action: auditAction,
    subject: report.id,
    at: now,
    change: decision.audit ?? (before ? reportDiff(before, report) : { created: report.id }),
  });
  if (effects.length > 0) await enqueueEffects(tx, toOutbox(effects), now);
}

/** Runs one report change end to end, and returns the whole decision (the new report, grants, effects). */
export async function decideChange(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
  permission: Action,
  auditAction: string,
  decide: Decide,
): Promise<Decision> {
  const now = ctx.now();
  try {
    return await ctx.store.transaction(async (tx) => {
      const { report: before, access } = await loadVisibleReport(tx, actor, reportId, now);
      authorize(actor, permission, before, access);
      const decision = await decide(before, now, tx);
      await saveDecision(tx, actor, auditAction, before, decision, now);
      return decision;
    });
  } catch (error) {
    throw asUseCaseError(error);
  }
}

/** Runs one report change end to end and returns the report as it now is. */
export async function changeReport(...args: Parameters<typeof decideChange>): Promise<Report> {
  return (await decideChange(...args)).report;
}
