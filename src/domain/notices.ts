// Who is told what, and where: a new coordinator, a nearing or passed
// disclosure deadline, a CRA stage falling due. A report with a GHSA is
// talked about on the GHSA (GitHub notifies whoever is @-mentioned); the team,
// the admins and the steward staff are also told by mail. Pure: the effects
// carry the finished text, so a retry sends exactly what was decided.
import type { DisclosureReminder } from './clocks.ts';
import { type CraAlert, craRules } from './cra.ts';
import type { Effect, MailAudience } from './effects.ts';
import type { Report } from './report.ts';
import { sameLogin } from './roster.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './time.ts';

const day = (at: Date): string => at.toISOString().slice(0, 10);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "3 days", "5 hours", "2 minutes": whole units, rounded down. */
function duration(ms: number): string {
  if (ms >= DAY_MS) return plural(Math.floor(ms / DAY_MS), 'day');
  if (ms >= HOUR_MS) return plural(Math.floor(ms / HOUR_MS), 'hour');
  return plural(Math.max(1, Math.floor(ms / MINUTE_MS)), 'minute');
}

function advisoryLink(report: Report): string | null {
  return report.ghsaId
    ? `https://github.com/${report.repository}/security/advisories/${report.ghsaId}`
    : null;
}

function comment(report: Report, key: string, purpose: string, body: string): Effect[] {
  if (report.ghsaId === null) return [];
  const { id: reportId, repository, ghsaId } = report;
  return [{ kind: 'ghsa.comment', key: `${key}:comment`, reportId, repository, ghsaId, purpose, body }];
}

/** A notice by mail, the report's facts below the lines (its key gets `:mail`). */
export function mail(
  report: Report,
  key: string,
  purpose: string,
  to: MailAudience[],
  subject: string,
  lines: string[],
): Effect {
  const facts = [
    `Report: ${report.id} (${report.repository})`,
    `Title: ${report.title}`,
    ...(advisoryLink(report) ? [`Advisory: ${advisoryLink(report)}`] : []),
    `Coordinator: ${report.coordinator ?? 'none yet'}`,
  ];
  return {
    kind: 'mail.send',
    key: `${key}:mail`,
    reportId: report.id,
    purpose,
    to,
    subject: `[PSRT] ${report.id}: ${subject}`,
    text: [...lines, '', ...facts, ''].join('\n'),
  };
}

/**
 * What follows a change of coordinator: the GHSA credit moves to the new one
 * (removed from the old), and they are told, on the GHSA or else by mail to the team.
 */
export function coordinatorNotices(before: Report, after: Report, automatic: boolean): Effect[] {
  const coordinator = after.coordinator;
  if (coordinator === null || sameLogin(before.coordinator, coordinator)) return [];
  const since = (after.coordinatorSince ?? after.updatedAt).toISOString();
  const key = `coordinator:${after.id}:${coordinator}:${since}`;
  // Idle since its last activity: the devguide's three days, or a shorter configured time (the sandbox's).
  const idleMs = (after.coordinatorSince ?? after.updatedAt).getTime() - before.lastActivityAt.getTime();
  const how = automatic
    ? `was assigned automatically (the report had no coordinator for ${duration(idleMs)})`
    : before.coordinator
      ? `takes over from @${before.coordinator}`
      : 'volunteered or was assigned';
  const effects: Effect[] = [];
  if (after.ghsaId !== null) {
    effects.push({
      kind: 'ghsa.set-coordinator',
      key: `${key}:credit`,
      reportId: after.id,
      repository: after.repository,
      ghsaId: after.ghsaId,
      coordinator,
      previous: before.coordinator,
    });
  }
  const sentence = `@${coordinator} ${how} and now coordinates this report for the PSRT.`;
  const told = comment(after, key, 'coordinator', sentence);
  return told.length > 0
    ? [...effects, ...told]
    : [...effects, mail(after, key, 'coordinator', ['team'], `${coordinator} coordinates`, [sentence])];
}

/** A disclosure reminder (to the coordinator and team) or escalation (to the admins). */
export function reminderNotices(report: Report, reminder: DisclosureReminder): Effect[] {
  const due = day(reminder.deadline);
  if (reminder.kind === 'escalation') {
    const weeks = reminder.overdueWeeks ?? 0;
    const late = weeks === 0 ? 'is overdue today' : `has been overdue for ${plural(weeks, 'week')}`;
    const line = `The disclosure deadline of ${report.id} (${due}) ${late}. Publish, extend with the reporter, or hand off.`;
    return [
      ...comment(report, reminder.key, 'disclosure.escalation', `${line} The PSRT admins are told.`),
      mail(report, reminder.key, 'disclosure.escalation', ['admins'], `disclosure deadline ${due} passed`, [
        line,
      ]),
    ];
  }
  const left = plural(reminder.milestoneDays ?? reminder.daysLeft, 'day');
  const who = report.coordinator ? `@${report.coordinator}: ` : '';
  const line = `${left} left before the disclosure deadline of ${report.id} (${due}).`;
  return [
    ...comment(report, reminder.key, 'disclosure.reminder', `${who}${line}`),
    mail(report, reminder.key, 'disclosure.reminder', ['team'], `${left} to the disclosure deadline`, [line]),
  ];
}

/** A CRA stage or a CSIRT's request nearing or past its due time, for the steward staff who answer ENISA. */
export function craAlertNotices(report: Report, alert: CraAlert): Effect[] {
  const stage =
    alert.stage === 'csirt-request'
      ? `answer to CSIRT request ${alert.requestId}`
      : craRules[alert.stage].label;
  const when =
    alert.kind === 'overdue'
      ? `was due ${alert.due.toISOString()}`
      : `is due ${alert.due.toISOString()} (${alert.milestone} left)`;
  const todo =
    alert.stage === 'csirt-request'
      ? 'Answer the CSIRT and record the answer in psrt.'
      : "Submit it on ENISA's Single Reporting Platform and record the submission in psrt.";
  const line = `The CRA ${stage} of ${report.id} ${when}. ${todo}`;
  return [
    mail(
      report,
      alert.key,
      'cra.alert',
      ['steward-staff'],
      `CRA ${stage} ${alert.kind === 'overdue' ? 'overdue' : 'due'}`,
      [line],
    ),
  ];
}

/**
 * A button the devguide forbids was pressed on GitHub: "Publish advisory"
 * (psrt publishes, after the advisory email and the CVE record are ready) or
 * "Merge pull request" in the temporary private fork (fixes land through a
 * public pull request). The coordinator and the admins are told privately,
 * by mail, never on GitHub.
 */
export function forbiddenButtonNotice(report: Report, button: 'publish' | 'merge', detail: string): Effect {
  const what =
    button === 'publish'
      ? 'was published on GitHub with "Publish advisory", which the devguide forbids: psrt publishes once the advisory email and the CVE record are ready'
      : 'had a pull request merged in its temporary private fork with "Merge pull request", which the devguide forbids: fixes land through a public pull request';
  const who = report.coordinator ? `@${report.coordinator} (coordinator) and the admins` : 'The admins';
  return mail(
    report,
    `forbidden-${button}:${report.id}:${detail}`,
    `forbidden-${button}`,
    ['admins', 'team'],
    button === 'publish' ? 'published through GitHub' : 'private fork merged on GitHub',
    [`${report.id} ${what}.`, `${who}: check what became public and follow the process from here.`, detail],
  );
}
