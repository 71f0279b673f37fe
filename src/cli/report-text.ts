// How a report reads on the terminal: one line, a row of the clocks table,
// or every field of `report show`. Report fields are untrusted text: here each
// line of `report show` goes through terminalText (only the description keeps
// its line breaks); one-line results and table cells are made safe where they
// are printed (`acting`, `table`).
import { UseCaseError } from '../app/errors.ts';
import type { ReportDetail, ReportWithClocks } from '../app/reports.ts';
import { coordinatorClockWords, craWords, disclosureWords, isoDate } from '../app/wording.ts';
import type { Checklist } from '../domain/lifecycle.ts';
import { determinations, type Report } from '../domain/report.ts';
import { effectsTable } from './effects-text.ts';
import { terminalText } from './terminal.ts';

export const clocksHeaders = [
  'REPORT',
  'STATE',
  'REPOSITORY',
  'COORDINATOR',
  'DEADLINE',
  'DISCLOSURE',
  'OTHER CLOCKS',
];

export const reportLine = (report: Report) =>
  `${report.id} ${report.state}${report.coordinator ? `, coordinator ${report.coordinator}` : ''}`;

export function clocksRow({ report, clocks }: ReportWithClocks, now: Date): string[] {
  return [
    report.id,
    report.state,
    report.repository,
    report.coordinator ?? '-',
    isoDate(clocks.disclosure.deadline),
    disclosureWords(clocks.disclosure),
    [coordinatorClockWords(clocks, now), craWords(clocks)].filter(Boolean).join('; ') || '-',
  ];
}

// The domain says what to do in words every interface shares; here is the
// command that does it, by transition and requirement id.
const assignHint = (id: string) => `psrt report assign ${id} [LOGIN]`;
const determineHint = (id: string) => `psrt report determine ${id} <${determinations.join('|')}>`;
const requirementHints: Record<string, (id: string) => string> = {
  'accept.coordinator': assignHint,
  'accept.determination': determineHint,
  'reject.coordinator': assignHint,
  'reject.determination': determineHint,
};

/** The command that meets a requirement of the checklist, when the CLI has one. */
export const hintFor = (checklist: Checklist, requirementId: string, reportId: string): string | undefined =>
  requirementHints[`${checklist.transition}.${requirementId}`]?.(reportId);

/** Rethrows a refused transition with the command for each unmet requirement added to its message. */
export const rethrowWithHints =
  (reportId: string) =>
  (error: unknown): never => {
    throw withHints(error, reportId);
  };

function withHints(error: unknown, reportId: string): unknown {
  if (!(error instanceof UseCaseError) || error.code !== 'refused') return error;
  const checklist = error.detail as Checklist | undefined;
  if (!checklist?.requirements) return error;
  const hints = checklist.requirements
    .filter((r) => !r.met)
    .map((r) => hintFor(checklist, r.id, reportId))
    .filter((hint) => hint !== undefined);
  if (hints.length === 0) return error;
  return new UseCaseError(
    error.code,
    `${error.message}\n${hints.map((h) => `  ${h}`).join('\n')}`,
    error.detail,
  );
}

/** A checklist, one requirement a line; a reason can quote report fields, so each line is made safe. */
export function checklistText(checklist: Checklist, reportId: string): string {
  const lines = [
    `${checklist.transition} (${checklist.from} → ${checklist.to}): ${checklist.allowed ? 'ready' : 'blocked'}`,
    ...checklist.requirements.map((r) => {
      const hint = r.met ? undefined : hintFor(checklist, r.id, reportId);
      const why = r.met || !r.reason ? '' : ` — ${r.reason}${hint ? ` (${hint})` : ''}`;
      return `  [${r.met ? 'x' : ' '}] ${r.label}${why}`;
    }),
  ];
  return lines.map((line) => terminalText(line)).join('\n');
}

export function detailText(detail: ReportDetail, now: Date): string {
  const { report, clocks } = detail;
  const lines = [
    `${report.id}  ${report.title}`,
    `  state         ${report.state}${report.ghsaId ? ` (${report.ghsaId})` : ''}`,
    `  repository    ${report.repository}`,
    `  received      ${report.receivedAt.toISOString()}`,
    `  coordinator   ${report.coordinator ?? 'none'}${report.handoff ? ` (handing off to ${report.handoff.to})` : ''}`,
    `  determination ${report.determination ?? 'not recorded'}`,
    `  CVE           ${report.cveId ?? 'none'}`,
    `  disclosure    ${isoDate(clocks.disclosure.deadline)}: ${disclosureWords(clocks.disclosure)}`,
  ];
  const assignment = coordinatorClockWords(clocks, now);
  if (assignment) lines.push(`  assignment    ${assignment}`);
  const cra = craWords(clocks);
  if (cra) lines.push(`  CRA           ${cra}`);
  if (report.rejection)
    lines.push(
      `  rejected      ${report.rejection.reason}${report.rejection.detail ? `: ${report.rejection.detail}` : ''}`,
    );
  for (const extension of report.extensions) {
    lines.push(
      `  extended      +${extension.days} days by ${extension.grantedBy}: ${extension.reason}${extension.reporterAgreed ? ' (reporter agreed)' : ''}`,
    );
  }
  if (detail.grants && detail.grants.length > 0) {
    lines.push('  collaborators');
    for (const grant of detail.grants) {
      const status = grant.revokedAt
        ? 'revoked'
        : grant.expiresAt
          ? `until ${isoDate(grant.expiresAt)}`
          : 'until 14 days after finishing';
      lines.push(`    ${grant.login} (${status}) granted by ${grant.grantedBy}: ${grant.reason}`);
    }
  }
  // Every line so far is one line of output whatever the fields hold; the description may span several.
  const safe = lines.map((line) => terminalText(line));
  if (report.description) safe.push('', terminalText(report.description, { multiline: true }));
  if (detail.checklists.length > 0)
    safe.push('', ...detail.checklists.map((list) => checklistText(list, report.id)));
  if (detail.effects && detail.effects.length > 0) safe.push('', 'Effects', effectsTable(detail.effects));
  return safe.join('\n');
}
