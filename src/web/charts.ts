// The Metrics page's charts: vega-lite specs of the numbers, drawn to SVG on the server (no
// canvas, no script in the browser) and served as images, so the strict CSP holds and the page
// works without JavaScript. The tables under each chart carry the same numbers for everyone.
import type { Config, TopLevelSpec } from 'vega-lite';
import type { ColorDef, PositionDef } from 'vega-lite/types_unstable/channeldef.js';
import type { TopLevelProperties } from 'vega-lite/types_unstable/spec/toplevel.js';
import type { ReportMetrics } from '../app/metrics.ts';
import { type MetricsGroup, type Step, severityGroups, steps } from '../domain/metrics.ts';

export const chartNames = [
  'days-by-month',
  'within-90-days-by-month',
  'days-by-severity',
  'within-90-days-by-severity',
] as const;
export type ChartName = (typeof chartNames)[number];

export const isChartName = (name: string): name is ChartName =>
  (chartNames as readonly string[]).includes(name);

/** The steps as the page and the charts' legends name them: days from receipt "to a coordinator". */
export const stepLabels: Record<Step, string> = {
  coordinator: 'To a coordinator',
  determination: 'To a determination',
  accepted: 'To acceptance',
  published: 'To publication',
};

/** What each chart shows, for its `alt` text; the table under it has the numbers. */
export const chartDescriptions: Record<ChartName, string> = {
  'days-by-month':
    'Line chart: median days from receipt to a coordinator, a determination, acceptance and publication, by month of receipt.',
  'within-90-days-by-month':
    'Bar chart: share of finished reports finished within 90 days of receipt, by month of receipt.',
  'days-by-severity':
    'Bar chart: median days from receipt to a coordinator, a determination, acceptance and publication, by severity.',
  'within-90-days-by-severity':
    'Bar chart: share of finished reports finished within 90 days of receipt, by severity.',
};

// The project's palette (web/pages/styles/base.ts): one colour per step, in the order they come.
const stepColours: Record<Step, string> = {
  coordinator: '#2f5d9b',
  determination: '#b54708',
  accepted: '#067647',
  published: '#1d2330',
};
const accent = '#2f5d9b';

/** Wide enough for the page's column; the image scales down with it on narrow screens. */
const WIDTH = 1080;

const config: Config = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  background: '#ffffff',
  padding: { top: 16, right: 8, bottom: 8, left: 8 },
  view: { stroke: null },
  axis: {
    labelColor: '#5b6475',
    titleColor: '#1d2330',
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 600,
    gridColor: '#eceef2',
    domainColor: '#d9dde5',
    tickColor: '#d9dde5',
  },
  // Without a canvas vega estimates text widths: no limit, so legend labels are never cut short.
  legend: {
    labelFontSize: 12,
    labelColor: '#1d2330',
    symbolStrokeWidth: 2,
    labelLimit: 0,
    columnPadding: 24,
  },
};

/** A month as a date vega reads (its first day, UTC), a severity as is. */
const keyOf = (group: MetricsGroup, keyField: 'month' | 'severity'): string =>
  keyField === 'month' ? `${group.key}-01` : group.key;
const round = (value: number): number => Math.round(value * 10) / 10;

/** One row per group and step that has a median. */
function medianRows(groups: readonly MetricsGroup[], keyField: 'month' | 'severity') {
  return groups.flatMap((group) =>
    steps.flatMap((step) => {
      const { median, count } = group.steps[step];
      if (median === null) return [];
      return [
        { [keyField]: keyOf(group, keyField), step: stepLabels[step], days: round(median), reports: count },
      ];
    }),
  );
}

function shareRows(groups: readonly MetricsGroup[], keyField: 'month' | 'severity') {
  return groups.flatMap((group) =>
    group.share === null
      ? []
      : [
          {
            [keyField]: keyOf(group, keyField),
            share: group.share,
            label: `${group.withinGoal} of ${group.finished}`,
          },
        ],
  );
}

const stepColour: ColorDef<string> = {
  field: 'step',
  type: 'nominal',
  title: null,
  scale: { domain: steps.map((step) => stepLabels[step]), range: steps.map((step) => stepColours[step]) },
  legend: { orient: 'top', direction: 'horizontal' },
};

