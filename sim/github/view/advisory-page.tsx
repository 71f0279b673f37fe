// One advisory as GitHub's advisory page shows it: its fields, credits, collaborators, CVE id,
// temporary private fork with its pull requests, comments, and the buttons and forms a person
// uses there (actions.ts), each acting as the user picked in the header.
import { cweName } from '../cwe.ts';
import { type AdvisoryAction, advisoryActions, type Field, pullActions } from './actions.ts';
import { Collaborators, Credits } from './advisories-page.tsx';
import { ActionForm, Layout, type LayoutProps } from './layout.tsx';
import type { Access, AdvisoryView } from './model.ts';

const time = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
/** A comment as GitHub renders its Markdown: HTML comments (psrt's markers, say) are not shown. */
const shown = (body: string) => body.replace(/<!--[\s\S]*?-->/g, '').trimEnd();

function FieldInput({ field, advisory, id }: { field: Field; advisory: AdvisoryView; id: string }) {
  const value = field.initial?.(advisory) ?? '';
  if (field.kind === 'checkbox')
    return (
      <label class="check">
        <input type="checkbox" name={field.name} /> {field.label}
      </label>
    );
  return (
    <>
      <label for={id}>{field.label}</label>
      {field.kind === 'textarea' ? (
        <textarea id={id} name={field.name} required={field.required ?? false}>
          {value}
        </textarea>
      ) : (
        <input id={id} type="text" name={field.name} value={value} required={field.required ?? false} />
      )}
      {field.hint ? <span class="muted">{field.hint}</span> : null}
    </>
  );
}

function ActionBox({ action, advisory, as }: { action: AdvisoryAction; advisory: AdvisoryView; as: string }) {
  const base = `/advisories/${advisory.owner}/${advisory.repo}/${advisory.ghsaId}`;
  return (
    <div class="box" data-action={action.name}>
      <ActionForm action={`${base}/${action.name}`} as={as}>
        {(action.fields ?? []).map((field) => (
          <FieldInput field={field} advisory={advisory} id={`${action.name}-${field.name}`} />
        ))}
        <p>
          <button type="submit" class={action.danger ? 'danger' : action.fields ? 'primary' : ''}>
            {action.label}
          </button>
        </p>
      </ActionForm>
    </div>
  );
}

function Fork({ advisory, as }: { advisory: AdvisoryView; as: string }) {
  const fork = advisory.fork;
  if (!fork) return <p class="muted">No temporary private fork.</p>;
  return (
    <>
      <p>
        <span class="mono">{`${fork.owner}/${fork.name}`}</span>
        {fork.ready ? '' : ' (being created)'}
      </p>
      {fork.pulls.length === 0 ? (
        <p class="muted">No pull requests.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>Title</th>
              <th>By</th>
              <th>State</th>
              <th>Files</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {fork.pulls.map((pull) => (
              <tr data-pull={String(pull.number)}>
                <td>{String(pull.number)}</td>
                <td>{pull.title}</td>
                <td>{pull.author}</td>
                <td>{`${pull.state} (${pull.head} → ${pull.base})`}</td>
                <td class="mono files">
                  {pull.files.map((file) => (
                    <div>{file}</div>
                  ))}
                </td>
                <td>
                  {pullActions
                    .filter((action) => action.offered(pull))
                    .map((action) => (
                      <ActionForm
                        action={`/advisories/${advisory.owner}/${advisory.repo}/${advisory.ghsaId}/pulls/${pull.number}/${action.name}`}
                        as={as}
                      >
                        <button type="submit">{action.label}</button>
                      </ActionForm>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

type Frame = Omit<LayoutProps, 'title' | 'path' | 'children'>;

export function AdvisoryPage({
  advisory,
  access,
  ...frame
}: Frame & { advisory: AdvisoryView; access: Access }) {
  const a = advisory;
  const can = access.manage
    ? 'may do everything here (an admin of the advisory)'
    : access.edit
      ? 'may edit, comment and close; accepting, publishing and forks need an admin'
      : access.view
        ? 'may only read this advisory'
        : 'may not see this advisory on GitHub: every action answers Not Found';
  return (
    <Layout title={a.ghsaId} path={`/advisories/${a.owner}/${a.repo}/${a.ghsaId}`} {...frame}>
      <p class="muted">{`${a.owner}/${a.repo}`}</p>
      <h1 class="summary">{a.summary}</h1>
      <p>
        <span class={`label state-${a.state}`}>{a.state}</span> <span class="mono">{a.ghsaId}</span>
      </p>
      <div class="box">
        <dl class="facts">
          <dt>CVE</dt>
          <dd class="mono cve">{a.cveId ?? (a.cveRequested ? 'requested from GitHub' : 'none')}</dd>
          <dt>Severity</dt>
          <dd>{a.severity ?? 'not set'}</dd>
          <dt>Weaknesses</dt>
          <dd class="cwes">
            {a.cweIds.length === 0
              ? 'none'
              : a.cweIds.map((id) => (
                  <div>
                    <span class="mono">{id}</span> {cweName(id) === id ? '' : cweName(id)}
                  </div>
                ))}
          </dd>
          <dt>Author</dt>
          <dd>{a.author ?? 'nobody'}</dd>
          <dt>Credits</dt>
          <dd class="credits">
            <Credits advisory={a} />
          </dd>
          <dt>Collaborators</dt>
          <dd class="collaborators">
            <Collaborators advisory={a} />
          </dd>
          <dt>Opened</dt>
          <dd>{time(a.createdAt)}</dd>
          <dt>Updated</dt>
          <dd>{time(a.updatedAt)}</dd>
        </dl>
        <pre class="text description">{a.description}</pre>
      </div>
      <h2>Temporary private fork</h2>
      <Fork advisory={a} as={frame.as} />
      <h2>{`Comments (${a.comments.length})`}</h2>
      <ol class="comments">
        {a.comments.map((comment) => (
          <li class="box" data-comment={String(comment.id)}>
            <strong class="author">{comment.author}</strong>{' '}
            <span class="muted">
              {time(comment.at)}
              {comment.confidential ? ' · confidential' : ''}
            </span>
            <pre class="text body">{shown(comment.body)}</pre>
          </li>
        ))}
      </ol>
      <h2>Act on it</h2>
      <p class="muted">{`${frame.as} ${can}.`}</p>
      <div class="actions">
        {advisoryActions
          .filter((action) => action.offered(a, frame.as, access))
          .map((action) => (
            <ActionBox action={action} advisory={a} as={frame.as} />
          ))}
      </div>
    </Layout>
  );
}
