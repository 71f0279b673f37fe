// The report's CRA section (Regulation (EU) 2024/2847 Art. 14), for members: the finding on active
// exploitation, the measure, a severe incident, CSIRT requests, and (cra-drafts.tsx) each stage's
// draft and what was submitted to ENISA. Every form posts to /reports/:id/cra/<action>.
import type { CraView } from '../../../app/cra.ts';
import type { CraData, CsirtRequest } from '../../../domain/report.ts';
import { PostForm } from '../forms.tsx';
import { CraDrafts, CraSubmissions, craAction } from './cra-drafts.tsx';
import { minuteText } from './edit.tsx';
import { Card, When } from './parts.tsx';

function Finding({ cra }: { cra: CraData }) {
  const finding = cra.exploitation;
  if (finding === null) {
    return <p data-cra="finding">No finding on active exploitation is recorded yet.</p>;
  }
  return finding.status === 'exploited' ? (
    <p data-cra="finding">
      <strong>Actively exploited.</strong> The team became aware{' '}
      {cra.exploitationAwareAt ? <When at={cra.exploitationAwareAt} /> : 'at a time since cleared'}; recorded
      by {finding.recordedBy} <When at={finding.recordedAt} />.
      <span class="text">Evidence: {finding.evidence}</span>
    </p>
  ) : (
    <p data-cra="finding">
      <strong>Not actively exploited</strong>, recorded by {finding.recordedBy}{' '}
      <When at={finding.recordedAt} />.<span class="text">Why: {finding.reason}</span>
    </p>
  );
}

function FindingForms({ reportId, cra }: { reportId: string; cra: CraData }) {
  return (
    <div class="two">
      <details class="more">
        <summary>
          {cra.exploitation?.status === 'exploited' ? 'Correct the awareness' : 'Record active exploitation'}
        </summary>
        <PostForm action={craAction(reportId, 'aware')} class="stack">
          <label>
            Became aware of active exploitation (UTC)
            <input
              type="datetime-local"
              name="awareAt"
              required
              value={minuteText(cra.exploitationAwareAt)}
            />
          </label>
          <label>
            Evidence
            <textarea name="evidence" rows={3} required>
              {cra.exploitation?.status === 'exploited' ? cra.exploitation.evidence : ''}
            </textarea>
          </label>
          <button type="submit" class="primary">
            Record awareness
          </button>
        </PostForm>
      </details>
      <details class="more">
        <summary>Record that it is not actively exploited</summary>
        <PostForm action={craAction(reportId, 'not-exploited')} class="stack">
          <label>
            Why
            <textarea name="reason" rows={3} required />
          </label>
          <button type="submit">Record not exploited</button>
        </PostForm>
      </details>
    </div>
  );
}

function MeasureAndIncident({ reportId, cra }: { reportId: string; cra: CraData }) {
  return (
    <>
      {cra.measure && cra.fixAvailableAt ? (
        <p data-cra="measure">
          Corrective or mitigating measure available since <When at={cra.fixAvailableAt} /> (recorded by{' '}
          {cra.measure.recordedBy}):
          <span class="text">{cra.measure.description}</span>
        </p>
      ) : null}
      {cra.incident ? (
        <p data-cra="incident">
          <strong>Severe incident</strong> on PSF infrastructure, known since{' '}
          <When at={cra.incident.awareAt} /> (recorded by {cra.incident.recordedBy}):
          <span class="text">{cra.incident.description}</span>
        </p>
      ) : null}
      <div class="two">
        <details class="more">
          <summary>Record the corrective or mitigating measure</summary>
          <PostForm action={craAction(reportId, 'measure')} class="stack">
            <label>
              Available since (UTC)
              <input
                type="datetime-local"
                name="availableAt"
                required
                value={minuteText(cra.fixAvailableAt)}
              />
            </label>
            <label>
              What the measure is
              <textarea name="description" rows={2} required>
                {cra.measure?.description ?? ''}
              </textarea>
            </label>
            <p class="hint">Starts the final report's clock: 14 days (Art. 14(2)(c)).</p>
            <button type="submit">Record the measure</button>
          </PostForm>
        </details>
        <details class="more">
          <summary>Record a severe incident on PSF infrastructure</summary>
          <PostForm action={craAction(reportId, 'incident')} class="stack">
            <label>
              Became aware of the incident (UTC)
              <input
                type="datetime-local"
                name="awareAt"
                required
                value={minuteText(cra.incident?.awareAt ?? null)}
              />
            </label>
            <label>
              What happened (e.g. PyPI or python.org compromised)
              <textarea name="description" rows={2} required>
                {cra.incident?.description ?? ''}
              </textarea>
            </label>
            <p class="hint">
              Incident clocks (Art. 14(4)): early warning in 24 hours, notification in 72, final report one
              month after the notification.
            </p>
            <button type="submit">Record the incident</button>
          </PostForm>
        </details>
      </div>
    </>
  );
}

