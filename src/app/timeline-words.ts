// What a report's audit events and effects say in plain words, for its timeline: "accepted the
// report", "gave mira-finds-bugs access until 2026-04-01", "add mira-finds-bugs to the GHSA".
// Words are made from the recorded change; what a reason or a comment says is kept apart (`text`).
import type { AuditEvent } from '../domain/audit.ts';
import type { EffectStatus, StoredEffect } from '../store/index.ts';
import { craEventWords } from './timeline-cra.ts';
import { isoDate } from './wording.ts';

type Diff = Record<string, { from: unknown; to: unknown } | undefined>;
type Fields = Record<string, unknown>;

const asObject = (value: unknown): Fields =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {};
const asText = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const dateText = (value: unknown): string | null => {
  const text = asText(value);
  return text && !Number.isNaN(Date.parse(text)) ? isoDate(new Date(text)) : null;
};

/** How the audit log names who acted, as a person reads it. */
export function actorWords(actor: string): string {
  if (actor === 'system:github') return 'GitHub';
  if (actor.startsWith('system:')) return 'psrt';
  return actor;
}

/** Report fields as the timeline names them; those not listed are bookkeeping the words already carry. */
const fieldNames: Record<string, string> = {
  title: 'title',
  description: 'description',
  cveId: 'CVE ID',
  cvssVector: 'CVSS vector',
  affected: 'affected versions',
  fixPullRequests: 'fix pull requests',
  creditPreference: 'credit preference',
  cra: 'CRA times',
  publication: 'publication facts',
  repository: 'repository',
  ghsaId: 'GHSA',
  reporter: 'reporter',
};

/** The changed fields in the order the report page lists them. */
const changedFields = (diff: Diff): string =>
  Object.entries(fieldNames)
    .filter(([key]) => key in diff)
    .map(([, name]) => name)
    .join(', ');

/** A determination as a sentence ends: "the report is …". */
export const determinationWords: Record<string, string> = {
  vulnerability: 'a vulnerability',
  'not-security-bug': 'a bug, not a security issue',
  'not-a-vulnerability': 'not a vulnerability',
};

export interface Words {
  /** Who to name when not the event's actor (psrt opening a report GitHub told it about). */
  who?: string;
  what: string;
  /** What a person wrote that goes with it (a reason, a rejection's detail); shown as text. */
  text: string | null;
}

const words = (what: string, text: string | null = null): Words => ({ what, text });

