// What the report says: its description (as text, never markup), what is affected, the fixes,
// the reporter's credit preference and the credits the records will carry, the weakness (CWE, as
// GitHub gives it), and a rejection's reason. Members also get the buttons that act on these:
// reading the fixes from GitHub, and dropping a credit.
import { isOpen, type Report } from '../../../domain/report.ts';
import { PostForm } from '../forms.tsx';
import { actionUrl, Card } from './parts.tsx';

function Affected({ report }: { report: Report }) {
  if (report.affected.length === 0) return <p class="muted">None listed yet.</p>;
  return (
    <ul class="plain">
      {report.affected.map((entry) =>
        'repo' in entry ? (
          <li>
            <span class="mono">{entry.repo}</span>:{' '}
            {entry.introduced === '0' ? (
              'every commit'
            ) : (
              <>
                commits from <span class="mono">{entry.introduced}</span>
              </>
            )}
            {entry.fixed.length > 0 ? (
              <>
                , fixed in <span class="mono">{entry.fixed.join(', ')}</span>
              </>
            ) : (
              ', not fixed yet'
            )}
          </li>
        ) : (
          <li>
            {entry.ecosystem} <strong>{entry.package}</strong>{' '}
            <span class="mono">{entry.vulnerableVersionRange}</span>
            {entry.patchedVersions ? (
              <>
                , patched in <span class="mono">{entry.patchedVersions}</span>
              </>
            ) : null}
          </li>
        ),
      )}
    </ul>
  );
}

/** Reading where the fix landed: an open report takes it at once, a published one gets a record update to approve. */
function RefreshFixes({ report }: { report: Report }) {
  if (!isOpen(report.state) && report.state !== 'published') return null;
  return (
    <PostForm action={actionUrl(report.id, 'fixes-refresh')} class="refresh-fixes">
      <button type="submit">Refresh fixes from GitHub</button>
      <span class="muted small">
        {report.state === 'published'
          ? 'Reads the fix and its backports and releases, and says what a record update would change.'
          : 'Reads the fix and its backports and releases: fills the fix commits, references and affected versions.'}
      </span>
    </PostForm>
  );
}

function Fixes({ report }: { report: Report }) {
  if (report.fixPullRequests.length === 0) return <p class="muted">No fix pull request linked yet.</p>;
  return (
    <ul class="plain">
      {report.fixPullRequests.map((pr) => (
        <li>
          {/^https:\/\//.test(pr.url) ? (
            <a href={pr.url} rel="noreferrer">
              {pr.url.replace('https://github.com/', '')}
            </a>
          ) : (
            <span class="mono">{pr.url}</span>
          )}{' '}
          <span class={`badge ${pr.public ? '' : 'private'}`}>{pr.public ? 'public' : 'private'}</span>{' '}
          {pr.merged ? <span class="badge merged">merged</span> : null}{' '}
          {pr.backport ? <span class="badge">backport</span> : null}
        </li>
      ))}
    </ul>
  );
}

function Credit({ report, member }: { report: Report; member: boolean }) {
  const preference = report.creditPreference;
  const credits = report.publication.credits;
  return (
    <>
      <p>
        {preference === null ? (
          <span class="muted">The reporter's preference is not recorded yet.</span>
        ) : preference.credit ? (
          <>
            The reporter wants credit as <strong>{preference.name}</strong>.
          </>
        ) : (
          'The reporter does not want credit.'
        )}
      </p>
      {credits.length > 0 ? (
        <ul class="plain">
          {credits.map((credit) => (
            <li data-credit={credit.login ?? credit.name}>
              {credit.name} <span class="muted">({credit.type})</span>
              {credit.state !== 'accepted' ? <span class="badge">{credit.state}</span> : null}
              {member && isOpen(report.state) ? (
                <PostForm action={actionUrl(report.id, 'credit-drop')} class="inline">
                  <input type="hidden" name="who" value={credit.login ?? credit.name} />
                  <button type="submit" class="link danger" aria-label={`Drop the credit of ${credit.name}`}>
                    Drop
                  </button>
                </PostForm>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** The CWE ids GitHub's advisory gives (psrt mirrors them; they are edited on GitHub). */
function Weakness({ report }: { report: Report }) {
  const ids = report.publication.cweIds;
  if (ids === null)
    return <span class="muted">not given yet: choose it on the GHSA (psrt mirrors GitHub's CWEs)</span>;
  if (ids.length === 0) return <span class="muted">none applies</span>;
  return <span class="mono">{ids.join(', ')}</span>;
}

export function Fields({ report, member }: { report: Report; member: boolean }) {
  return (
    <Card title="The report" id="report">
      {report.rejection ? (
        <p class="rejection">
          Rejected: <strong>{report.rejection.reason}</strong>
          {report.rejection.detail ? <span class="text">{report.rejection.detail}</span> : null}
        </p>
      ) : null}
      <div class="description" data-field="description">
        {report.description.trim() ? report.description : <span class="muted">No description.</span>}
      </div>
      <dl class="fields">
        <dt>Affected</dt>
        <dd>
          <Affected report={report} />
        </dd>
        <dt>Fixes</dt>
        <dd>
          <Fixes report={report} />
          {member && report.fixPullRequests.some((pr) => pr.public) ? <RefreshFixes report={report} /> : null}
        </dd>
        <dt>Credit</dt>
        <dd>
          <Credit report={report} member={member} />
        </dd>
        <dt>Weakness (CWE)</dt>
        <dd>
          <Weakness report={report} />
        </dd>
        <dt>CVSS vector</dt>
        <dd class="mono">{report.cvssVector ?? <span class="muted">not scored yet</span>}</dd>
        <dt>Reporter</dt>
        <dd>{report.reporter ?? <span class="muted">not known</span>}</dd>
      </dl>
    </Card>
  );
}
