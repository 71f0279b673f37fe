// Reading a triage form strictly into the decision the use-case takes (each value what the
// form offers, or refused with what to write instead), and what the page then says happened.
import type { ForwardDestination } from '../../app/intake-triage.ts';
import { type TriageDecision, triageActions } from '../../domain/triage.ts';
import { type Form, oneOf, text } from './report-form.ts';

/** A field the form may send several times (checkboxes), as its texts. */
function texts(form: Form, name: string): string[] {
  const value = form[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

export function decisionOf(form: Form): TriageDecision {
  const action = oneOf(form, 'decision', 'The decision', triageActions);
  switch (action) {
    case 'spam':
    case 'not-a-vulnerability':
      return { action };
    case 'forward':
      return { action, destination: text(form, 'destination') };
    case 'needs-information':
      return {
        action,
        missing: [...texts(form, 'missing'), ...text(form, 'other').split(/\r?\n/)]
          .map((item) => item.trim())
          .filter((item) => item !== ''),
      };
    case 'redirect':
      return { action, repository: text(form, 'repository').trim() };
    case 'file':
      return {
        action,
        repository: text(form, 'repository').trim(),
        title: text(form, 'title'),
        ...(text(form, 'reporterLogin').trim() ? { reporterLogin: text(form, 'reporterLogin').trim() } : {}),
      };
    case 'link':
      return { action, reportId: text(form, 'reportId').trim().toUpperCase() };
  }
}

/** What deciding did, in a line for the page it lands on. Never the mail's text. */
export function decisionWords(
  decision: TriageDecision,
  threadId: number,
  forwardTo: readonly ForwardDestination[],
): string {
  switch (decision.action) {
    case 'spam':
      return 'Discarded as spam: no reply is sent.';
    case 'not-a-vulnerability':
      return "Not a vulnerability: psrt sends the reporter the devguide's reply.";
    case 'forward': {
      const to = forwardTo.find((d) => d.name === decision.destination || d.address === decision.destination);
      return `Forwarded: psrt sends the thread to ${to?.name ?? decision.destination}.`;
    }
    case 'needs-information':
      return 'psrt asks the reporter for what is missing; the thread waits under Needs information for the answer.';
    case 'redirect':
      return `psrt asks the reporter to submit the report through ${decision.repository}'s GitHub Security Advisory form.`;
    case 'file':
      return `Filed from security@ thread ${threadId}: the report's clock runs from the email's receipt, and psrt opens its GHSA.`;
    case 'link':
      return `security@ thread ${threadId} joined this report; its clock runs from the earlier receipt.`;
  }
}
