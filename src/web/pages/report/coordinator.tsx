// Who owns the report: its coordinator and any pending handoff, with the one-click actions a
// member has from here (assign me, assign someone, hand off, accept or decline a handoff).
import { isOpen } from '../../../domain/report.ts';
import { sameLogin } from '../../../domain/roster.ts';
import { PostForm } from '../forms.tsx';
import { actionUrl, Card, Day, type ReportView } from './parts.tsx';

function MemberSelect({
  name,
  label,
  members,
  except,
}: {
  name: string;
  label: string;
  members: string[];
  except: (string | null)[];
}) {
  return (
    <select name={name} required aria-label={label}>
      <option value="">choose a member</option>
      {members
        .filter((login) => !except.some((other) => sameLogin(other, login)))
        .map((login) => (
          <option value={login}>{login}</option>
        ))}
    </select>
  );
}

function Actions({ view }: { view: ReportView }) {
  const { report } = view.detail;
  const me = view.viewer.login;
  const coordinating = sameLogin(report.coordinator, me);
  const askedOfMe = report.handoff !== null && sameLogin(report.handoff.to, me);
  const url = (action: string) => actionUrl(report.id, action);
  return (
    <div class="actions">
      {askedOfMe ? (
        <div class="button-row">
          <PostForm action={url('handoff-accept')} class="inline">
            <button type="submit" class="primary">
              Accept the handoff
            </button>
          </PostForm>
          <PostForm action={url('handoff-decline')} class="inline">
            <button type="submit">Decline</button>
          </PostForm>
        </div>
      ) : null}
      {!coordinating && !askedOfMe ? (
        <PostForm action={url('assign')} class="inline">
          <input type="hidden" name="login" value={me} />
          <button type="submit" class={report.coordinator ? '' : 'primary'}>
            {report.coordinator ? 'Take over as coordinator' : 'Assign me'}
          </button>
        </PostForm>
      ) : null}
      {coordinating && report.handoff ? (
        <PostForm action={url('handoff-decline')} class="inline">
          <button type="submit">Withdraw the handoff</button>
        </PostForm>
      ) : null}
      {coordinating ? (
        <PostForm action={url('handoff')} class="row">
          <span>Hand off to</span>
          <MemberSelect name="to" label="Member to hand off to" members={view.members} except={[me]} />
          <button type="submit">Ask</button>
        </PostForm>
      ) : null}
      <details class="more">
        <summary>Assign someone else</summary>
        <PostForm action={url('assign')} class="row">
          <MemberSelect
            name="login"
            label="Member to assign"
            members={view.members}
            except={[report.coordinator]}
          />
          <button type="submit">Assign</button>
        </PostForm>
      </details>
    </div>
  );
}

export function Coordinator({ view }: { view: ReportView }) {
  const { report } = view.detail;
  return (
    <Card title="Coordinator" id="coordinator">
      <p class="owner" data-field="coordinator">
        {report.coordinator ? (
          <>
            <strong>{report.coordinator}</strong>
            {report.coordinatorSince ? (
              <span class="muted">
                {' '}
                since <Day at={report.coordinatorSince} />
              </span>
            ) : null}
          </>
        ) : (
          <span class="muted">Nobody coordinates this report yet.</span>
        )}
      </p>
      {report.handoff ? (
        <p class="handoff" data-field="handoff">
          Asked <strong>{report.handoff.to}</strong> to take over on <Day at={report.handoff.requestedAt} />;{' '}
          {report.coordinator ?? 'the coordinator'} stays responsible until they accept.
        </p>
      ) : null}
      {view.viewer.member && isOpen(report.state) ? <Actions view={view} /> : null}
    </Card>
  );
}
