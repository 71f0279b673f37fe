// "Tokens": the signed-in person's personal API tokens (name, scope, dates, whether each still
// works), a form to make one, and revoke buttons. A new token's secret is shown once, on the
// answer to the form, and never again: psrt keeps only its hash.
import type { ApiTokenView } from '../../app/sessions.ts';
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, type TokenScope } from '../../domain/sessions.ts';
import { PostForm } from './forms.tsx';
import { Layout } from './layout.tsx';

/** What each scope lets a token do, as the form explains it. */
export const scopeMeaning: Record<TokenScope, string> = {
  read: 'sees what you see, changes nothing',
  act: 'also takes report actions as you',
  admin: 'also does your admin work (roster, audit, imports)',
};

const day = (at: Date) => at.toISOString().slice(0, 10);
const minute = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function status(token: ApiTokenView): { label: string; kind: string } {
  if (token.revokedAt) return { label: `revoked ${day(token.revokedAt)}`, kind: 'revoked' };
  if (!token.usable) return { label: 'expired', kind: 'expired' };
  return { label: 'active', kind: 'active' };
}

export interface TokensPageProps {
  tokens: ApiTokenView[];
  signedInAs: string;
  isMember: boolean;
  isAdmin: boolean;
  sandbox: boolean;
  /** The token just made, with its secret: shown on this answer only. */
  created?: { secret: string; token: ApiTokenView } | null;
  notice?: string | null;
  error?: string | null;
  /** What the form held when it was refused, so nothing has to be typed again. */
  form?: { name: string; scope: string; days: string };
}

export function TokensPage(props: TokensPageProps) {
  const { tokens, created, notice, error } = props;
  const form = props.form ?? { name: '', scope: 'read', days: String(TOKEN_DEFAULT_DAYS) };
  const scopes = props.isAdmin ? (['read', 'act', 'admin'] as const) : (['read', 'act'] as const);
  return (
    <Layout
      title="API tokens"
      signedInAs={props.signedInAs}
      isMember={props.isMember}
      sandbox={props.sandbox}
    >
      <h1>API tokens</h1>
      <p class="lead">
        Personal tokens let scripts and the JSON API act as you (<code>Authorization: Bearer psrt_…</code>).
        Each has a scope, always expires, and can be revoked here at any time.
      </p>
      {created ? (
        <section class="token-secret" role="status">
          <h2>Your new token "{created.token.name}"</h2>
          <p>
            Copy it now: <strong>you will not see it again</strong>. psrt keeps only a hash of it.
          </p>
          <input
            class="secret"
            type="text"
            readonly
            aria-label="The new token"
            value={created.secret}
            data-secret=""
          />
          <p class="hint">Click the field, select all and copy it (Ctrl+C, or ⌘C on a Mac).</p>
        </section>
      ) : null}
      {notice ? (
        <p class="flash" role="status">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p class="problem" role="alert">
          {error}
        </p>
      ) : null}
      {tokens.length === 0 ? (
        <p class="empty">You have no API tokens.</p>
      ) : (
        <table class="tokens">
          <thead>
            <tr>
              <th>Name</th>
              <th>Scope</th>
              <th>Created</th>
              <th>Expires</th>
              <th>Last used</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => {
              const { label, kind } = status(token);
              return (
                <tr data-token={token.id}>
                  <td>{token.name}</td>
                  <td>
                    <span class="badge">{token.scope}</span>
                  </td>
                  <td>{day(token.createdAt)}</td>
                  <td>{day(token.expiresAt)}</td>
                  <td>{token.lastUsedAt ? minute(token.lastUsedAt) : 'never'}</td>
                  <td>
                    <span class={`token-status ${kind}`}>{label}</span>
                  </td>
                  <td>
                    {token.usable ? (
                      <PostForm action={`/tokens/${encodeURIComponent(token.id)}/revoke`} class="inline">
                        <button type="submit" class="danger">
                          Revoke
                        </button>
                      </PostForm>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h2>Make a token</h2>
      <PostForm action="/tokens" class="token-form">
        <label for="token-name">Name (where it is used)</label>
        <input id="token-name" name="name" type="text" required maxlength={100} value={form.name} />
        <label for="token-scope">Scope</label>
        <select id="token-scope" name="scope">
          {scopes.map((scope) => (
            <option value={scope} selected={scope === form.scope}>
              {`${scope}: ${scopeMeaning[scope]}`}
            </option>
          ))}
        </select>
        <label for="token-days">Days until it expires (1 to {TOKEN_MAX_DAYS})</label>
        <input
          id="token-days"
          name="days"
          type="number"
          min={1}
          max={TOKEN_MAX_DAYS}
          required
          value={form.days}
        />
        <button type="submit" class="primary">
          Make token
        </button>
      </PostForm>
    </Layout>
  );
}
