// Which reports this one may duplicate (app/similar), each with why and a button to
// merge this report into it, and a form to merge into any report by its id: the
// original keeps the earliest receipt and credits this report's reporter, this one is
// rejected as its duplicate. Members only, on open reports.
import type { Suggestion } from '../../../domain/similar-reports.ts';
import { PostForm } from '../forms.tsx';
import { actionUrl, Card, type ReportView } from './parts.tsx';

function MergeButton({ reportId, into }: { reportId: string; into: string }) {
  return (
    <PostForm action={actionUrl(reportId, 'merge')} class="inline">
      <input type="hidden" name="into" value={into} />
      <button type="submit" class="link danger">
        Merge this report into {into}
      </button>
    </PostForm>
  );
}

function Suggested({ reportId, suggestion }: { reportId: string; suggestion: Suggestion }) {
  return (
    <li data-similar={suggestion.id}>
      <div class="grant-head">
        {suggestion.kind === 'report' ? (
          <a href={`/reports/${suggestion.id}`}>{suggestion.id}</a>
        ) : (
          <strong>{suggestion.id}</strong>
        )}{' '}
        <span class="muted small">{Math.round(suggestion.score * 100)}% alike</span>
      </div>
      <span class="small">{suggestion.reasons.join('; ')}</span>
      {suggestion.kind === 'report' ? <MergeButton reportId={reportId} into={suggestion.id} /> : null}
    </li>
  );
}

export function Duplicates({ view }: { view: ReportView }) {
  const { report } = view.detail;
  const similar = view.similar;
  if (!similar) return null;
  return (
    <Card title="Duplicates" id="duplicates">
      {similar.length === 0 ? (
        <p class="muted">No other report looks like this one.</p>
      ) : (
        <ul class="grants similar">
          {similar.map((suggestion) => (
            <Suggested reportId={report.id} suggestion={suggestion} />
          ))}
        </ul>
      )}
      <details class="more">
        <summary>Merge into another report</summary>
        <PostForm action={actionUrl(report.id, 'merge')} class="stack">
          <label>
            The original report
            <input type="text" name="into" required placeholder="PSRT-2026-0001" autocomplete="off" />
            <span class="hint">
              It keeps the earlier receipt and credits this report's reporter; this report is rejected as its
              duplicate (the reporter gets the devguide's reply, the GHSA is closed, a reserved CVE ID
              rejected).
            </span>
          </label>
          <button type="submit" class="danger">
            Merge this report
          </button>
        </PostForm>
      </details>
    </Card>
  );
}
