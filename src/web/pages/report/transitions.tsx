// What comes next for the report: the determination, and the checklist of each transition leaving
// its state (domain/lifecycle), each with its one-click button, enabled when the checklist is met
// and otherwise listing what is missing. Members only.
import { determinationWords } from '../../../app/timeline-words.ts';
import type { Checklist } from '../../../domain/lifecycle.ts';
import { determinations, isOpen, rejectionReasons } from '../../../domain/report.ts';
import { PostForm } from '../forms.tsx';
import { determinationText } from './header.tsx';
import { actionUrl, Card, CheckItem, type ReportView } from './parts.tsx';

const rejectionLabels: Record<string, string> = {
  'not-a-vulnerability': 'not a vulnerability',
  duplicate: 'duplicate (detail: the other PSRT, GHSA or CVE id)',
  'out-of-scope': 'out of scope',
  'public-issue': 'moved to a public issue (detail: its URL)',
  spam: 'spam (no reply is sent)',
};

const titles: Record<string, string> = {
  accept: 'Accept',
  publish: 'Publish',
  reject: 'Reject',
  reopen: 'Reopen',
};

function Determination({ view }: { view: ReportView }) {
  const { report } = view.detail;
  return (
    <PostForm action={actionUrl(report.id, 'determine')} class="row determination">
      <label>
        The report is
        <select name="determination" required>
          {report.determination ? null : <option value="">choose…</option>}
          {determinations.map((value) => (
            <option value={value} selected={report.determination === value}>
              {determinationWords[value]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{report.determination ? 'Record again' : 'Record'}</button>
      <span class="muted small">now: {determinationText(report)}</span>
    </PostForm>
  );
}

function Items({ checklist, skip = [] }: { checklist: Checklist; skip?: string[] }) {
  return (
    <ul class="checklist">
      {checklist.requirements
        .filter((item) => !skip.includes(item.id))
        .map((item) => (
          <CheckItem label={item.label} met={item.met} reason={item.reason} />
        ))}
    </ul>
  );
}

function Transition({ view, checklist }: { view: ReportView; checklist: Checklist }) {
  const id = view.detail.report.id;
  const heading = (
    <h3>
      {titles[checklist.transition]}{' '}
      <span class="muted small">
        {checklist.from} → {checklist.to}
      </span>
    </h3>
  );
  switch (checklist.transition) {
    case 'accept':
      return (
        <div class="transition" data-transition="accept">
          {heading}
          <Items checklist={checklist} />
          <PostForm action={actionUrl(id, 'accept')} class="inline">
            <button type="submit" class="primary" disabled={!checklist.allowed}>
              Accept the report
            </button>
          </PostForm>
          {checklist.allowed ? (
            <p class="muted small">psrt then reserves its CVE ID and moves the GHSA to draft.</p>
          ) : null}
        </div>
      );
    case 'publish': {
      // The whole list, with the records' own checks, is in the publication section.
      const unmet = checklist.requirements.filter((item) => !item.met).length;
      return (
        <div class="transition" data-transition="publish">
          {heading}
          <p class="small">
            {unmet === 0
              ? 'Every requirement is met.'
              : `${unmet} of ${checklist.requirements.length} requirements missing:`}
          </p>
          <Items checklist={checklist} skip={checklist.requirements.filter((i) => i.met).map((i) => i.id)} />
          <p class="small">
            <a href="#publication">The publication preview</a> checks the records and sends the advisory.
          </p>
        </div>
      );
    }
    case 'reject':
      // The reason is chosen in the form: the checklist's own "reason" line would only say none is given yet.
      return (
        <div class="transition" data-transition="reject">
          {heading}
          <Items checklist={checklist} skip={['reason']} />
          <PostForm action={actionUrl(id, 'reject')} class="stack">
            <label>
              Reason
              <select name="reason" required>
                <option value="">choose…</option>
                {rejectionReasons.map((reason) => (
                  <option value={reason}>{rejectionLabels[reason]}</option>
                ))}
              </select>
            </label>
            <label>
              Detail
              <input type="text" name="detail" placeholder="duplicate: the other id; public issue: its URL" />
            </label>
            <button type="submit" class="danger">
              Reject the report
            </button>
          </PostForm>
        </div>
      );
    case 'reopen':
      return (
        <div class="transition" data-transition="reopen">
          {heading}
          <PostForm action={actionUrl(id, 'reopen')} class="row">
            <input type="text" name="reason" required placeholder="why it returns to triage" />
            <button type="submit">Reopen</button>
          </PostForm>
        </div>
      );
  }
}

export function Transitions({ view }: { view: ReportView }) {
  const { report, checklists } = view.detail;
  if (checklists.length === 0) return null;
  return (
    <Card title="Next steps" id="next" class="next">
      {isOpen(report.state) ? <Determination view={view} /> : null}
      <div class="transitions">
        {checklists.map((checklist) => (
          <Transition view={view} checklist={checklist} />
        ))}
      </div>
    </Card>
  );
}
