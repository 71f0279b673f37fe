// The one table from effect kind to the adapter call that performs it. Each
// performer translates and checks first: it reads what the service already
// holds and writes only what is missing, so performing an effect again after a
// crash changes nothing. Deciding what should happen is the domain's job.
import { creditTypeOnGitHub } from '../../domain/bot/ghsa.ts';
import { sha256 } from '../../domain/digest.ts';
import type { Effect, EffectKind, EffectOf } from '../../domain/effects.ts';
import { sameLogin } from '../../domain/roster.ts';
import { MINUTE_MS } from '../../domain/time.ts';
import type { InstallationClient } from '../../github/index.ts';
import { renderReply } from '../../records/replies.ts';
import { getReport, type StoredEffect } from '../../store/index.ts';
import { recordTeamChange } from '../membership.ts';
import { reserveCveId } from './cve-reservation.ts';
import { openGhsaForReport } from './ghsa-create.ts';
import { forwardThread, replyToReporter } from './intake-performers.ts';
import { sendMailOnce } from './mail-once.ts';
import { rejectAsPublicIssue } from './public-issue.ts';
import { commitOsvRecord, publishCveRecord, sendAdvisoryEmail } from './publication-performers.ts';
import type { Performed, RunContext } from './run-context.ts';
import type { ServiceName } from './services.ts';

type Performer<K extends EffectKind> = (
  effect: EffectOf<K>,
  run: RunContext,
  stored: StoredEffect,
) => Promise<Performed>;

/** Which service each kind needs: a runner without it leaves those effects pending. */
export const serviceOf: Record<EffectKind, ServiceName> = {
  'cve.reserve': 'cna',
  'cve.reject': 'cna',
  'ghsa.update-state': 'github',
  'ghsa.create': 'github',
  'ghsa.set-cve': 'github',
  'ghsa.create-fork': 'github',
  'ghsa.add-collaborator': 'github',
  'ghsa.remove-collaborator': 'github',
  'ghsa.set-coordinator': 'github',
  'ghsa.remove-credit': 'github',
  'ghsa.comment': 'github',
  'github.open-issue': 'github',
  'reply.send': 'github',
  'mail.send': 'mailer',
  'intake.reply': 'mailer',
  'intake.forward': 'mailer',
  'advisory.send': 'mailer',
  'osv.commit': 'advisoryDatabase',
  'cve.publish': 'cna',
  'team.add-member': 'github',
  'team.remove-member': 'github',
};

const unchanged = (why: string): Performed => ({ result: { unchanged: why } });

async function onAdvisory(
  run: RunContext,
  effect: { repository: string; ghsaId: string },
): Promise<{ github: InstallationClient; owner: string; repo: string; ghsaId: string }> {
  const [owner = '', repo = ''] = effect.repository.split('/');
  return { github: await run.installation(effect.repository), owner, repo, ghsaId: effect.ghsaId };
}

/** Marks a comment as the one an effect posted, so a retry finds it instead of posting twice. */
export const commentMarker = (key: string): string => `<!-- psrt:${sha256(key).slice(0, 32)} -->`;

async function postCommentOnce(
  run: RunContext,
  effect: { repository: string; ghsaId: string; key: string },
  body: string,
  stored: StoredEffect,
): Promise<Performed> {
  const { github, owner, repo, ghsaId } = await onAdvisory(run, effect);
  const marker = commentMarker(effect.key);
  // Comments are filtered on their last update: any comment of ours is newer than the effect.
  const since = new Date(stored.createdAt.getTime() - MINUTE_MS);
  const earlier = await github.listComments(owner, repo, ghsaId, { since });
  const posted = earlier.find((comment) => comment.body.includes(marker));
  if (posted) return { result: { commentId: posted.id, unchanged: 'already posted' } };
  await run.checkpoint('ghsa.comment:before-post');
  const comment = await github.createComment(owner, repo, ghsaId, `${body}\n\n${marker}`);
  await run.checkpoint('ghsa.comment:posted');
  return { result: { commentId: comment.id } };
}