const monthAxis: PositionDef<string> = {
  field: 'month',
  type: 'temporal',
  timeUnit: 'utcyearmonth',
  title: 'Month of receipt',
  axis: { format: '%b %Y', labelAngle: 0, labelOverlap: true, tickCount: 'month' },
};

/** Months as bands, for bars: a temporal axis would draw each bar a whole month wide, touching the next. */
const monthBands: PositionDef<string> = {
  field: 'month',
  type: 'ordinal',
  timeUnit: 'utcyearmonth',
  title: 'Month of receipt',
  axis: { format: '%b %Y', labelAngle: 0 },
};

const severityAxis: PositionDef<string> = {
  field: 'severity',
  type: 'nominal',
  title: 'Severity (CVSS)',
  sort: [...severityGroups],
  axis: { labelAngle: 0 },
};

const daysAxis: PositionDef<string> = {
  field: 'days',
  type: 'quantitative',
  title: 'Median days from receipt',
};
const shareAxis: PositionDef<string> = {
  field: 'share',
  type: 'quantitative',
  title: 'Finished within 90 days',
  scale: { domain: [0, 1] },
  axis: { format: '.0%', tickCount: 5 },
};

/** The share finished within 90 days as bars, each with its "n of m" over it. */
const shareBars = (x: PositionDef<string>) => ({
  encoding: { x, y: shareAxis },
  layer: [
    { mark: { type: 'bar' as const, color: accent, cornerRadiusEnd: 2, width: { band: 0.6 } } },
    {
      mark: { type: 'text' as const, dy: -8, color: '#1d2330', fontSize: 12 },
      encoding: { text: { field: 'label', type: 'nominal' as const } },
    },
  ],
});

/** The vega-lite spec of one chart of `metrics`. */
export function chartSpec(name: ChartName, metrics: ReportMetrics): TopLevelSpec {
  const frame = (): TopLevelProperties & {
    $schema: string;
    width: number;
    height: number;
    config: Config;
  } => ({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: WIDTH,
    height: 260,
    autosize: { type: 'fit-x', contains: 'padding' },
    config,
  });
  switch (name) {
    case 'days-by-month':
      return {
        ...frame(),
        data: { values: medianRows(metrics.byMonth, 'month') },
        mark: { type: 'line', point: { size: 40 }, strokeWidth: 2 },
        encoding: { x: monthAxis, y: daysAxis, color: stepColour },
      };
    case 'within-90-days-by-month':
      return {
        ...frame(),
        data: { values: shareRows(metrics.byMonth, 'month') },
        ...shareBars(monthBands),
      };
    case 'days-by-severity':
      return {
        ...frame(),
        data: { values: medianRows(metrics.bySeverity, 'severity') },
        mark: { type: 'bar', cornerRadiusEnd: 2 },
        encoding: {
          x: severityAxis,
          xOffset: { field: 'step', type: 'nominal', sort: steps.map((step) => stepLabels[step]) },
          y: daysAxis,
          color: stepColour,
        },
      };
    case 'within-90-days-by-severity':
      return {
        ...frame(),
        data: { values: shareRows(metrics.bySeverity, 'severity') },
        ...shareBars(severityAxis),
      };
  }
}

// vega is a large module: loaded on the first chart, so the CLI's commands do not pay for it.
let vegaModules: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;

async function draw(spec: TopLevelSpec): Promise<string> {
  vegaModules ??= Promise.all([import('vega'), import('vega-lite')]);
  const [vega, vegaLite] = await vegaModules;
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Drawn once per computation of the numbers (app/metrics keeps one per version of the reports). */
const drawn = new WeakMap<ReportMetrics, Map<ChartName, Promise<string>>>();

/** The chart as an SVG document. */
export function renderChart(name: ChartName, metrics: ReportMetrics): Promise<string> {
  let charts = drawn.get(metrics);
  if (!charts) {
    charts = new Map();
    drawn.set(metrics, charts);
  }
  let svg = charts.get(name);
  if (!svg) {
    svg = draw(chartSpec(name, metrics));
    charts.set(name, svg);
    // A failed drawing is not kept: the next request tries again.
    svg.catch(() => charts.delete(name));
  }
  return svg;
}
