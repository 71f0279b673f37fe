// Who else may see the report: each collaborator's grant with its reason and expiry (a revoke
// button while it is active), and the form to grant someone access. Members only.
import { grantExpiry, isGrantActive } from '../../../domain/clocks.ts';
import type { Grant, Report } from '../../../domain/report.ts';
import { PostForm } from '../forms.tsx';
import { actionUrl, Card, Day, type ReportView } from './parts.tsx';

function Expiry({ grant, report, now }: { grant: Grant; report: Report; now: Date }) {
  if (grant.revokedAt)
    return <span class="grant-status revoked">revoked by {grant.revokedBy ?? 'psrt'}</span>;
  const expiry = grantExpiry(grant, report);
  if (!isGrantActive(grant, report, now))
    return (
      <span class="grant-status expired">
        expired <Day at={expiry ?? now} />
      </span>
    );
  return expiry ? (
    <span class="grant-status active">
      until <Day at={expiry} />
    </span>
  ) : (
    <span class="grant-status active">until 14 days after the report is finished</span>
  );
}

export function Collaborators({ view }: { view: ReportView }) {
  const { report, grants } = view.detail;
  if (grants === null) return null;
  return (
    <Card title="Collaborators" id="collaborators">
      {grants.length === 0 ? (
        <p class="muted">Nobody outside the PSRT has access.</p>
      ) : (
        <ul class="grants">
          {grants.map((grant) => (
            <li data-grant={grant.login}>
              <div class="grant-head">
                <strong>{grant.login}</strong> <Expiry grant={grant} report={report} now={view.now} />
              </div>
              <span class="text">{grant.reason}</span>
              <span class="muted small">
                granted by {grant.grantedBy} on <Day at={grant.grantedAt} />
              </span>
              {grant.revokedAt === null && isGrantActive(grant, report, view.now) ? (
                <PostForm action={actionUrl(report.id, 'revoke')} class="inline">
                  <input type="hidden" name="login" value={grant.login} />
                  <button type="submit" class="link danger">
                    Revoke
                  </button>
                </PostForm>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <details class="more">
        <summary>Give someone access</summary>
        <PostForm action={actionUrl(report.id, 'grant')} class="stack">
          <label>
            GitHub login
            <input
              type="text"
              name="login"
              required
              pattern="[A-Za-z0-9][A-Za-z0-9\-]{0,38}"
              autocomplete="off"
            />
          </label>
          <label>
            Reason
            <input type="text" name="reason" required placeholder="reporter, expert, maintainer…" />
          </label>
          <label>
            Expires (optional)
            <input type="date" name="expires" />
            <span class="hint">Without a date, access ends 14 days after the report is finished.</span>
          </label>
          <button type="submit">Grant access</button>
        </PostForm>
      </details>
    </Card>
  );
}
