// Plays the demo stories (stories.ts) in time order across all stories, each step at the time
// it happened, as it happens in production: the story's people act on GitHub (the simulator)
// where they would (report privately, open a draft), psrt's bot sees the GHSA and opens its
// report, members act in psrt through the use-cases a person uses, and psrt's effects act on
// GitHub and the CNA; the simulators' clocks follow the story throughout.

import type { AppContext } from '../app/context.ts';
import { recordCraAwareness } from '../app/cra.ts';
import { grantAccess } from '../app/grants.ts';
import { approveCveRecord, publishReport } from '../app/publish.ts';
import {
  assignCoordinator,
  createReport,
  determineReport,
  editReport,
  extendDeadline,
  getReportAsSystem,
  requestHandoff,
  transitionReport,
} from '../app/reports.ts';
import { resolvePrincipal } from '../app/roster.ts';
import { sandboxCnaOperators } from '../config/config.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../domain/time.ts';
import { botSees, type PerformEffects, type SandboxBot } from './bot.ts';
import { openGhsa } from './on-github.ts';
import type { SandboxServices } from './services.ts';
import type { ReportStory, StoryStep } from './stories.ts';

export interface ReplayOptions {
  /** psrt's bot, which sees the GHSAs the stories open and opens their reports. */
  bot: SandboxBot;
  /**
   * Performs the effects due, with psrt's clock (`ctx.now()`) and the simulators' at the
   * moment's time: what the effect runner does (accepting reserves the CVE ID that publishing
   * needs; the GHSA follows the report), and says how many it performed. Runs after each step
   * and after each look of the bot. Default: none (the effects stay pending).
   */
  performEffects?: PerformEffects;
}

/** One moment of one story: its filing (`step` null) or one of its steps. */
export interface Scheduled {
  at: Date;
  story: ReportStory;
  step: StoryStep | null;
  /** "filing", or "step 3 (accept, 2d 1h after filing)", for errors. */
  label: string;
}

const unitMs: Record<string, number> = { d: DAY_MS, h: HOUR_MS, m: MINUTE_MS };

/** `84d`, `2d 1h`, `30m` in milliseconds. */
export function durationMs(text: string, where: string): number {
  const parts = text.trim().split(/\s+/);
  let total = 0;
  for (const part of parts) {
    const match = /^(\d+)([dhm])$/.exec(part);
    if (!match) throw new Error(`${where}: "${text}" is not a duration like 84d, 2d 1h or 30m.`);
    total += Number(match[1]) * (unitMs[match[2] ?? ''] ?? 0);
  }
  return total;
}

/** Every filing and step of every story at its time, oldest first; nothing later than `now`. */
export function schedule(stories: readonly ReportStory[], now: Date): Scheduled[] {
  const moments: Scheduled[] = [];
  for (const story of stories) {
    const filedAt = now.getTime() - durationMs(story.filedAgo, `Sandbox story "${story.key}"`);
    moments.push({ at: new Date(filedAt), story, step: null, label: 'filing' });
    story.steps.forEach((step, i) => {
      const label = `step ${i + 1} (${step.do}, ${step.after} after filing)`;
      const at = filedAt + durationMs(step.after, `Sandbox story "${story.key}", ${label}`);
      if (at > now.getTime())
        throw new Error(`Sandbox story "${story.key}", ${label}: that is in the future.`);
      moments.push({ at: new Date(at), story, step, label });
    });
  }
  // Stable: at the same instant, stories and steps keep their written order.
  return moments.sort((a, b) => a.at.getTime() - b.at.getTime());
}

interface Replayed {
  reportId: string;
  coordinator: string | null;
}

