// A report's timeline: its audit events, the GHSA comments psrt answered, and (for members) the
// effects psrt performs outside with how each went, merged by time, newest first, in plain words.
// What someone sees follows their access: members all of it; a collaborator what GitHub shows them.
import type { AuditEvent } from '../domain/audit.ts';
import type { Principal } from '../domain/report.ts';
import {
  type CommandComment,
  type EffectStatus,
  listAudit,
  listCommandComments,
  listEffects,
  mailOfReport,
  type StoredEffect,
  type StoredMessage,
} from '../store/index.ts';
import { isAllowed } from './authorize.ts';
import type { AppContext } from './context.ts';
import { readVisibleReport, type VisibleReport } from './report-change.ts';
import { craDueEntries } from './timeline-cra.ts';
import { actorWords, effectWords, eventWords } from './timeline-words.ts';

export interface TimelineEntry {
  at: Date;
  source: 'event' | 'comment' | 'effect' | 'mail';
  /** Who acted: a login, `GitHub`, or `psrt` (its bot, scheduler and effect runner). */
  who: string;
  /** What happened, in plain words. */
  what: string;
  /** What a person or psrt wrote with it (a reason, a comment's body): text, never markup. */
  text: string | null;
  /** Effects only: where it stands, and what went wrong last. */
  effect?: {
    id: number;
    status: EffectStatus;
    attempts: number;
    completedAt: Date | null;
    lastError: string | null;
  };
}

/**
 * Events whose news a collaborator also has on the GHSA (its state, coordinator credit and CVE ID)
 * or on the report page (its deadline). Grants, edits and effects are for members.
 */
const eventsForCollaborators = new Set([
  'report.create',
  'report.assign',
  'report.auto-assign',
  'report.handoff.accept',
  'report.accept',
  'report.reject',
  'report.reopen',
  'report.publish',
  'report.mirror-state',
  'report.cve-reserved',
  'report.extend',
]);

// At one moment, what followed from something shows above it (newest first): effects, then the
// event that enqueued them, then the comment that asked for it.
const rank: Record<TimelineEntry['source'], number> = { effect: 0, event: 1, comment: 2, mail: 3 };

function fromEvent(event: AuditEvent, withText: boolean): TimelineEntry | null {
  const said = eventWords(event);
  if (!said) return null;
  return {
    at: event.at,
    source: 'event',
    who: said.who ?? actorWords(event.actor),
    what: said.what,
    text: withText ? said.text : null,
  };
}

const fromComment = (comment: CommandComment): TimelineEntry => ({
  at: comment.answeredAt,
  source: 'comment',
  who: comment.author,
  what: 'commented on the GHSA with a command for psrt, which answered it',
  text: null,
});

function fromEffect(effect: StoredEffect): TimelineEntry {
  const said = effectWords(effect);
  return {
    at: effect.createdAt,
    source: 'effect',
    who: 'psrt',
    what: said.what,
    text: said.text,
    effect: {
      id: effect.id,
      status: effect.status,
      attempts: effect.attempts,
      completedAt: effect.completedAt,
      lastError: effect.lastError,
    },
  };
}

/** A message to security@ in a thread linked to the report: the reporter's words, as text. */
const fromMail = (message: StoredMessage): TimelineEntry => ({
  at: message.receivedAt,
  source: 'mail',
  who: message.fromName ?? message.fromAddress ?? 'someone',
  what:
    message.encryption === 'undecryptable'
      ? 'wrote to security@ (encrypted; psrt could not decrypt it)'
      : `wrote to security@${message.attachments?.length ? ` (${message.attachments.length} attachment${message.attachments.length > 1 ? 's' : ''})` : ''}`,
  text: message.text,
});

/** psrt's own comments on the GHSA once posted: every collaborator on the GHSA reads them there. */
function postedComment(effect: StoredEffect): TimelineEntry | null {
  if (effect.kind !== 'ghsa.comment' || effect.status !== 'done') return null;
  return { ...fromEffect(effect), source: 'comment', what: 'commented on the GHSA', effect: undefined };
}

/** What a timeline is drawn from; comments and effects only for those who may read the GHSA's comments. */
export interface TimelineSources {
  events: AuditEvent[];
  comments: CommandComment[];
  effects: StoredEffect[];
  /** Mail to security@ in threads linked to the report: members only. */
  mail?: StoredMessage[];
  /** When the report's CRA clocks fall due (timeline-cra); shown to members only. */
  dues?: TimelineEntry[];
}

/** Whether `principal` reads the report's GHSA comments and psrt's effects: members, and live collaborators. */
export const readsComments = (principal: Principal, { report, access }: VisibleReport): boolean =>
  isAllowed(principal, 'report.comment', report, access);

/** The report's timeline as `principal` may see it, newest first; a report they may not see is "not found". */
export async function reportTimeline(
  ctx: AppContext,
  principal: Principal,
  reportId: string,
): Promise<TimelineEntry[]> {
  const db = ctx.store.db;
  const visible = await readVisibleReport(db, principal, reportId, ctx.now());
  const id = visible.report.id;
  const comments = readsComments(principal, visible);
  return timelineOf(principal, {
    events: await listAudit(db, id),
    comments: comments ? await listCommandComments(db, id) : [],
    effects: comments ? await listEffects(db, { reportId: id }) : [],
    mail: isAllowed(principal, 'effects.manage') ? await mailOfReport(db, id) : [],
    dues: craDueEntries(visible.report, ctx.now()),
  });
}

/** The timeline drawn from what was read for a visible report (`TimelineSources`). */
export function timelineOf(
  principal: Principal,
  { events, comments, effects, mail = [], dues = [] }: TimelineSources,
): TimelineEntry[] {
  const member = isAllowed(principal, 'effects.manage');
  // Each list newest first: the (stable) sort then keeps the later of two at one moment on top.
  const entries: TimelineEntry[] = [
    ...events
      .filter((event) => member || eventsForCollaborators.has(event.action))
      .map((event) => fromEvent(event, member))
      .filter((entry) => entry !== null)
      .reverse(),
    ...comments.map(fromComment).reverse(),
    ...(member
      ? effects.map(fromEffect)
      : effects.map(postedComment).filter((entry) => entry !== null)
    ).reverse(),
    ...(member ? mail.map(fromMail).reverse() : []),
    ...(member ? dues : []),
  ];
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime() || rank[a.source] - rank[b.source]);
}
