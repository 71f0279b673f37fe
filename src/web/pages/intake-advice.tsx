// What psrt found in a security@ thread for the admin deciding on it: the
// devguide's security policy as a checklist, a manufacturer's CRA Art. 13(6)
// notice recognised, and the reports and threads it may duplicate.
import type { Suggestion } from '../../app/similar.ts';
import type { ManufacturerNotice } from '../../domain/manufacturer-notice.ts';
import type { PolicyChecklist } from '../../domain/policy-check.ts';

const mark = (met: boolean | 'unknown') => (met === true ? '✓' : met === false ? '✗' : '?');
const markWords = (met: boolean | 'unknown') =>
  met === true ? 'met' : met === false ? 'not met' : 'cannot tell';

export function PolicyCheck({ policy, notice }: { policy: PolicyChecklist; notice: ManufacturerNotice }) {
  return (
    <>
      {notice.isNotice ? (
        <p class="notice cra-notice">
          <strong>A manufacturer's notice under the Cyber Resilience Act, Art. 13(6)</strong>
          {notice.vendor ? ` from ${notice.vendor}` : ''}: {notice.evidence.join('; ')}. Link it to the report
          it concerns, or file it as a new one.
        </p>
      ) : null}
      <ul class="checklist policy">
        {policy.items.map((item) => (
          <li class={`met-${String(item.met)}`}>
            <span class="mark" aria-hidden="true">
              {mark(item.met)}
            </span>
            <span class="visually-hidden">{`${markWords(item.met)}:`}</span> <q>{item.rule}</q>{' '}
            <span class="muted">{item.detail}</span>
          </li>
        ))}
      </ul>
      {policy.missing.length > 0 ? (
        <p class="hint">
          What is missing is ticked under Needs information below: one click asks the reporter for it.
        </p>
      ) : null}
    </>
  );
}

export function SimilarReports({ similar }: { similar: Suggestion[] }) {
  if (similar.length === 0) return <p class="muted">None found among the reports and recent threads.</p>;
  return (
    <ul class="similar">
      {similar.map((s) => (
        <li>
          <a href={s.kind === 'report' ? `/reports/${s.id}` : `/intake/${s.id}`}>
            {s.kind === 'report' ? s.id : `thread ${s.id}`}
          </a>{' '}
          <span class="muted">{`${Math.round(s.score * 100)}% alike: ${s.reasons.join('; ')}`}</span>
        </li>
      ))}
    </ul>
  );
}