function CsirtRequestItem({
  reportId,
  request,
  clock,
}: {
  reportId: string;
  request: CsirtRequest;
  clock: CraView['csirtClocks'][number] | undefined;
}) {
  return (
    <li data-csirt-request={request.id}>
      <strong>
        {request.id}. {request.csirt}
      </strong>{' '}
      asked <When at={request.askedAt} />, due <When at={request.dueAt} />
      {clock && clock.status !== 'submitted' ? (
        <span class={`cra-stage ${clock.status}`}> ({clock.status.replace('-', ' ')})</span>
      ) : null}
      <span class="text">{request.request}</span>
      {request.answer ? (
        <span class="text">
          Answered by {request.answer.answeredBy} <When at={request.answer.answeredAt} />:{' '}
          {request.answer.text}
        </span>
      ) : (
        <PostForm action={craAction(reportId, 'csirt-answer')} class="stack">
          <input type="hidden" name="request" value={String(request.id)} />
          <label>
            The answer given
            <textarea name="answer" rows={2} required />
          </label>
          <button type="submit">Record the answer</button>
        </PostForm>
      )}
    </li>
  );
}

function CsirtRequests({ view }: { view: CraView }) {
  const { reportId, cra } = view;
  return (
    <>
      <h3>Requests from CSIRTs</h3>
      {cra.csirtRequests.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <ol class="plain">
          {cra.csirtRequests.map((request) => (
            <CsirtRequestItem
              reportId={reportId}
              request={request}
              clock={view.csirtClocks.find((c) => c.requestId === request.id)}
            />
          ))}
        </ol>
      )}
      <details class="more">
        <summary>Record a request for more information</summary>
        <PostForm action={craAction(reportId, 'csirt-request')} class="stack">
          <label>
            Who asked (the CSIRT, or ENISA)
            <input type="text" name="csirt" required />
          </label>
          <label>
            What they asked
            <textarea name="request" rows={2} required />
          </label>
          <div class="two">
            <label>
              Asked at (UTC)
              <input type="datetime-local" name="askedAt" required />
            </label>
            <label>
              Answer due (UTC)
              <input type="datetime-local" name="dueAt" required />
            </label>
          </div>
          <button type="submit">Record the request</button>
        </PostForm>
      </details>
    </>
  );
}

/** The CRA section: PSRT members, on any report they see. */
export function CraSection({ view }: { view: CraView }) {
  return (
    <Card title="EU Cyber Resilience Act reporting" id="cra">
      <p class="hint">
        Art. 14 reports go to ENISA's Single Reporting Platform; it has no API, so a person submits them and
        records the submission here. Steward staff are alerted at 12, 4 and 1 hours left and when overdue.
      </p>
      <Finding cra={view.cra} />
      <FindingForms reportId={view.reportId} cra={view.cra} />
      <MeasureAndIncident reportId={view.reportId} cra={view.cra} />
      <CraDrafts view={view} />
      <CsirtRequests view={view} />
      <CraSubmissions submissions={view.submissions} />
    </Card>
  );
}