/** What one audit event of a report says; null for events the timeline shows otherwise (an effect done). */
export function eventWords(event: AuditEvent): Words | null {
  const change = asObject(event.change);
  const diff = change as Diff;
  const to = (field: string) => diff[field]?.to;
  const from = (field: string) => diff[field]?.from;
  switch (event.action) {
    case 'report.create':
      // The bot opens a report for a GHSA it saw (as `github` or `bot`): psrt did, not GitHub.
      return event.actor.startsWith('system:')
        ? { who: 'psrt', what: 'opened the report from its GHSA', text: null }
        : typeof change.fromThread === 'number'
          ? words(`filed the report from security@ thread ${change.fromThread}, received when the email was`)
          : words('filed the report');
    case 'report.link-mail': {
      const moved = asObject(change.receivedAt);
      const earlier = asText(moved.to) !== asText(moved.from);
      return words(
        `linked security@ thread ${String(change.thread ?? '')} to the report${earlier ? ': its clock now starts when the email was received' : ''}`,
      );
    }
    case 'report.assign':
    case 'report.handoff.accept': {
      const login = asText(to('coordinator'));
      if (!login) return words('assigned the coordinator again (nothing changed)');
      return event.action === 'report.handoff.accept'
        ? words(`took over as coordinator from ${asText(from('coordinator')) ?? 'nobody'}`)
        : words(login === event.actor ? 'became coordinator' : `assigned ${login} as coordinator`);
    }
    case 'report.auto-assign':
      return words(
        `assigned ${asText(to('coordinator')) ?? 'a coordinator'} as coordinator (idle without one)`,
      );
    case 'report.handoff.request':
      return words(`asked ${asText(asObject(to('handoff')).to) ?? 'a member'} to take over as coordinator`);
    case 'report.handoff.decline': {
      const successor = asText(asObject(from('handoff')).to);
      return successor === event.actor
        ? words('declined to take over as coordinator')
        : words(`withdrew the handoff to ${successor ?? 'a member'}`);
    }
    case 'report.determine': {
      const determination = asText(to('determination')) ?? '';
      return words(`determined the report is ${determinationWords[determination] ?? determination}`);
    }
    case 'report.accept':
      return words('accepted the report');
    case 'report.reject': {
      const rejection = asObject(to('rejection'));
      return words(
        `rejected the report (${asText(rejection.reason) ?? 'no reason'})`,
        asText(rejection.detail),
      );
    }
    case 'report.reopen':
      return words('reopened the report: back to triage');
    case 'report.publish':
      return change.by === 'advisory email sent'
        ? words('the advisory email went out: the report is published')
        : words(
            `approved the publication${asText(change.psfId) ? ` as ${change.psfId}` : ''}: the advisory email goes out`,
            change.cvePublished === true ? 'The CVE record is published with it.' : null,
          );
    case 'report.extend': {
      const added = asObject((to('extensions') as unknown[] | undefined)?.at(-1));
      const agreed = added.reporterAgreed === true ? ' (the reporter agreed)' : '';
      return words(
        `extended the disclosure deadline by ${added.days ?? '?'} days${agreed}`,
        asText(added.reason),
      );
    }
    case 'report.edit':
      return words(`edited ${changedFields(diff) || 'the report'}`);
    case 'report.mirror':
      return words(`changed the GHSA: ${changedFields(diff) || 'its fields'}`);
    case 'report.mirror-state':
      return words(`moved the GHSA: the report is now ${asText(to('state')) ?? 'changed'}`);
    case 'report.cve-reserved':
      return words(`reserved ${asText(to('cveId')) ?? 'a CVE ID'} at the CNA`);
    case 'report.cve-approve':
      return words('approved the CVE record for CVE Services');
    case 'report.credit-drop':
      return words('dropped a credit not yet accepted');
    case 'report.merge': {
      const earlier = dateText(to('receivedAt'));
      const credits = Array.isArray(change.credits) ? change.credits.length : 0;
      const gains = [
        earlier ? `its disclosure clock now runs from ${earlier}` : null,
        credits > 0 ? `${credits} credit${credits === 1 ? '' : 's'} added` : null,
      ].filter((part) => part !== null);
      const duplicate = asText(change.duplicate) ?? 'a duplicate';
      return words(`merged ${duplicate} into this report${gains.length > 0 ? `: ${gains.join(', ')}` : ''}`);
    }
    case 'report.merged':
      return words(
        `merged this report into ${asText(change.original) ?? 'another'}: rejected as its duplicate`,
      );
    case 'report.records-update':
      return words('approved updated records (fixed versions and commits)');
    case 'report.title-tag-refused':
      return words(
        `refused the title tag ${asText(change.tag) ?? ''}: something is missing`.replace('  ', ' '),
        Array.isArray(change.missing) ? change.missing.filter((m) => typeof m === 'string').join(' ') : null,
      );
    case 'report.import':
      return words("imported from the PSF's published advisories");
    case 'report.advisory-database':
      return words("noted the GitHub Advisory Database's entry");
    case 'grant.create': {
      const until = dateText(change.expiresAt);
      const login = asText(change.login) ?? 'someone';
      return words(
        `gave ${login} access ${until ? `until ${until}` : 'until 14 days after the report is finished'}`,
        asText(change.reason),
      );
    }
    case 'grant.revoke':
      return words(`revoked ${asText(change.login) ?? 'a'}'s access`);
    case 'grant.expire':
      return words(`${asText(change.login) ?? 'a'}'s access expired`);
    case 'effect.retry':
      return words(`retried: ${effectKindWords[String(change.kind)] ?? String(change.kind)}`);
    case 'effect.done':
      return null;
    case 'disclosure.reminder': {
      const days = /:(\d+)d$/.exec(asText(change.key) ?? '')?.[1];
      return words(
        `reminded the coordinator and the PSRT of the disclosure deadline${days ? ` (${days} days left)` : ''}`,
      );
    }
    case 'disclosure.escalation':
      return words('told the PSRT admins the disclosure deadline has passed');
    case 'cra.alert':
      return words('alerted PSF steward staff to a CRA deadline');
    default:
      if (event.action.startsWith('cra.')) return craEventWords(event);
      return words(event.action.replace(/^report\./, '').replaceAll(/[.-]/g, ' '));
  }
}