/** Replays `moments` (see `schedule`) and returns each story's report id by story key. */
export async function replay(
  ctx: AppContext,
  services: SandboxServices,
  moments: readonly Scheduled[],
  options: ReplayOptions,
): Promise<Map<string, string>> {
  let at = moments[0]?.at ?? ctx.now();
  const then: AppContext = { ...ctx, now: () => new Date(at.getTime()) };
  const reports = new Map<string, Replayed>();
  const performEffects = options.performEffects ?? (async () => 0);
  for (const moment of moments) {
    at = moment.at;
    const { story, step } = moment;
    try {
      await services.simulators.at(at, async () => {
        const reportId = step
          ? await runStep(then, story, step, reports)
          : await fileReport(then, services, story, options.bot, performEffects);
        if (!step) reports.set(story.key, { reportId, coordinator: null });
        // A step acts on GitHub only through its effects: the bot sees what they did, as it
        // would (a webhook, the next poll).
        if ((await performEffects(then)) === 0) return;
        const report = await getReportAsSystem(then, reportId);
        if (report.ghsaId)
          await botSees(then, options.bot, performEffects, {
            repository: report.repository,
            ghsaId: report.ghsaId,
          });
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`Sandbox story "${story.key}", ${moment.label}: ${message}`, { cause: error });
    }
  }
  return new Map([...reports].map(([key, replayed]) => [key, replayed.reportId]));
}

/**
 * How the report comes in: on GitHub (reported privately, or a draft a maintainer opens), where
 * psrt's bot sees it and opens the report; or by mail, filed in psrt by a member.
 */
async function fileReport(
  ctx: AppContext,
  services: SandboxServices,
  story: ReportStory,
  bot: SandboxBot,
  performEffects: PerformEffects,
): Promise<string> {
  const { repository, title, description } = story;
  const at = ctx.now();
  const intake = { repository, title, description };
  if (story.via === 'email') {
    const receivedAt = new Date(at.getTime() - durationMs(story.receivedBefore, 'receivedBefore'));
    const by = await resolvePrincipal(ctx, story.by);
    return (await createReport(ctx, by, { ...intake, receivedAt })).id;
  }
  const from = story.via === 'private report' ? { reporter: story.reporter } : { maintainer: story.by };
  const ghsaId = openGhsa(services.simulators, { ...intake, at, from });
  return botSees(ctx, bot, performEffects, { repository, ghsaId });
}

async function runStep(
  ctx: AppContext,
  story: ReportStory,
  step: StoryStep,
  reports: Map<string, Replayed>,
): Promise<string> {
  const replayed = reports.get(story.key);
  if (!replayed) throw new Error('the report was not filed first.');
  const id = replayed.reportId;
  const login = step.as ?? replayed.coordinator;
  if (!login) throw new Error('nobody to act: name one with `as` (the report has no coordinator yet).');
  const actor = await resolvePrincipal(ctx, login);
  const now = ctx.now();
  switch (step.do) {
    case 'assign':
      replayed.coordinator = (await assignCoordinator(ctx, actor, id, step.login)).coordinator;
      return id;
    case 'determine':
      await determineReport(ctx, actor, id, step.determination);
      return id;
    case 'accept':
      await transitionReport(ctx, actor, id, 'accept');
      return id;
    case 'grant': {
      const expiresAt = step.expiresIn
        ? new Date(now.getTime() + durationMs(step.expiresIn, 'expiresIn'))
        : null;
      await grantAccess(ctx, actor, id, { login: step.login, reason: step.reason, expiresAt });
      return id;
    }
    case 'edit':
      await editReport(ctx, actor, id, step.fields);
      return id;
    case 'exploited':
      await recordCraAwareness(ctx, actor, id, { awareAt: now, evidence: step.evidence });
      return id;
    case 'extend':
      await extendDeadline(ctx, actor, id, {
        days: step.days,
        reason: step.reason,
        reporterAgreed: step.reporterAgreed,
      });
      return id;
    case 'handoff':
      await requestHandoff(ctx, actor, id, step.to);
      return id;
    case 'publish':
      await requireCveId(ctx, id);
      await publishReport(ctx, actor, id, { cnaOperators: sandboxCnaOperators });
      return id;
    case 'approve-cve':
      await approveCveRecord(ctx, actor, id, sandboxCnaOperators);
      return id;
    case 'reject': {
      const original = step.duplicateOf ? reports.get(step.duplicateOf)?.reportId : undefined;
      if (step.duplicateOf && !original)
        throw new Error(`no earlier story "${step.duplicateOf}" to duplicate.`);
      const detail = original ? ((await getReportAsSystem(ctx, original)).ghsaId ?? original) : step.detail;
      await transitionReport(ctx, actor, id, 'reject', {
        rejection: { reason: step.reason, detail: detail ?? null },
      });
      return id;
    }
  }
}

/** Publishing needs the CVE ID the CNA reserved on accept; a story never types one in. */
async function requireCveId(ctx: AppContext, reportId: string): Promise<void> {
  if ((await getReportAsSystem(ctx, reportId)).cveId) return;
  throw new Error(
    'the report has no CVE ID to publish with. The CNA reserves one when the effect runner performs the "cve.reserve" effect of accept: pass it to seedSandbox as performEffects.',
  );
}
