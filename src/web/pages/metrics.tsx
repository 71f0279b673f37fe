// "Metrics": how long reports take from receipt to each step of the process, and how many are
// finished within the devguide's 90 days, by month of receipt and by severity. Each chart is an
// image drawn on the server (web/charts); the table under it has the same numbers, for everyone.
import type { ReportMetrics } from '../../app/metrics.ts';
import { type MetricsGroup, type Step, steps } from '../../domain/metrics.ts';
import { type ChartName, chartDescriptions, stepLabels } from '../charts.ts';
import { Layout } from './layout.tsx';

export interface MetricsPageProps {
  metrics: ReportMetrics;
  signedInAs: string | null;
  isMember: boolean;
  sandbox: boolean;
}

const days = (value: number | null): string => (value === null ? '—' : value.toFixed(1));
const percent = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)}%`);
const plural = (n: number, word: string): string =>
  `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

const monthName = (month: string): string =>
  new Date(`${month}-01T00:00:00Z`).toLocaleString('en-US', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });

/** Which reports are counted, in the words of the one reading. */
function countedLine({ scope, overall, imported }: ReportMetrics): string {
  const reports = plural(overall.reports, scope === 'published' ? 'published report' : 'report');
  const history =
    imported > 0
      ? `, ${imported.toLocaleString('en-US')} of them imported from the PSF advisory database`
      : '';
  const whose = {
    all: 'Every report is counted, embargoed ones included.',
    published: 'Only published reports are counted: sign in as a PSRT member to count embargoed ones too.',
    granted: 'Counted: published reports, and the embargoed reports you collaborate on.',
  }[scope];
  return `${reports}${history}. ${whose}`;
}

function Chart({ name, available, empty }: { name: ChartName; available: boolean; empty: string }) {
  return available ? (
    <img class="chart" src={`/stats/charts/${name}.svg`} alt={chartDescriptions[name]} />
  ) : (
    <p class="empty">{empty}</p>
  );
}