/** Effect kinds in plain words, when the payload says no more. */
const effectKindWords: Record<string, string> = {
  'cve.reserve': 'reserve a CVE ID at the CNA',
  'cve.reject': 'reject the CVE ID at the CNA',
  'ghsa.update-state': "change the GHSA's state",
  'ghsa.create': "open the GHSA on the reporter's behalf",
  'ghsa.create-fork': "create the GHSA's temporary private fork",
  'ghsa.set-cve': 'write the CVE ID into the GHSA',
  'ghsa.add-collaborator': 'add a collaborator to the GHSA',
  'ghsa.remove-collaborator': 'remove a collaborator from the GHSA',
  'ghsa.set-coordinator': 'credit the coordinator on the GHSA',
  'ghsa.remove-credit': 'remove a credit from the GHSA',
  'ghsa.comment': 'comment on the GHSA',
  'github.open-issue': 'open a public issue',
  'reply.send': "send the devguide's reply to the reporter",
  'advisory.send': 'send the advisory email to security-announce',
  'osv.commit': 'commit the OSV record to the PSF advisory database',
  'cve.publish': 'publish the CVE record to CVE Services',
  'mail.send': 'send mail',
  'intake.reply': 'reply to the reporter by mail',
  'intake.forward': 'forward the report by mail',
  'team.add-member': 'add to the PSRT team on GitHub',
  'team.remove-member': 'remove from the PSRT team on GitHub',
};

const mailAudienceWords: Record<string, string> = {
  team: 'the PSRT',
  admins: 'the PSRT admins',
  'steward-staff': 'PSF steward staff',
  'steering-council': 'the Steering Council',
  announce: 'security-announce',
};

/** What an effect does, in plain words; `text` is what it posts or mails. */
export function effectWords(effect: StoredEffect): Words {
  const p = asObject(effect.payload);
  const who = asText(p.login) ?? (asText(p.team) ? `team ${p.team}` : 'someone');
  switch (effect.kind) {
    case 'cve.reject':
      return words(`reject ${asText(p.cveId) ?? 'the CVE ID'} at the CNA`);
    case 'ghsa.update-state':
      return words(`move the GHSA to ${asText(p.ghsaState) ?? 'its new state'}`);
    case 'ghsa.set-cve':
      return words(`write ${asText(p.cveId) ?? 'the CVE ID'} into the GHSA`);
    case 'ghsa.add-collaborator':
      return words(`add ${who} to the GHSA`);
    case 'ghsa.remove-collaborator':
      return words(`remove ${who} from the GHSA`);
    case 'ghsa.set-coordinator':
      return words(
        asText(p.coordinator)
          ? `credit ${p.coordinator} as coordinator on the GHSA`
          : `remove ${asText(p.previous) ?? 'the'} coordinator credit from the GHSA`,
      );
    case 'ghsa.remove-credit':
      return words(`remove ${who}'s ${asText(p.creditType) ?? ''} credit from the GHSA`.replace('  ', ' '));
    case 'ghsa.comment':
      return words('comment on the GHSA', asText(p.body));
    case 'github.open-issue':
      return words(`open a public issue in ${asText(p.repository) ?? 'the repository'}`);
    case 'reply.send':
      return words(
        `send the devguide's ${asText(p.template) ?? ''} reply to the reporter`.replace('  ', ' '),
      );
    case 'intake.reply':
      return words(
        `mail the reporter the ${asText(p.purpose) ?? ''} reply`.replace('  ', ' '),
        asText(p.text),
      );
    case 'intake.forward':
      return words(`forward the report to ${asText(p.destination) ?? 'another project'}`);
    case 'cve.publish':
      return words(`publish the CVE record of ${asText(p.cveId) ?? 'the CVE ID'} to CVE Services`);
    case 'mail.send': {
      const to = Array.isArray(p.to)
        ? p.to.map((a) => mailAudienceWords[String(a)] ?? String(a)).join(', ')
        : '';
      return words(`mail ${to || 'the team'}: ${asText(p.subject) ?? '(no subject)'}`);
    }
    default:
      return words(effectKindWords[effect.kind] ?? effect.kind);
  }
}

const effectStatusNames: Record<EffectStatus, string> = {
  pending: 'waiting',
  claimed: 'in progress',
  done: 'done',
  failed: 'failed',
};

/** Where an effect of the timeline stands: "waiting", "failed after 3 attempts", "done". */
export function effectStatusWords(effect: { status: EffectStatus; attempts: number }): string {
  const tries = effect.attempts === 1 ? '1 attempt' : `${effect.attempts} attempts`;
  const name = effectStatusNames[effect.status];
  return effect.status !== 'done' && effect.attempts > 0 ? `${name} after ${tries}` : name;
}
