// Every action of the report page: a form posted to `/reports/:id/<action>` that calls one
// use-case, then 303 back to the report with a flash message saying what happened. A refusal
// shows the report page with the use-case's message at its status; a report the poster may not
// see answers exactly as one that does not exist, whatever the action and its fields.
import { Hono } from 'hono';
import { dropCredit } from '../../app/credits.ts';
import { installationResolver, ServiceMissing } from '../../app/effects/services.ts';
import { UseCaseError } from '../../app/errors.ts';
import { approveRecordUpdate, type FixRefresh, refreshFixes } from '../../app/fix-updates.ts';
import { grantAccess, revokeAccess } from '../../app/grants.ts';
import { mergeReport } from '../../app/merge.ts';
import { approveCveRecord, publishReport } from '../../app/publish.ts';
import {
  acceptHandoff,
  assignCoordinator,
  declineHandoff,
  determineReport,
  editReport,
  extendDeadline,
  requestHandoff,
  showReport,
  transitionReport,
} from '../../app/reports.ts';
import { isoDate } from '../../app/wording.ts';
import { determinations, MAX_EXTENSION_DAYS, type Principal, rejectionReasons } from '../../domain/report.ts';
import { statusOfUseCaseError } from '../api/problem.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import {
  checked,
  type Form,
  fieldPatch,
  login,
  oneOf,
  required,
  text,
  utcTime,
  wholeNumber,
} from './report-form.ts';
import { renderReportPage, setFlash } from './report-view.tsx';
import { signInFirst } from './signin.tsx';

interface Acting {
  deps: WebDeps;
  actor: Principal;
  /** The signed-in person's login. */
  me: string;
  id: string;
  form: Form;
}

/** One action: carries out the use-case and says, in a line for the page, what happened. */
type Action = (acting: Acting) => Promise<string>;

/** What GitHub said about the fix, in a line: each branch and where it is. */
function refreshWords(refresh: FixRefresh): string {
  const branches = refresh.fixes
    .map((fix) =>
      fix.mergeCommit === null
        ? `${fix.branch} not merged yet`
        : `${fix.branch} ${fix.fixedIn ? `fixed in ${fix.fixedIn}` : 'merged, not released yet'}`,
    )
    .join('; ');
  const found = branches ? ` (${branches})` : '';
  if (refresh.applied)
    return `Fixes refreshed from GitHub${found}: the fix commits, references and affected versions are updated.`;
  if (refresh.changes.length === 0)
    return `The published records already say what GitHub says${found}: nothing to update.`;
  const records = refresh.changes
    .map((change) => `the ${change.format.toUpperCase()} record (v${change.from})`)
    .join(' and ');
  return `GitHub says more than the published records${found}: a record update would change ${records}. Approve it under Record history to store and send it.`;
}