const performers: { [K in EffectKind]?: Performer<K> } = {
  'cve.reserve': (effect, run) => reserveCveId(effect, run),
  'advisory.send': sendAdvisoryEmail,
  'intake.reply': replyToReporter,
  'ghsa.create': openGhsaForReport,
  'intake.forward': forwardThread,
  'osv.commit': commitOsvRecord,
  'cve.publish': publishCveRecord,

  'cve.reject': async (effect, run) => {
    const cna = run.require('cna');
    const id = await cna.getCveId(effect.cveId);
    if (id.state === 'REJECTED') return unchanged('already rejected');
    await run.checkpoint('cve.reject:before-reject');
    await cna.rejectCveId(effect.cveId, effect.reason);
    await run.checkpoint('cve.reject:rejected');
    return { result: { rejected: effect.cveId } };
  },

  'ghsa.update-state': async (effect, run) => {
    const { github, owner, repo, ghsaId } = await onAdvisory(run, effect);
    const advisory = await github.getAdvisory(owner, repo, ghsaId);
    if (advisory.state === effect.ghsaState) return unchanged(`already ${effect.ghsaState}`);
    await run.checkpoint('ghsa.update-state:before-patch');
    await github.updateAdvisory(owner, repo, ghsaId, { state: effect.ghsaState });
    await run.checkpoint('ghsa.update-state:patched');
    return { result: { from: advisory.state, to: effect.ghsaState } };
  },

  'ghsa.set-cve': async (effect, run) => {
    const { github, owner, repo, ghsaId } = await onAdvisory(run, effect);
    const advisory = await github.getAdvisory(owner, repo, ghsaId);
    if (advisory.cve_id === effect.cveId) return unchanged('already set');
    await run.checkpoint('ghsa.set-cve:before-patch');
    await github.setCveId(owner, repo, ghsaId, effect.cveId);
    await run.checkpoint('ghsa.set-cve:patched');
    return { result: { cveId: effect.cveId } };
  },

  'ghsa.create-fork': async (effect, run) => {
    const { github, owner, repo, ghsaId } = await onAdvisory(run, effect);
    const advisory = await github.getAdvisory(owner, repo, ghsaId);
    if (advisory.private_fork) return unchanged('the advisory has its fork');
    await run.checkpoint('ghsa.create-fork:before-create');
    // GitHub answers with the advisory's fork, new or existing: asking twice makes one.
    const fork = await github.createPrivateFork(owner, repo, ghsaId);
    await run.checkpoint('ghsa.create-fork:created');
    return { result: { fork: fork.full_name } };
  },

  'ghsa.add-collaborator': async (effect, run) => {
    const { github, owner, repo, ghsaId } = await onAdvisory(run, effect);
    await run.checkpoint('ghsa.add-collaborator:before-patch');
    await github.addCollaborators(
      owner,
      repo,
      ghsaId,
      effect.team ? { teams: [effect.team] } : { users: [effect.login ?? ''] },
    );
    await run.checkpoint('ghsa.add-collaborator:patched');
    return { result: { added: effect.login ?? effect.team } };
  },

  'ghsa.remove-collaborator': async (effect, run) => {
    const { github, owner, repo, ghsaId } = await onAdvisory(run, effect);
    await run.checkpoint('ghsa.remove-collaborator:before-patch');
    await github.removeCollaborator(
      owner,
      repo,
      ghsaId,
      effect.team ? { team: effect.team } : { user: effect.login ?? '' },
    );
    await run.checkpoint('ghsa.remove-collaborator:patched');
    return { result: { removed: effect.login ?? effect.team } };
  },

  'ghsa.set-coordinator': async (effect, run) => {
    const { github, owner, repo, ghsaId } = await onAdvisory(run, effect);
    const advisory = await github.getAdvisory(owner, repo, ghsaId);
    const credits = (advisory.credits_detailed ?? []).map((credit) => ({
      login: credit.user.login,
      type: credit.type,
    }));
    const kept = credits.filter(
      (credit) => !(credit.type === 'coordinator' && sameLogin(effect.previous, credit.login)),
    );
    const has = kept.some(
      (credit) => credit.type === 'coordinator' && sameLogin(effect.coordinator, credit.login),
    );
    const wanted =
      effect.coordinator === null || has
        ? kept
        : [...kept, { login: effect.coordinator, type: 'coordinator' as const }];
    if (wanted.length === credits.length && kept.length === credits.length)
      return unchanged('credit in place');
    await run.checkpoint('ghsa.set-coordinator:before-patch');
    await github.updateAdvisory(owner, repo, ghsaId, { credits: wanted });
    await run.checkpoint('ghsa.set-coordinator:patched');
    return { result: { coordinator: effect.coordinator, previous: effect.previous } };
  },

  'ghsa.remove-credit': async (effect, run) => {
    const { github, owner, repo, ghsaId } = await onAdvisory(run, effect);
    const advisory = await github.getAdvisory(owner, repo, ghsaId);
    const credits = (advisory.credits_detailed ?? []).map((credit) => ({
      login: credit.user.login,
      type: credit.type,
    }));
    const type = creditTypeOnGitHub(effect.creditType);
    const kept = credits.filter((credit) => !(credit.type === type && sameLogin(effect.login, credit.login)));
    if (kept.length === credits.length) return unchanged('no such credit');
    await run.checkpoint('ghsa.remove-credit:before-patch');
    // GitHub's credits are one list: written back without the dropped one, the others keep their state.
    await github.updateAdvisory(owner, repo, ghsaId, { credits: kept });
    await run.checkpoint('ghsa.remove-credit:patched');
    return { result: { removed: effect.login, type: effect.creditType } };
  },

  'ghsa.comment': (effect, run, stored) => postCommentOnce(run, effect, effect.body, stored),

  'github.open-issue': async (effect, run, stored) => {
    const [owner = '', repo = ''] = effect.repository.split('/');
    const github = await run.installation(effect.repository);
    const marker = commentMarker(effect.key);
    // An issue an earlier attempt opened carries the marker: found, not opened twice.
    const since = new Date(stored.createdAt.getTime() - MINUTE_MS);
    const earlier = await github.listIssues(owner, repo, { since });
    const opened =
      earlier.find((issue) => issue.body?.includes(marker)) ??
      (await (async () => {
        await run.checkpoint('github.open-issue:before-create');
        const issue = await github.createIssue(owner, repo, {
          title: effect.title,
          body: `${effect.body}\n\n${marker}`,
        });
        await run.checkpoint('github.open-issue:created');
        return issue;
      })());
    return {
      result: { issue: opened.html_url },
      commit: (tx) => rejectAsPublicIssue(tx, effect.reportId, opened.html_url, run.now()),
    };
  },

  'reply.send': async (effect, run, stored) => {
    const report = await getReport(run.store.db, effect.reportId);
    // Reopened (or rejected again for another reason) since: this reply is no longer the right one.
    if (report?.rejection?.reason !== effect.template)
      return unchanged('the report is no longer rejected so');
    const reply = renderReply(report.rejection);
    if (reply === null) return unchanged('no reply for this reason');
    // The reply goes on the GHSA, where its reporter reads; psrt has no other channel to a reporter yet.
    if (report.ghsaId === null) return unchanged('no GHSA to reply on');
    const advisory = { key: effect.key, repository: report.repository, ghsaId: report.ghsaId };
    return postCommentOnce(run, advisory, reply.body, stored);
  },

  'team.add-member': async (effect, run) => {
    const github = await run.installation(effect.org);
    await run.checkpoint('team.add-member:before-put');
    // PUT is idempotent: adding someone already on the team changes nothing.
    const membership = await github.addTeamMembership(effect.org, effect.team, effect.login);
    await run.checkpoint('team.add-member:put');
    return {
      result: { team: `${effect.org}/${effect.team}`, added: effect.login, state: membership.state },
      commit: (tx) => recordTeamChange(tx, effect.change, membership.state, run.now()),
    };
  },

  'team.remove-member': async (effect, run) => {
    const github = await run.installation(effect.org);
    await run.checkpoint('team.remove-member:before-delete');
    await github.removeTeamMembership(effect.org, effect.team, effect.login);
    await run.checkpoint('team.remove-member:deleted');
    return {
      result: { team: `${effect.org}/${effect.team}`, removed: effect.login },
      commit: (tx) => recordTeamChange(tx, effect.change, null, run.now()),
    };
  },

  'mail.send': async (effect, run, stored) => {
    const to = [...new Set(effect.to.flatMap((audience) => run.services.mailTo[audience]))];
    if (to.length === 0) return unchanged(`no address configured for ${effect.to.join(', ')}`);
    return sendMailOnce(run, stored, 'mail.send', { to, subject: effect.subject, text: effect.text });
  },
};

/** A performer for whichever kind the effect is; the table guarantees the kinds match. */
export type AnyPerformer = (effect: Effect, run: RunContext, stored: StoredEffect) => Promise<Performed>;

/** The performer of a kind, or undefined when this build performs no such effect. */
export function performerOf(kind: EffectKind): AnyPerformer | undefined {
  return performers[kind] as AnyPerformer | undefined;
}

/** Kinds this runner can perform with the services it has. */
export function performableKinds(services: { [K in ServiceName]: unknown }): EffectKind[] {
  return (Object.keys(serviceOf) as EffectKind[]).filter(
    (kind) => performers[kind] !== undefined && services[serviceOf[kind]] != null,
  );
}
