// Commands in GHSA comments, carried out and answered exactly once: the
// comment is recorded in the same transaction as what its commands change
// and the bot's reply (an effect keyed by the comment), so a comment seen
// again does nothing. Who may give which command: PSRT members anything on
// any report; collaborators on the GHSA only what a collaborator may do
// (`help`, `status`) on their own report; repository admins anything on the
// repository's reports, recorded as the bot acting at their request.
import { type Command, collaboratorCommands, commandHelp, commandsIn } from '../../domain/bot/commands.ts';
import type { Ghsa } from '../../domain/bot/ghsa.ts';
import { disclosureDeadline } from '../../domain/clocks.ts';
import type { Effect } from '../../domain/effects.ts';
import { checklist } from '../../domain/lifecycle.ts';
import type { Principal, Report } from '../../domain/report.ts';
import { sameLogin } from '../../domain/roster.ts';
import { DAY_MS } from '../../domain/time.ts';
import type { AdvisoryComment } from '../../github/index.ts';
import {
  enqueueEffects,
  getReportForUpdate,
  listEffects,
  recordCommandComment,
  storeWithin,
  type Tx,
} from '../../store/index.ts';
import { type AppContext, botPrincipal } from '../context.ts';
import { UseCaseError } from '../errors.ts';
import { grantAccess, revokeAccess } from '../grants.ts';
import { toOutbox } from '../report-change.ts';
import {
  assignCoordinator,
  determineReport,
  extendDeadline,
  requestHandoff,
  transitionReport,
} from '../reports.ts';
import { resolvePrincipal } from '../roster.ts';

/** How the commenter stands towards the report. */
export type Standing = 'member' | 'admin' | 'collaborator' | 'stranger';

export interface CommandComment {
  ghsa: Ghsa;
  reportId: string;
  comment: AdvisoryComment;
}

/**
 * Carries out the commands of one comment and enqueues the one reply; false
 * when the comment was answered before. `standing` is decided by the caller
 * (membership from the roster, admin rights from GitHub).
 */
export async function answerComment(
  ctx: AppContext,
  botName: string,
  { ghsa, reportId, comment }: CommandComment,
  standing: Standing,
): Promise<boolean> {
  const author = comment.author?.login ?? '';
  const parsed = commandsIn(comment.body, botName);
  if (parsed.length === 0 || !author) return false;
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const recorded = await recordCommandComment(
      tx,
      { ghsaId: ghsa.ghsaId, commentId: comment.id, author, reportId },
      now,
    );
    if (!recorded) return false;
    const inTx: AppContext = { ...ctx, store: storeWithin(ctx.store, tx) };
    const actor = standing === 'member' ? await resolvePrincipal(inTx, author) : botPrincipal;
    const lines: string[] = [];
    for (const item of parsed) {
      if (!item.ok) {
        lines.push(`${item.problem} Say \`@${botName} help\` for the commands.`);
        continue;
      }
      lines.push(
        await carryOut(inTx, tx, {
          actor,
          standing,
          reportId,
          ghsa,
          command: item.command,
          commentId: comment.id,
          botName,
        }),
      );
    }
    const report = await getReportForUpdate(tx, reportId);
    if (report) await enqueueEffects(tx, toOutbox([reply(report, comment.id, author, lines)]), now);
    return true;
  });
}

function reply(report: Report, commentId: number, author: string, lines: string[]): Effect {
  return {
    kind: 'ghsa.comment',
    key: `command:${report.ghsaId}:${commentId}`,
    reportId: report.id,
    repository: report.repository,
    ghsaId: report.ghsaId ?? '',
    purpose: 'command-reply',
    body: [`@${author}:`, '', ...lines.map((line) => (lines.length > 1 ? `- ${line}` : line))].join('\n'),
  };
}

interface Carrying {
  actor: Principal;
  standing: Standing;
  reportId: string;
  ghsa: Ghsa;
  command: Command;
  commentId: number;
  botName: string;
}

/** One command: what it changed, or why it changed nothing, in a line for the reply. */
async function carryOut(ctx: AppContext, tx: Tx, c: Carrying): Promise<string> {
  const { command } = c;
  if (c.standing === 'stranger')
    return `Only PSRT members, repository admins and this advisory's collaborators may give the bot commands here; \`${command.name}\` was not carried out.`;
  if (c.standing === 'collaborator' && !collaboratorCommands.includes(command.name))
    return `\`${command.name}\` is for PSRT members and repository admins; as a collaborator you may use ${collaboratorCommands.map((n) => `\`${n}\``).join(' and ')}.`;
  try {
    return await perform(ctx, tx, c);
  } catch (error) {
    // Use-case refusals name what is missing, never report text: safe to say where the question was asked.
    if (error instanceof UseCaseError) return `\`${command.name}\` was not carried out: ${error.message}`;
    throw error;
  }
}