const actions: Record<string, Action> = {
  async assign({ deps, actor, me, id, form }) {
    const who = login(form, 'login', 'The member to assign');
    const report = await assignCoordinator(deps.ctx, actor, id, who);
    return who.toLowerCase() === me.toLowerCase()
      ? 'You coordinate this report now.'
      : `${report.coordinator ?? who} coordinates this report now.`;
  },
  async handoff({ deps, actor, id, form }) {
    const report = await requestHandoff(deps.ctx, actor, id, login(form, 'to', 'The member to hand off to'));
    return `Asked ${report.handoff?.to ?? 'them'} to take over; you stay coordinator until they accept.`;
  },
  async 'handoff-accept'({ deps, actor, id }) {
    await acceptHandoff(deps.ctx, actor, id);
    return 'You took over: you coordinate this report now.';
  },
  async 'handoff-decline'({ deps, actor, id }) {
    const before = await declineHandoff(deps.ctx, actor, id);
    return `The handoff is off; ${before.coordinator ?? 'the coordinator'} stays coordinator.`;
  },
  async determine({ deps, actor, id, form }) {
    const determination = oneOf(form, 'determination', 'The determination', determinations);
    await determineReport(deps.ctx, actor, id, determination);
    return `Determination recorded: ${determination}.`;
  },
  async accept({ deps, actor, id }) {
    await transitionReport(deps.ctx, actor, id, 'accept');
    return 'Accepted. psrt reserves its CVE ID and moves the GHSA to draft.';
  },
  async reject({ deps, actor, id, form }) {
    const reason = oneOf(form, 'reason', 'The rejection reason', rejectionReasons);
    const detail = text(form, 'detail').trim() || null;
    await transitionReport(deps.ctx, actor, id, 'reject', { rejection: { reason, detail } });
    return reason === 'spam'
      ? 'Rejected as spam: closed without a reply.'
      : `Rejected (${reason}). psrt sends the reporter the devguide's reply and closes the GHSA.`;
  },
  async reopen({ deps, actor, id, form }) {
    await transitionReport(deps.ctx, actor, id, 'reopen', { reason: required(form, 'reason', 'The reason') });
    return 'Reopened: the report is back in triage.';
  },
  async extend({ deps, actor, id, form }) {
    const days = wholeNumber(form, 'days', 'Days to add', 1, MAX_EXTENSION_DAYS);
    const reason = required(form, 'reason', 'The reason for the extension');
    await extendDeadline(deps.ctx, actor, id, {
      days,
      reason,
      reporterAgreed: checked(form, 'reporterAgreed'),
    });
    return `The disclosure deadline moved by ${days} day${days === 1 ? '' : 's'}.`;
  },
  async grant({ deps, actor, id, form }) {
    const who = login(form, 'login', 'The GitHub login to give access');
    const reason = required(form, 'reason', 'The reason for access');
    const expiresAt = utcTime(form, 'expires', 'The expiry');
    const grant = await grantAccess(deps.ctx, actor, id, { login: who, reason, expiresAt });
    return `${grant.login} may now see this report ${grant.expiresAt ? `until ${isoDate(grant.expiresAt)}` : 'until 14 days after it is finished'}.`;
  },
  async revoke({ deps, actor, id, form }) {
    const who = login(form, 'login', 'The login whose access ends');
    await revokeAccess(deps.ctx, actor, id, who);
    return `${who} no longer has access.`;
  },
  async edit({ deps, actor, id, form }) {
    const { report } = await showReport(deps.ctx, actor, id);
    const patch = fieldPatch(form, report);
    if (Object.keys(patch).length === 0) return 'Nothing changed.';
    await editReport(deps.ctx, actor, id, patch);
    return 'Saved.';
  },
  async publish({ deps, actor, id, form }) {
    const publishCve = checked(form, 'publishCve');
    await publishReport(deps.ctx, actor, id, { publishCve, cnaOperators: deps.cnaOperators ?? [] });
    return `The advisory is on its way: psrt sends the email, commits the OSV record and closes the GHSA${publishCve ? ', and publishes the CVE record' : ''}.`;
  },
  async 'fixes-refresh'({ deps, actor, id }) {
    return refreshWords(await refreshFixes(deps.ctx, actor, id, installationResolver(deps.github ?? null)));
  },
  async 'record-update'({ deps, actor, id }) {
    const decision = await approveRecordUpdate(
      deps.ctx,
      actor,
      id,
      installationResolver(deps.github ?? null),
      deps.cnaOperators ?? [],
    );
    const stored = (decision.audit?.records ?? {}) as Partial<Record<'cve' | 'osv', number>>;
    const sent = (kind: string) => (decision.effects ?? []).some((effect) => effect.kind === kind);
    const osv = stored.osv ? ` psrt commits OSV record v${stored.osv}.` : '';
    const cve = stored.cve
      ? sent('cve.publish')
        ? ` psrt publishes CVE record v${stored.cve}.`
        : ` CVE record v${stored.cve} waits for a PSF CNA operator to approve it.`
      : '';
    return `Record update approved.${osv}${cve}`;
  },
  async 'credit-drop'({ deps, actor, id, form }) {
    const { dropped, offGitHub } = await dropCredit(
      deps.ctx,
      actor,
      id,
      required(form, 'who', 'The credit to drop'),
    );
    const names = dropped.map((credit) => `${credit.name} (${credit.type})`).join(', ');
    return `Dropped ${names} from the publication${offGitHub ? ' and the GHSA' : ''}.`;
  },
  async merge({ deps, actor, id, form }) {
    const merged = await mergeReport(deps.ctx, actor, id, required(form, 'into', 'The original report'));
    const original = merged.original.id;
    const clock = merged.receivedEarlier
      ? ` Its disclosure clock now runs from this report's receipt, ${isoDate(merged.original.receivedAt)}.`
      : '';
    const credits =
      merged.credits.length > 0 ? ` It credits ${merged.credits.map((c) => c.name).join(', ')}.` : '';
    return `Merged into ${original}: this report is rejected as its duplicate.${clock}${credits}`;
  },
  async 'cve-approve'({ deps, actor, id }) {
    await approveCveRecord(deps.ctx, actor, id, deps.cnaOperators ?? []);
    return 'Approved: psrt publishes the CVE record to CVE Services.';
  },
};

export function reportActionRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.post('/reports/:id/:action', async (c) => {
    const me = c.get('login');
    // Back to the report's page: the form's action is no page to land on.
    if (!me) return signInFirst(c, `/reports/${encodeURIComponent(c.req.param('id'))}`);
    const action = actions[c.req.param('action')];
    if (!action) return c.text('Not found', 404);
    const id = c.req.param('id');
    try {
      const message = await action({
        deps,
        actor: c.get('principal'),
        me,
        id,
        form: await c.req.parseBody(),
      });
      setFlash(c, id, message);
      return c.redirect(`/reports/${encodeURIComponent(id)}`, 303);
    } catch (error) {
      // GitHub not configured (reading the fix needs the App): said as the API says it, 503.
      if (error instanceof ServiceMissing)
        return renderReportPage(c, deps, id, { status: 503, message: error.message });
      if (!(error instanceof UseCaseError)) throw error;
      // The report page with the refusal; it is itself the not-found page when the report cannot be
      // seen, so an unseen report answers the same whatever was refused first.
      return renderReportPage(c, deps, id, {
        status: statusOfUseCaseError[error.code],
        message: error.message,
      });
    }
  });
  return app;
}
