// The admins' page for loading the PSF's published records as published
// reports, one at a time (`psrt import` takes a folder; the API one record):
// paste an OSV file or a CVE record, check it, import it.
import type { ImportOutcome } from '../../app/history.ts';
import type { RecordFormat } from '../../app/record-files.ts';
import { PostForm } from './forms.tsx';
import { Layout } from './layout.tsx';

const formatNames: Record<RecordFormat, string> = {
  osv: 'OSV (the PSF advisory database)',
  cve: 'CVE JSON 5.x record',
};

const outcomeWords: Record<ImportOutcome['status'], string> = {
  created: 'Imported as a published report.',
  merged: "Added to the report of the same advisory's other record.",
  unchanged: 'Read and checked: nothing to change.',
  skipped: 'Not imported: the record has problems.',
};

export interface HistoryImportView {
  sandbox: boolean;
  /** What the last submission became; null on first sight. */
  outcome: ImportOutcome | null;
  /** The form as sent, so a record with a problem can be corrected in place. */
  format: RecordFormat;
  record: string;
  dryRun: boolean;
}

export function HistoryImportPage({ sandbox, outcome, format, record, dryRun }: HistoryImportView) {
  return (
    <Layout title="Import published records" sandbox={sandbox}>
      <h1>Import published records</h1>
      <p class="lead">
        One of the PSF's published advisories, as its OSV file or its CVE record, becomes a published report
        with its history (checked against the format's official schema first). For a whole folder, use{' '}
        <code>psrt import</code>.
      </p>
      {outcome ? (
        <section class={`card outcome ${outcome.status}`} data-section="outcome" role="status">
          <p>
            <strong>{outcomeWords[outcome.status] ?? outcome.status}</strong>{' '}
            {outcome.reportId ? <a href={`/reports/${outcome.reportId}`}>{outcome.reportId}</a> : null}
          </p>
          {outcome.problems.length > 0 ? (
            <ul>
              {outcome.problems.map((problem) => (
                <li>
                  <code>{problem.path || '(the record)'}</code>: {problem.message}
                </li>
              ))}
            </ul>
          ) : null}
          {outcome.differences.length > 0 ? (
            <>
              <p>Stated differently by the other record (the report keeps the first):</p>
              <ul>
                {outcome.differences.map((difference) => (
                  <li>{difference}</li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
      <PostForm action="/history" class="stack">
        <label>
          Format
          <select name="format">
            {(Object.keys(formatNames) as RecordFormat[]).map((name) => (
              <option value={name} selected={name === format}>
                {formatNames[name]}
              </option>
            ))}
          </select>
        </label>
        <label>
          The record (JSON)
          <textarea name="record" rows={16} spellcheck={false}>
            {record}
          </textarea>
        </label>
        <label class="check-label">
          <input type="checkbox" name="dryRun" value="yes" checked={dryRun} /> Only check it: import nothing
        </label>
        <button type="submit">Import</button>
      </PostForm>
    </Layout>
  );
}
