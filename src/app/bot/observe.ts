// One sighting of a GHSA, from a webhook or a poll, mirrored into psrt in one
// transaction: the advisory's row is locked (a webhook and a poll seeing it at
// once take turns), an older sighting than the last is ignored, GitHub's
// changes are written into the report (or a report is opened for a new
// advisory), the title tags are applied, and the bot's rules enqueue what
// GitHub still lacks. Seeing the same advisory twice, or out of order, ends
// in the same report and the same effects: every rule is level-triggered and
// every effect keyed.
import type { Ghsa } from '../../domain/bot/ghsa.ts';
import { isStale } from '../../domain/bot/ghsa.ts';
import { mirrorFields, mirrorState, previousState, reportFromGhsa } from '../../domain/bot/mirror.ts';
import type { CreditNames } from '../../domain/bot/mirror-publication.ts';
import { privateForkFor } from '../../domain/bot/on-draft.ts';
import { teamAccess } from '../../domain/bot/team-access.ts';
import { applyTitleTags } from '../../domain/bot/title-tags.ts';
import { disclosureDeadline } from '../../domain/clocks.ts';
import { validateCvssV4 } from '../../domain/cvss.ts';
import type { Principal, Report } from '../../domain/report.ts';
import { activeMembers, sameLogin } from '../../domain/roster.ts';
import {
  appendAudit,
  enqueueEffects,
  getReportByGhsaId,
  getReportForUpdate,
  insertReport,
  listRoster,
  lockSighting,
  nextReportId,
  recordSighting,
  type Tx,
} from '../../store/index.ts';
import { type AppContext, actorName, botPrincipal } from '../context.ts';
import { reportDiff, saveDecision, toOutbox } from '../report-change.ts';
import { publishByTag } from './publish-tag.ts';

/** GitHub, as the actor of what psrt mirrors from it. */
export const githubPrincipal: Principal = { kind: 'system', name: 'github' };

export interface BotSettings {
  /** The PSRT team's slug in the organisation (config `github.team`). */
  team: string;
  /** The name people mention to give the bot a command (`@psrt-bot help`; config `github.botName`). */
  name: string;
  /** Active roster members outside the advisory's organisation, added as users; empty when unknown. */
  outsiders(repository: string): Promise<readonly string[]>;
  /**
   * The name a credited login gives on GitHub (installations.ts `creditNamesOf`); null when none.
   * Without it, credits mirrored from GitHub print their login.
   */
  creditNames?(repository: string, login: string): Promise<string | null>;
}

export type Observed =
  | { outcome: 'stale' }
  | { outcome: 'unwatched' }
  | { outcome: 'mirrored'; reportId: string; created: boolean };

export async function observeAdvisory(ctx: AppContext, bot: BotSettings, ghsa: Ghsa): Promise<Observed> {
  if (ghsa.repository === null) return { outcome: 'unwatched' };
  const repository = ghsa.repository;
  const outsiders = await bot.outsiders(repository);
  const nameOf = await creditNamesFor(bot, repository, ghsa);
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const sighting = await lockSighting(tx, ghsa.ghsaId, repository, now);
    if (isStale(ghsa, sighting.ghsa)) return { outcome: 'stale' };
    const members = activeMembers(await listRoster(tx, 'member')).flatMap((m) => (m.login ? [m.login] : []));
    const isMember = (login: string) => members.some((member) => sameLogin(member, login));

    const known = sighting.reportId
      ? await getReportForUpdate(tx, sighting.reportId)
      : await reportOf(tx, ghsa.ghsaId);
    let report: Report;
    let created = false;
    if (known) {
      report = await mirrorChanges(tx, known, sighting.ghsa, ghsa, isMember, nameOf, now);
    } else {
      const id = await nextReportId(tx, now.getUTCFullYear());
      const opened = reportFromGhsa(id, ghsa, isMember, now, nameOf);
      if (opened === null) {
        // Finished before psrt watched it: remembered as seen, with no report.
        await recordSighting(tx, ghsa, null, now);
        return { outcome: 'unwatched' };
      }
      await insertReport(tx, opened.report, disclosureDeadline(opened.report));
      await saveDecision(
        tx,
        githubPrincipal,
        'report.create',
        null,
        { report: opened.report, effects: opened.effects },
        now,
      );
      report = await applyTags(tx, opened.report, ghsa, now);
      created = true;
    }

    const rules = [...teamAccess(report, ghsa, bot.team, outsiders), ...privateForkFor(report, ghsa)];
    if (rules.length > 0) await enqueueEffects(tx, toOutbox(rules), now);
    await recordSighting(tx, ghsa, report.id, now);
    return { outcome: 'mirrored', reportId: report.id, created };
  });
}

