// Publishing from the report page: the advisory email, CVE record and OSV record side by side
// (as they would be sent now, or as they were), every check with pass or fail, "Send advisory",
// the history of every record version with where it is, the CNA operator's approval, and approving
// a published report's record update (new fixes read from GitHub).
import { publicationChecks, type RecordVersion } from '../../../app/publish.ts';
import type { AdvisoryEmail } from '../../../records/advisory-email.ts';
import { PostForm } from '../forms.tsx';
import { actionUrl, Card, CheckItem, type ReportView, When } from './parts.tsx';

interface Panes {
  email: AdvisoryEmail | null;
  cve: unknown;
  osv: unknown;
  /** Why there is no OSV record, when there is none. */
  noOsv: string;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Each record scrolls in its pane: focusable, so the keyboard scrolls it too. */
function RecordPanes({ panes, caption }: { panes: Panes; caption: string }) {
  return (
    <>
      <h3>{caption}</h3>
      <div class="panes">
        <figure class="pane" data-record="email">
          <figcaption>Advisory email</figcaption>
          {panes.email ? (
            <pre tabindex={0}>{`Subject: ${panes.email.subject}\n\n${panes.email.text}`}</pre>
          ) : (
            <p class="muted">Not rendered: see the checks.</p>
          )}
        </figure>
        <figure class="pane" data-record="cve">
          <figcaption>CVE record</figcaption>
          {panes.cve ? (
            <pre tabindex={0}>{json(panes.cve)}</pre>
          ) : (
            <p class="muted">Not rendered: see the checks.</p>
          )}
        </figure>
        <figure class="pane" data-record="osv">
          <figcaption>OSV record</figcaption>
          {panes.osv ? <pre tabindex={0}>{json(panes.osv)}</pre> : <p class="muted">{panes.noOsv}</p>}
        </figure>
      </div>
    </>
  );
}

function Preview({ view }: { view: ReportView }) {
  const preview = view.preview;
  if (!preview) return null;
  const { report } = view.detail;
  const checks = publicationChecks(preview);
  const unmet = checks.filter((check) => !check.met).length;
  const records = preview.records;
  return (
    <>
      <p class={preview.ready ? 'readiness ready' : 'readiness blocked'}>
        {preview.ready
          ? `Ready to publish${preview.psfId ? ` as ${preview.psfId}` : ''}: every check passes.`
          : `${unmet} of ${checks.length} checks to fix before it can be published.`}
      </p>
      <ul class="checklist checks">
        {checks
          .filter((check) => !check.met)
          .map((check) => (
            <CheckItem label={check.label} met={false} reason={check.reason} />
          ))}
      </ul>
      {unmet < checks.length ? (
        <details class="more passed">
          <summary>{`${checks.length - unmet} check${checks.length - unmet === 1 ? '' : 's'} pass`}</summary>
          <ul class="checklist checks">
            {checks
              .filter((check) => check.met)
              .map((check) => (
                <CheckItem label={check.label} met={true} reason={null} />
              ))}
          </ul>
        </details>
      ) : null}
      {records ? (
        <RecordPanes
          caption="The records as they would be sent now"
          panes={{
            email: records.email,
            cve: records.cve,
            osv: records.osv,
            noOsv: `No OSV record: the PSF advisory database holds no advisories of ${report.repository}.`,
          }}
        />
      ) : (
        <p class="muted">
          The records are shown here once they can be rendered: the checks above say what is missing.
        </p>
      )}
      <PostForm action={actionUrl(report.id, 'publish')} class="send">
        {view.viewer.cnaOperator ? (
          <label class="check-label">
            <input type="checkbox" name="publishCve" value="yes" /> Also publish the CVE record now (you are a
            PSF CNA operator)
          </label>
        ) : null}
        <button type="submit" class="primary" disabled={!preview.ready}>
          Send advisory
        </button>
        <span class="muted small">
          Sends the email to security-announce, commits the OSV record and closes the GHSA.
        </span>
      </PostForm>
    </>
  );
}

const latest = (records: RecordVersion[], format: string) =>
  records.filter((r) => r.format === format).at(-1);

function History({ view }: { view: ReportView }) {
  const records = view.records ?? [];
  if (records.length === 0) return null;
  const waitingCve = records.some((r) => r.format === 'cve' && r.status === 'waiting for a CNA operator');
  const published = view.detail.report.state === 'published';
  return (
    <>
      {published ? (
        <RecordPanes
          caption="The records as approved"
          panes={{
            email: (latest(records, 'email')?.content as AdvisoryEmail | undefined) ?? null,
            cve: latest(records, 'cve')?.content ?? null,
            osv: latest(records, 'osv')?.content ?? null,
            noOsv: 'No OSV record: the PSF advisory database holds no advisories of this project.',
          }}
        />
      ) : null}
      <h3>Record history</h3>
      <table class="records">
        <thead>
          <tr>
            <th>Record</th>
            <th>Version</th>
            <th>Approved by</th>
            <th>When</th>
            <th>Where it is</th>
          </tr>
        </thead>
        <tbody>
          {records.map((record) => (
            <tr data-record-version={`${record.format}-${record.version}`}>
              <td>{record.format === 'cve' ? 'CVE' : record.format === 'osv' ? 'OSV' : 'email'}</td>
              <td>{record.version}</td>
              <td>{record.createdBy}</td>
              <td>
                <When at={record.createdAt} />
              </td>
              <td>
                <span class={`record-status ${record.status.replaceAll(' ', '-')}`}>{record.status}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {waitingCve && published && view.viewer.cnaOperator ? (
        <PostForm action={actionUrl(view.detail.report.id, 'cve-approve')} class="send">
          <button type="submit" class="primary">
            Approve and publish the CVE record
          </button>
          <span class="muted small">Publishes the latest CVE record version to CVE Services.</span>
        </PostForm>
      ) : waitingCve && published ? (
        <p class="muted small">The CVE record waits for a PSF CNA operator to approve it.</p>
      ) : null}
      {published ? (
        <PostForm action={actionUrl(view.detail.report.id, 'record-update')} class="send">
          <button type="submit">Approve the record update</button>
          <span class="muted small">
            Reads the fix from GitHub again (see "Refresh fixes from GitHub" for what would change), stores
            the new versions of the records that change and sends them; a new CVE record goes out when a PSF
            CNA operator approves it.
          </span>
        </PostForm>
      ) : null}
    </>
  );
}

export function Publication({ view }: { view: ReportView }) {
  if (!view.preview && (view.records ?? []).length === 0) return null;
  return (
    <Card title="Publication" id="publication" class="publication">
      <Preview view={view} />
      <History view={view} />
    </Card>
  );
}
