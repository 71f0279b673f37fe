// Which clock runs out when: the 90-day disclosure deadline with its extensions (and the form to
// extend it), the coordinator clock of a report nobody coordinates, and the CRA stages.
import { coordinatorClockWords, craWords, disclosureWords } from '../../../app/wording.ts';
import { DISCLOSURE_DAYS } from '../../../domain/clocks.ts';
import { type CraClock, craRules } from '../../../domain/cra.ts';
import { isOpen, MAX_EXTENSION_DAYS } from '../../../domain/report.ts';
import { PostForm } from '../forms.tsx';
import { actionUrl, Card, Day, finishedWords, type ReportView, When } from './parts.tsx';

const craStatusWords: Record<CraClock['status'], string> = {
  'not-started': 'not started',
  pending: 'running',
  'due-soon': 'due soon',
  overdue: 'overdue',
  submitted: 'submitted',
};

function CraStages({ clocks }: { clocks: CraClock[] }) {
  if (clocks.every((clock) => clock.status === 'not-started'))
    return <p class="muted small">CRA: no active exploitation recorded.</p>;
  return (
    <dl class="cra">
      {clocks.map((clock) => (
        <>
          <dt>CRA {craRules[clock.stage].label}</dt>
          <dd class={`cra-stage ${clock.status}`}>
            {craStatusWords[clock.status]}
            {clock.submittedAt ? (
              <>
                {' '}
                <When at={clock.submittedAt} />
              </>
            ) : clock.due ? (
              <>
                {', due '}
                <When at={clock.due} />
              </>
            ) : null}
          </dd>
        </>
      ))}
    </dl>
  );
}

function ExtendForm({ reportId }: { reportId: string }) {
  return (
    <details class="more">
      <summary>Extend the deadline</summary>
      <PostForm action={actionUrl(reportId, 'extend')} class="stack">
        <label>
          Days to add
          <input type="number" name="days" min="1" max={String(MAX_EXTENSION_DAYS)} required />
        </label>
        <label>
          Reason
          <input type="text" name="reason" required placeholder="why the deadline moves" />
        </label>
        <label class="check-label">
          <input type="checkbox" name="reporterAgreed" value="yes" /> The reporter agreed
        </label>
        <button type="submit">Extend</button>
      </PostForm>
    </details>
  );
}

export function Clocks({ view }: { view: ReportView }) {
  const { report, clocks } = view.detail;
  const disclosure = clocks.disclosure;
  const extended = report.extensions.reduce((sum, extension) => sum + extension.days, 0);
  const assignment = coordinatorClockWords(clocks, view.now);
  return (
    <Card title="Clocks" id="clocks">
      {report.finishedAt ? (
        <p class="big-clock clock stopped" data-clock="disclosure">
          {report.state} <Day at={report.finishedAt} />
          <span class="sub">{finishedWords(disclosure.daysLeft)}</span>
        </p>
      ) : (
        <p class={`big-clock clock ${disclosure.status}`} data-clock="disclosure">
          {disclosureWords(disclosure)}
        </p>
      )}
      <p class="small">
        Disclosure deadline <Day at={disclosure.deadline} />: {DISCLOSURE_DAYS} days from receipt (
        <Day at={report.receivedAt} />){extended > 0 ? `, plus ${extended} days extended` : ''}.
      </p>
      {report.extensions.length > 0 ? (
        <ul class="extensions">
          {report.extensions.map((extension) => (
            <li>
              <strong>+{extension.days} days</strong> by {extension.grantedBy} on <Day at={extension.at} />
              {extension.reporterAgreed ? ', the reporter agreed' : ''}
              <span class="text">{extension.reason}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {view.viewer.member && isOpen(report.state) ? <ExtendForm reportId={report.id} /> : null}
      {assignment ? (
        <p class={`alert ${clocks.coordinator.due ? 'overdue' : ''}`} data-clock="coordinator">
          No coordinator: {assignment}
        </p>
      ) : null}
      {craWords(clocks) ? (
        <p class={`alert ${craWords(clocks)?.endsWith('overdue') ? 'overdue' : ''}`} data-clock="cra">
          {craWords(clocks)}
        </p>
      ) : null}
      <CraStages clocks={clocks.cra} />
    </Card>
  );
}
