// The CRA on a report's timeline: what the team recorded (awareness, the finding of no
// exploitation, the measure, an incident, CSIRT requests and answers, drafts, submissions to
// ENISA), in plain words from the audit events, and when each running CRA clock falls due.
import type { AuditEvent } from '../domain/audit.ts';
import { craClocks, craRules, csirtClocks } from '../domain/cra.ts';
import type { Report } from '../domain/report.ts';
import type { TimelineEntry } from './timeline.ts';
import { utcMinute } from './wording.ts';

type Fields = Record<string, unknown>;
const asObject = (value: unknown): Fields =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {};
const asText = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const minute = (value: unknown): string => {
  const text = asText(value);
  return text && !Number.isNaN(Date.parse(text)) ? utcMinute(new Date(text)) : 'an unknown time';
};
const stageLabel = (stage: unknown): string =>
  craRules[String(stage) as keyof typeof craRules]?.label ?? String(stage ?? 'stage');

/** What a `cra.*` audit event says; the evidence, reasons and answers are its text. */
export function craEventWords(event: AuditEvent): { what: string; text: string | null } | null {
  const change = asObject(event.change);
  const before = asObject(asObject(change.cra).from);
  const after = asObject(asObject(change.cra).to);
  const again = (field: string) => (asObject(before[field]).status || before[field] ? 'corrected: ' : '');
  switch (event.action) {
    case 'cra.aware': {
      const finding = asObject(after.exploitation);
      const corrected = asObject(before.exploitation).status === 'exploited' ? 'corrected: ' : '';
      return {
        what: `${corrected}recorded that the team became aware of active exploitation at ${minute(after.exploitationAwareAt)}: the CRA clocks run`,
        text: asText(finding.evidence),
      };
    }
    case 'cra.not-exploited':
      return {
        what: `${again('exploitation')}recorded that the vulnerability is not actively exploited: no CRA clock runs`,
        text: asText(asObject(after.exploitation).reason),
      };
    case 'cra.measure':
      return {
        what: `${again('measure')}recorded a corrective or mitigating measure available since ${minute(after.fixAvailableAt)}`,
        text: asText(asObject(after.measure).description),
      };
    case 'cra.incident': {
      const incident = asObject(after.incident);
      return {
        what: `${again('incident')}recorded a severe incident on PSF infrastructure, known since ${minute(incident.awareAt)}`,
        text: asText(incident.description),
      };
    }
    case 'cra.csirt-request': {
      const added = asObject((after.csirtRequests as unknown[] | undefined)?.at(-1));
      return {
        what: `recorded request ${added.id ?? '?'} from ${asText(added.csirt) ?? 'a CSIRT'}, due ${minute(added.dueAt)}`,
        text: asText(added.request),
      };
    }
    case 'cra.csirt-answer': {
      const requests = (after.csirtRequests as unknown[] | undefined) ?? [];
      const answered = requests
        .map(asObject)
        .filter((r) => asObject(r.answer).answeredAt === event.at.toISOString());
      const request = answered.at(-1) ?? {};
      return {
        what: `answered request ${request.id ?? '?'} from ${asText(request.csirt) ?? 'a CSIRT'}`,
        text: asText(asObject(request.answer).text),
      };
    }
    case 'cra.draft': {
      const drafts = asObject(after.drafts);
      const old = asObject(before.drafts);
      const stages = Object.keys(drafts).filter((s) => JSON.stringify(drafts[s]) !== JSON.stringify(old[s]));
      return {
        what: `edited the draft of the CRA ${stages.map(stageLabel).join(', ') || 'stage'}`,
        text: null,
      };
    }
    case 'cra.submit':
      return {
        what: `submitted the CRA ${stageLabel(change.stage)} on ENISA's Single Reporting Platform (reference ${asText(change.reference) ?? '?'})`,
        text: null,
      };
    default:
      return null;
  }
}

/** When each CRA clock of the report falls due (members' timeline): ahead of now while it runs. */
export function craDueEntries(report: Report, now: Date): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const clock of craClocks(report.cra, now)) {
    if (clock.due === null) continue;
    const label = craRules[clock.stage].label;
    const what = clock.submittedAt
      ? `the ${label} was due (submitted ${utcMinute(clock.submittedAt)})`
      : `the ${label} ${clock.due.getTime() > now.getTime() ? 'falls' : 'fell'} due`;
    entries.push({ at: clock.due, source: 'event', who: 'CRA clock', what, text: null });
  }
  for (const clock of csirtClocks(report.cra, now)) {
    const what = clock.answeredAt
      ? `the answer to ${clock.csirt}'s request ${clock.requestId} was due (answered ${utcMinute(clock.answeredAt)})`
      : `the answer to ${clock.csirt}'s request ${clock.requestId} ${clock.due.getTime() > now.getTime() ? 'falls' : 'fell'} due`;
    entries.push({ at: clock.due, source: 'event', who: 'CRA clock', what, text: null });
  }
  return entries;
}