/** Days from receipt to each step: per group, how many reports took it, the median and the 90th percentile. */
function DaysTable({
  groups,
  keyTitle,
  label,
}: {
  groups: MetricsGroup[];
  keyTitle: string;
  label: (key: string) => string;
}) {
  return (
    <details class="more numbers">
      <summary>The numbers behind the chart</summary>
      <table class="metrics" data-table="days">
        <caption>
          Days from receipt to each step, by {keyTitle.toLowerCase()}: how many reports took the step, the
          median and the 90th percentile.
        </caption>
        <colgroup span={2} />
        {steps.map(() => (
          <colgroup span={3} />
        ))}
        <thead>
          <tr>
            <th scope="col" rowspan={2}>
              {keyTitle}
            </th>
            <th scope="col" rowspan={2}>
              Reports
            </th>
            {steps.map((step) => (
              <th scope="colgroup" colspan={3}>
                {stepLabels[step]}
              </th>
            ))}
          </tr>
          <tr>
            {steps.map(() => (
              <>
                <th scope="col">Reports</th>
                <th scope="col">Median</th>
                <th scope="col">90th pct.</th>
              </>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr data-group={group.key}>
              <th scope="row">{label(group.key)}</th>
              <td>{group.reports}</td>
              {steps.map((step: Step) => (
                <>
                  <td data-step={step} data-value="count">
                    {group.steps[step].count}
                  </td>
                  <td data-step={step} data-value="median">
                    {days(group.steps[step].median)}
                  </td>
                  <td data-step={step} data-value="p90">
                    {days(group.steps[step].p90)}
                  </td>
                </>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** Finished reports per group and how many of them were finished within 90 days of receipt. */
function GoalTable({
  groups,
  keyTitle,
  label,
}: {
  groups: MetricsGroup[];
  keyTitle: string;
  label: (key: string) => string;
}) {
  return (
    <details class="more numbers">
      <summary>The numbers behind the chart</summary>
      <table class="metrics" data-table="goal">
        <caption>
          Reports finished (published or rejected) within 90 days of receipt, by {keyTitle.toLowerCase()}.
        </caption>
        <thead>
          <tr>
            <th scope="col">{keyTitle}</th>
            <th scope="col">Reports</th>
            <th scope="col">Finished</th>
            <th scope="col">Within 90 days</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr data-group={group.key}>
              <th scope="row">{label(group.key)}</th>
              <td>{group.reports}</td>
              <td data-value="finished">{group.finished}</td>
              <td data-value="within">{group.withinGoal}</td>
              <td data-value="share">{percent(group.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

const hasMedians = (groups: MetricsGroup[]) =>
  groups.some((g) => steps.some((step) => g.steps[step].count > 0));
const hasShares = (groups: MetricsGroup[]) => groups.some((g) => g.share !== null);
const noDays = 'No report has taken a step with a known receipt yet.';
const noGoal = 'No report with a known receipt is finished yet.';

export function MetricsPage({ metrics, signedInAs, isMember, sandbox }: MetricsPageProps) {
  const { overall } = metrics;
  const severity = (key: string) => key;
  return (
    <Layout title="Metrics" signedInAs={signedInAs} isMember={isMember} sandbox={sandbox}>
      <h1>Metrics</h1>
      <p class="lead">
        How long reports take from their first receipt to a coordinator, a determination, acceptance and
        publication, and how many are finished within the devguide's 90 days.
      </p>
      <p class="counted">{countedLine(metrics)}</p>
      {overall.reports === 0 ? (
        <p class="empty">No reports to count yet.</p>
      ) : (
        <>
          <ul class="figures">
            {steps.map((step) => (
              <li data-step={step}>
                <span class="figure">{days(overall.steps[step].median)}</span>
                <span class="what">median days {stepLabels[step].toLowerCase()}</span>
                <span class="sub">
                  {plural(overall.steps[step].count, 'report')} · 90th percentile{' '}
                  {days(overall.steps[step].p90)}
                </span>
              </li>
            ))}
            <li data-step="goal">
              <span class="figure">{percent(overall.share)}</span>
              <span class="what">finished within 90 days</span>
              <span class="sub">
                {overall.withinGoal} of {plural(overall.finished, 'finished report')}
              </span>
            </li>
          </ul>
          <section class="metrics">
            <h2>By month of receipt</h2>
            <h3>Median days from receipt to each step</h3>
            <Chart name="days-by-month" available={hasMedians(metrics.byMonth)} empty={noDays} />
            <DaysTable groups={metrics.byMonth} keyTitle="Month" label={monthName} />
            <h3>Finished within 90 days</h3>
            <Chart name="within-90-days-by-month" available={hasShares(metrics.byMonth)} empty={noGoal} />
            <GoalTable groups={metrics.byMonth} keyTitle="Month" label={monthName} />
          </section>
          <section class="metrics">
            <h2>By severity</h2>
            <h3>Median days from receipt to each step</h3>
            <Chart name="days-by-severity" available={hasMedians(metrics.bySeverity)} empty={noDays} />
            <DaysTable groups={metrics.bySeverity} keyTitle="Severity" label={severity} />
            <h3>Finished within 90 days</h3>
            <Chart
              name="within-90-days-by-severity"
              available={hasShares(metrics.bySeverity)}
              empty={noGoal}
            />
            <GoalTable groups={metrics.bySeverity} keyTitle="Severity" label={severity} />
          </section>
          <section class="metrics notes">
            <h2>How the numbers are counted</h2>
            <ul>
              <li>
                Days run from a report's first receipt (an earlier security@ email counts) to the first time
                each step was taken: a later handoff or a second acceptance does not move them. A step counts
                only when both ends are known.
              </li>
              <li>
                The 90-day goal is the devguide's: a report published or rejected on the 90th day after
                receipt or later missed it, whatever extensions it had. Open reports are not counted against
                it.
              </li>
              <li>
                Severity is that of the report's CVSS vector (v4.0, or v3.1 in older records); "unscored"
                reports have none.
              </li>
              <li>
                Advisories imported from the PSF advisory database record only when they were published and,
                where their CVE record was imported, when their CVE ID was reserved, which is taken as their
                receipt. They count towards the time to publish and the 90-day goal where that is known and
                towards no other step; without it they are counted in the month they were published.
              </li>
            </ul>
          </section>
        </>
      )}
    </Layout>
  );
}
