// The report page: one report as the PSRT works it. Who owns it and which clock runs out when are
// at the top; every action a member takes is a button or a small form in the section where its
// reason is shown. Collaborators see the report, its clocks and its timeline, and no member section.
import { isOpen } from '../../domain/report.ts';
import { Layout } from './layout.tsx';
import { Clocks } from './report/clocks.tsx';
import { Collaborators } from './report/collaborators.tsx';
import { Coordinator } from './report/coordinator.tsx';
import { CraSection } from './report/cra.tsx';
import { Duplicates } from './report/duplicates.tsx';
import { EditFields } from './report/edit.tsx';
import { Fields } from './report/fields.tsx';
import { Outcome, ReportHeader } from './report/header.tsx';
import type { ReportView } from './report/parts.tsx';
import { Publication } from './report/publication.tsx';
import { Timeline } from './report/timeline.tsx';
import { Transitions } from './report/transitions.tsx';

export type { ReportView } from './report/parts.tsx';

export interface ReportPageProps {
  view: ReportView;
  sandbox: boolean;
  /** What the last action did (a flash message), or why it was refused. */
  flash: string | null;
  problem: string | null;
}

export function ReportPage({ view, sandbox, flash, problem }: ReportPageProps) {
  const { report } = view.detail;
  const member = view.viewer.member;
  return (
    // The id, not the title, names the tab: browser history outlives the embargo.
    <Layout title={report.id} signedInAs={view.viewer.login} isMember={member} sandbox={sandbox}>
      <article class="report" data-report={report.id} data-state={report.state}>
        <ReportHeader view={view} />
        <Outcome flash={flash} problem={problem} />
        <div class="report-grid">
          <div class="report-main">
            {member ? <Transitions view={view} /> : null}
            <Fields report={report} member={member} />
            {member && isOpen(report.state) ? <EditFields report={report} /> : null}
          </div>
          <aside class="report-side">
            <Clocks view={view} />
            <Coordinator view={view} />
            {member ? <Collaborators view={view} /> : null}
            <Duplicates view={view} />
          </aside>
        </div>
        {/* The page's whole width: the three records side by side, each wide enough to read. */}
        <div class="report-wide">
          {member ? <Publication view={view} /> : null}
          {view.cra ? <CraSection view={view.cra} /> : null}
          <Timeline entries={view.timeline} />
        </div>
      </article>
    </Layout>
  );
}

/** A report the viewer may not see reads exactly like one that does not exist: the same page, the id aside. */
export function ReportNotFoundPage({
  message,
  signedInAs,
  isMember,
  sandbox,
}: {
  message: string;
  signedInAs: string;
  isMember: boolean;
  sandbox: boolean;
}) {
  return (
    <Layout title="Report not found" signedInAs={signedInAs} isMember={isMember} sandbox={sandbox}>
      <h1>Report not found</h1>
      <p class="problem" role="alert">
        {message}
      </p>
      <p>
        <a href="/reports">Back to the reports</a>
      </p>
    </Layout>
  );
}