async function perform(ctx: AppContext, tx: Tx, c: Carrying): Promise<string> {
  const { actor, reportId, command } = c;
  const report = await getReportForUpdate(tx, reportId);
  if (!report) throw new UseCaseError('not-found', 'the report is gone.');
  switch (command.name) {
    case 'help':
      return [
        `The bot's commands (start a line with \`@${c.botName}\`):`,
        ...commandHelp.map((line) => `  - ${line}`),
      ].join('\n');
    case 'status':
      return status(report);
    case 'accept': {
      if (report.determination === null) await determineReport(ctx, actor, reportId, 'vulnerability');
      await transitionReport(ctx, actor, reportId, 'accept');
      return 'Accepted: the GHSA becomes a draft and a CVE ID is reserved.';
    }
    case 'reject': {
      if (report.determination === null && command.reason !== 'spam' && command.reason !== 'duplicate')
        await determineReport(ctx, actor, reportId, 'not-a-vulnerability');
      await transitionReport(ctx, actor, reportId, 'reject', {
        rejection: { reason: command.reason, detail: command.detail },
      });
      return `Rejected as ${command.reason}${command.reason === 'spam' ? ', without a reply' : ''}; the GHSA is closed.`;
    }
    case 'coordinator':
      await assignCoordinator(ctx, actor, reportId, command.login);
      return `@${command.login} now coordinates this report.`;
    case 'handoff':
      await requestHandoff(ctx, actor, reportId, command.login);
      return `@${command.login} is asked to take over as coordinator.`;
    case 'extend': {
      const extended = await extendDeadline(ctx, actor, reportId, {
        days: command.days,
        reason: command.reason,
        reporterAgreed: true,
      });
      return `The disclosure deadline moved by ${command.days} days, to ${day(disclosureDeadline(extended))}.`;
    }
    case 'grant': {
      const expiresAt = command.days === null ? null : new Date(ctx.now().getTime() + command.days * DAY_MS);
      await grantAccess(ctx, actor, reportId, {
        login: command.login,
        reason: `granted in a GHSA comment (${c.ghsa.ghsaId})`,
        expiresAt,
      });
      return `@${command.login} has access${expiresAt ? ` until ${day(expiresAt)}` : ' until 14 days after the report is finished'}.`;
    }
    case 'revoke':
      // Someone without access is refused by the use-case, with its reason.
      await revokeAccess(ctx, actor, reportId, command.login);
      return `@${command.login}'s access ended.`;
    case 'assign-cve':
      return assignCve(tx, report, c.commentId, ctx.now());
    case 'public-issue':
      return openPublicIssue(ctx, tx, actor, report, c.commentId);
  }
}

/**
 * Records the report as a bug that is not security relevant, checks it could
 * then be rejected as a public issue, and asks for the issue; the rejection
 * follows once GitHub has opened it (effects/public-issue.ts).
 */
async function openPublicIssue(
  ctx: AppContext,
  tx: Tx,
  actor: Principal,
  report: Report,
  commentId: number,
): Promise<string> {
  if (report.determination !== 'not-security-bug')
    await determineReport(ctx, actor, report.id, 'not-security-bug');
  const determined = (await getReportForUpdate(tx, report.id)) ?? report;
  const placeholder = { reason: 'public-issue' as const, detail: 'https://github.com/' };
  const list = checklist(determined, 'reject', { rejection: placeholder });
  if (!list.allowed) {
    const missing = list.requirements.filter((r) => !r.met && r.id !== 'reason').map((r) => r.reason);
    throw new UseCaseError('refused', missing.join(' '));
  }
  const body = [
    determined.description,
    '',
    `(Reported privately to the Python Security Response Team, who found it is a bug but not a security vulnerability.)`,
  ].join('\n');
  const effect: Effect = {
    kind: 'github.open-issue',
    key: `github.open-issue:${report.id}:comment:${commentId}`,
    reportId: report.id,
    repository: report.repository,
    title: determined.title,
    body,
  };
  await enqueueEffects(tx, toOutbox([effect]), ctx.now());
  return 'A public issue is being opened from this report’s title and description; the report is then closed as not a vulnerability, linking it.';
}

const day = (date: Date) => date.toISOString().slice(0, 10);

function status(report: Report): string {
  const coordinator = report.coordinator ? `@${report.coordinator}` : 'none yet';
  return `State: ${report.state}. Coordinator: ${coordinator}. CVE ID: ${report.cveId ?? 'none'}. Disclosure deadline: ${day(disclosureDeadline(report))}.`;
}

async function assignCve(tx: Tx, report: Report, commentId: number, now: Date): Promise<string> {
  if (report.cveId) return `This report already has ${report.cveId}.`;
  if (report.state !== 'accepted')
    throw new UseCaseError('refused', 'only an accepted report gets a CVE ID: accept it first.');
  const pending = await listEffects(tx, { reportId: report.id });
  if (pending.some((e) => e.kind === 'cve.reserve' && (e.status === 'pending' || e.status === 'claimed')))
    return 'A CVE ID is already being reserved for this report.';
  await enqueueEffects(
    tx,
    toOutbox([
      { kind: 'cve.reserve', key: `cve.reserve:${report.id}:comment:${commentId}`, reportId: report.id },
    ]),
    now,
  );
  return 'A CVE ID is being reserved from the CNA; it will be set on this advisory.';
}

/** What the roster and the GHSA itself say of the author (admins and team members are asked of GitHub by the caller). */
export function standingOf(author: string, members: readonly string[], ghsa: Ghsa): Standing {
  if (members.some((member) => sameLogin(member, author))) return 'member';
  if (ghsa.collaboratingUsers.some((user) => sameLogin(user, author)) || sameLogin(ghsa.author, author))
    return 'collaborator';
  return 'stranger';
}
