// The view's front page: report a vulnerability (privately, as the acting user), then every
// repository's advisories grouped by state, with CVE id, credits, collaborators and comments.
import { ActionForm, Layout, type LayoutProps, viewLink } from './layout.tsx';
import { type AdvisoryView, advisoryStates, type RepoView } from './model.ts';

const stateNames: Record<string, string> = {
  triage: 'Triage: reported, not accepted yet',
  draft: 'Draft',
  published: 'Published',
  closed: 'Closed',
  withdrawn: 'Withdrawn',
};

export function Credits({ advisory }: { advisory: AdvisoryView }) {
  return (
    <>
      {advisory.credits.map((c) => (
        <span class="label" title={`credit ${c.state}`}>
          {`${c.login} (${c.type}${c.state === 'accepted' ? '' : `, ${c.state}`})`}
        </span>
      ))}
    </>
  );
}

export function Collaborators({ advisory }: { advisory: AdvisoryView }) {
  return (
    <>
      {advisory.teams.map((slug) => (
        <span class="label">{`team ${slug}`}</span>
      ))}
      {advisory.users.map((login) => (
        <span class="label">{login}</span>
      ))}
    </>
  );
}

function AdvisoryRows({ advisories, as }: { advisories: AdvisoryView[]; as: string }) {
  return (
    <table>
      <thead>
        <tr>
          <th>GHSA</th>
          <th>Title</th>
          <th>CVE</th>
          <th>Credits</th>
          <th>Collaborators</th>
          <th>Comments</th>
        </tr>
      </thead>
      <tbody>
        {advisories.map((a) => (
          <tr data-ghsa={a.ghsaId}>
            <td class="ghsa">
              <a href={viewLink(`/advisories/${a.owner}/${a.repo}/${a.ghsaId}`, as)}>{a.ghsaId}</a>
            </td>
            <td class="title">{a.summary}</td>
            <td class="mono cve">{a.cveId ?? (a.cveRequested ? 'requested' : '')}</td>
            <td>
              <Credits advisory={a} />
            </td>
            <td>
              <Collaborators advisory={a} />
            </td>
            <td>{String(a.comments.length)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Frame = Omit<LayoutProps, 'title' | 'path' | 'children'>;

export function AdvisoriesPage({ repos, ...frame }: Frame & { repos: RepoView[] }) {
  const reportable = repos.filter((r) => r.pvrEnabled);
  return (
    <Layout title="Advisories" path="/" {...frame}>
      <h1>Repository security advisories</h1>
      <p class="lead">
        Everything the simulator holds, whoever may see it on GitHub. The buttons act as the user picked
        above, through the same rules as GitHub's API.
      </p>
      <section class="box" id="report">
        <h2>Report a vulnerability</h2>
        {reportable.length === 0 ? (
          <p class="muted">No repository has private vulnerability reporting enabled.</p>
        ) : (
          <ActionForm action="/report" as={frame.as}>
            <label for="report-repository">Repository</label>
            <select id="report-repository" name="repository">
              {reportable.map((r) => (
                <option value={`${r.owner}/${r.name}`}>{`${r.owner}/${r.name}`}</option>
              ))}
            </select>
            <label for="report-summary">Title</label>
            <input id="report-summary" type="text" name="summary" required />
            <label for="report-description">Description</label>
            <textarea id="report-description" name="description" required />
            <p>
              <button class="primary" type="submit">
                {`Submit report as ${frame.as}`}
              </button>
            </p>
          </ActionForm>
        )}
      </section>
      {repos.map((repo) => (
        <section data-repository={`${repo.owner}/${repo.name}`}>
          <h2>{`${repo.owner}/${repo.name}`}</h2>
          {repo.advisories.length === 0 ? <p class="muted">No advisories.</p> : null}
          {advisoryStates.map((state) => {
            const inState = repo.advisories.filter((a) => a.state === state);
            return inState.length === 0 ? null : (
              <div data-state={state}>
                <h3>
                  <span class={`label state-${state}`}>{state}</span> {stateNames[state]}
                </h3>
                <AdvisoryRows advisories={inState} as={frame.as} />
              </div>
            );
          })}
        </section>
      ))}
    </Layout>
  );
}
