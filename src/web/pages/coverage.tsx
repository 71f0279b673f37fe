// "Repository coverage": each repository the GitHub App is installed on, OK
// or needing action (private vulnerability reporting on, and a security
// policy that sends reporters to its form), with what to do about each gap.
import type { CoverageCheck, CoverageRow } from '../../app/coverage.ts';
import { PostForm } from './forms.tsx';
import { Layout } from './layout.tsx';
import { actorWords, utcMinute } from './words.ts';

function PrivateReporting({ on }: { on: boolean | null }) {
  if (on === null) return <span class="muted">unknown</span>;
  return on ? <span class="yes">on</span> : <span class="no">off</span>;
}

function Row({ row }: { row: CoverageRow }) {
  const ok = row.todo.length === 0;
  return (
    <tr data-repository={row.repository} class={ok ? 'ok' : 'needs-action'}>
      <td class="repo">
        <a class="plain" href={`https://github.com/${row.repository}`}>
          {row.repository}
        </a>
      </td>
      <td>
        <span class={`badge coverage ${ok ? 'ok' : 'needs-action'}`}>{ok ? 'OK' : 'Needs action'}</span>
      </td>
      <td>
        <PrivateReporting on={row.privateReporting} />
        {row.enabled ? <span class="sub">turned on by this check</span> : null}
      </td>
      <td>{row.policyPath ? <code>{row.policyPath}</code> : <span class="no">none</span>}</td>
      <td class="todo">
        {ok ? (
          <span class="muted">nothing</span>
        ) : (
          <ul>
            {row.todo.map(({ step, url }) => (
              <li>
                {step} {url ? <a href={url}>{url}</a> : null}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

export function CoveragePage({
  check,
  problem,
  configured,
  sandbox,
}: {
  check: CoverageCheck | null;
  /** Why the last check could not be made (GitHub's answer, safe to show). */
  problem: string | null;
  configured: boolean;
  sandbox: boolean;
}) {
  const rows = check
    ? [...check.repositories].sort((a, b) => Number(a.todo.length === 0) - Number(b.todo.length === 0))
    : [];
  const covered = rows.filter((r) => r.todo.length === 0).length;
  const off = rows.some((r) => r.privateReporting === false);
  return (
    <Layout title="Repository coverage" sandbox={sandbox}>
      <h1>Repository coverage</h1>
      <p class="lead">
        Reports reach the PSRT through GitHub's private vulnerability reporting: every repository the psrt App
        is installed on should have it on, and a security policy (SECURITY.md) that sends reporters to its
        form.
      </p>
      {!configured ? (
        <p class="empty">
          GitHub is not configured (github.appId and GITHUB_APP_PRIVATE_KEY): coverage is read from GitHub.
        </p>
      ) : (
        <>
          <div class="toolbar">
            <p>
              {check
                ? `${covered} of ${rows.length} repositories covered. Checked ${utcMinute(check.at)} by ${actorWords(check.by)}.`
                : 'Not checked yet.'}
            </p>
            <PostForm action="/coverage/check" class="inline">
              <button type="submit">Check again</button>
            </PostForm>
            {off ? (
              <PostForm action="/coverage/apply" class="inline">
                <button type="submit" class="primary">
                  Turn on private reporting where it is off
                </button>
              </PostForm>
            ) : null}
          </div>
          {problem ? (
            <p class="banner bad" role="alert">
              {`GitHub could not be read: ${problem}. Try again in a moment.`}
            </p>
          ) : null}
          {check && rows.length === 0 ? (
            <p class="empty">The GitHub App is installed on no repository yet.</p>
          ) : null}
          {rows.length > 0 ? (
            <div class="table-scroll">
              <table class="reports coverage">
                <thead>
                  <tr>
                    <th>Repository</th>
                    <th>Status</th>
                    <th>Private reporting</th>
                    <th>Security policy</th>
                    <th>What to do</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <Row row={row} />
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      )}
    </Layout>
  );
}