/** GitHub's names of the people credited on the GHSA, looked up before the transaction. */
async function creditNamesFor(bot: BotSettings, repository: string, ghsa: Ghsa): Promise<CreditNames> {
  const logins = [...new Set(ghsa.credits.map((credit) => credit.login.toLowerCase()))];
  const lookUp = bot.creditNames?.bind(bot);
  if (!lookUp || logins.length === 0) return () => null;
  const names = new Map(
    await Promise.all(logins.map(async (login) => [login, await lookUp(repository, login)] as const)),
  );
  return (login) => names.get(login.toLowerCase()) ?? null;
}

/** A report filed in psrt for this GHSA before the bot saw it on GitHub, locked. */
async function reportOf(tx: Tx, ghsaId: string): Promise<Report | null> {
  const filed = await getReportByGhsaId(tx, ghsaId);
  return filed ? getReportForUpdate(tx, filed.id) : null;
}

/** GitHub's field changes, then its state change, each saved with its own audit event. */
async function mirrorChanges(
  tx: Tx,
  report: Report,
  previous: Ghsa | null,
  ghsa: Ghsa,
  isMember: (login: string) => boolean,
  nameOf: CreditNames,
  now: Date,
): Promise<Report> {
  const fields = mirrorFields(report, previous, ghsa, isMember, now, nameOf);
  if (fields !== report)
    await saveDecision(tx, githubPrincipal, 'report.mirror', report, { report: fields }, now);
  // Tags first: a title tag and a close seen together record the tag's reason, not a bare close.
  const tagged = await applyTags(tx, fields, ghsa, now);
  const state = mirrorState(tagged, previousState(report, previous), ghsa.state, now);
  if (state.report !== tagged) {
    await saveDecision(tx, githubPrincipal, 'report.mirror-state', tagged, state, now);
  }
  return state.report;
}

/**
 * The title tags' transition, by the bot "by title tag" (`[COMPLETED]` through the publication
 * use-case); or, once per set of missing requirements, a comment saying what is missing.
 */
async function applyTags(tx: Tx, report: Report, ghsa: Ghsa, now: Date): Promise<Report> {
  const tagged = applyTitleTags(report, ghsa, now, validateCvssV4);
  if (tagged.kind === 'none') return report;
  // Publishing stores and sends the records: the publication use-case decides, its gate included.
  const outcome = tagged.transition === 'publish' ? await publishByTag(tx, report, tagged.tag, now) : tagged;
  if (outcome.kind === 'none') return report;
  if (outcome.kind === 'applied') {
    await saveDecision(
      tx,
      botPrincipal,
      `report.${outcome.transition}`,
      report,
      {
        report: outcome.report,
        effects: outcome.effects,
        audit: {
          ...reportDiff(report, outcome.report),
          ...('audit' in outcome ? (outcome.audit as Record<string, unknown>) : {}),
          by: 'title tag',
          tag: outcome.tag,
        },
      },
      now,
    );
    return outcome.report;
  }
  // Refused: said once per tag and set of missing requirements (the comment's key), audited then.
  if ((await enqueueEffects(tx, toOutbox(outcome.effects), now)) > 0) {
    await appendAudit(tx, {
      actor: actorName(botPrincipal),
      action: 'report.title-tag-refused',
      subject: report.id,
      at: now,
      change: { tag: outcome.tag, transition: outcome.transition, missing: outcome.missing },
    });
  }
  return report;
}
