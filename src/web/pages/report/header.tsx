// The report page's header: what the report is (title, id, state), where it lives (repository,
// GHSA, CVE ID), how bad it is (severity), and the outcome of the last action.
import { determinationWords } from '../../../app/timeline-words.ts';
import { parseCvss } from '../../../domain/cvss.ts';
import type { Report } from '../../../domain/report.ts';
import type { ReportView } from './parts.tsx';

function severity(vector: string | null): { score: string; word: string } | null {
  if (vector === null) return null;
  try {
    const { score, severity } = parseCvss(vector);
    return { score: score.toFixed(1), word: severity };
  } catch {
    return null;
  }
}

export function determinationText(report: Report): string {
  return report.determination
    ? (determinationWords[report.determination] ?? report.determination)
    : 'not determined yet';
}

export function ReportHeader({ view }: { view: ReportView }) {
  const { report } = view.detail;
  const rated = severity(report.cvssVector);
  return (
    <header class="report-head">
      <p class="crumbs">
        <a href="/reports">Reports</a> <span aria-hidden="true">/</span> <span class="mono">{report.id}</span>
      </p>
      <h1 class="report-title">{report.title}</h1>
      <ul class="facts">
        <li>
          <span class={`badge state ${report.state}`}>{report.state}</span>
        </li>
        <li class="mono" data-field="id">
          {report.id}
        </li>
        <li data-field="repository">{report.repository}</li>
        <li data-field="ghsa">
          {report.ghsaId ? (
            <a class="ghsa" href={view.advisoryUrl(report.repository, report.ghsaId)}>
              {report.ghsaId}
            </a>
          ) : (
            <span class="muted">no GHSA</span>
          )}
        </li>
        <li data-field="cve">{report.cveId ?? <span class="muted">no CVE ID yet</span>}</li>
        {report.publication.psfId ? <li data-field="psf">{report.publication.psfId}</li> : null}
        <li data-field="severity">
          {rated ? (
            <span class={`severity ${rated.word.toLowerCase()}`}>
              {rated.word} {rated.score}
            </span>
          ) : (
            <span class="muted">not scored</span>
          )}
        </li>
        <li data-field="determination">
          <span class="muted">determined:</span> {determinationText(report)}
        </li>
      </ul>
    </header>
  );
}

/** What the last action did, or why it was refused (the use-case's own words). */
export function Outcome({ flash, problem }: { flash: string | null; problem: string | null }) {
  return (
    <>
      {flash ? (
        <p class="flash" role="status">
          {flash}
        </p>
      ) : null}
      {problem ? (
        <p class="problem" role="alert">
          {problem}
        </p>
      ) : null}
    </>
  );
}
