// The CVSS v4.0 calculator: the vector as text, its metrics as radio groups named as FIRST names
// them, and the score and severity the server computes. It works without JavaScript (the radios
// are submitted with a Compute button); /static/cvss.js makes it live in both directions.
import { type CvssMetric, type CvssMetricGroup, cvssV4Metrics } from '../../domain/cvss.ts';
import {
  type CalculatorState,
  calculatorFields,
  calculatorState,
  definedIn,
  type Picks,
} from '../cvss-picker.ts';

export interface CvssCalculatorProps {
  /** The vector to show; none (or empty) shows an empty picker. */
  vector?: string | null;
  /** The vector's form field; the radios are `NAME-AV`, `NAME-AC`, … (see `submittedVector`). */
  name?: string;
  /**
   * A "Compute" submit button (named `NAME-compute`) for browsers without JavaScript. Inside another
   * form, the caller decides what pressing it does (re-render with `submittedVector`, or leave it out).
   */
  compute?: boolean;
  /** Keep the page's address at `?NAME=vector` as it changes, so it can be shared (a standalone page). */
  syncAddress?: boolean;
}

/** The optional groups, collapsed unless the vector sets one of their metrics. */
const optionalGroups: readonly { group: CvssMetricGroup; title: string }[] = [
  { group: 'Threat', title: 'Threat metrics' },
  { group: 'Environmental', title: 'Environmental metrics' },
  { group: 'Supplemental', title: 'Supplemental metrics' },
];

export function CvssCalculator({
  vector,
  name = 'cvss',
  compute = true,
  syncAddress = false,
}: CvssCalculatorProps) {
  const state = calculatorState(vector ?? '');
  const fields = calculatorFields(name);
  const message = state.kind === 'scored' ? (state.note ?? '') : state.message;
  return (
    <div class="cvss-calculator" data-cvss-calculator={name} data-cvss-address={syncAddress ? '' : undefined}>
      <div class="cvss-head">
        <div class="cvss-vector">
          <label for={fields.vector}>CVSS vector</label>
          <input
            type="text"
            id={fields.vector}
            name={fields.vector}
            value={state.vector}
            placeholder="CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"
            spellcheck={false}
            autocomplete="off"
            autocapitalize="off"
            aria-invalid={state.kind === 'invalid' ? 'true' : undefined}
            aria-describedby={`${fields.vector}-message`}
            data-cvss-vector
          />
          <input type="hidden" name={fields.shown} value={state.vector} />
        </div>
        <ScoreBadge state={state} />
      </div>
      <p
        id={`${fields.vector}-message`}
        class={`cvss-message${state.kind === 'invalid' ? ' invalid' : ''}`}
        aria-live="polite"
        data-cvss-message
      >
        {message}
      </p>
      <div class="cvss-base">
        {sectionsOf('Base').map((section) => (
          <fieldset class="cvss-section">
            <legend>{section.name}</legend>
            {section.metrics.map((metric) => (
              <MetricRadios metric={metric} name={name} picks={state.picks} />
            ))}
          </fieldset>
        ))}
      </div>
      {optionalGroups.map(({ group, title }) => {
        const defined = definedIn(group, state.picks);
        return (
          <details class="cvss-more" open={defined !== ''} data-cvss-group={group}>
            <summary>
              {title} <span class="cvss-defined">{defined === '' ? 'not set' : defined}</span>
            </summary>
            <div class="cvss-more-body">
              {sectionsOf(group).map((section) =>
                section.name === group ? (
                  section.metrics.map((metric) => (
                    <MetricRadios metric={metric} name={name} picks={state.picks} />
                  ))
                ) : (
                  <fieldset class="cvss-section">
                    <legend>{section.name}</legend>
                    {section.metrics.map((metric) => (
                      <MetricRadios metric={metric} name={name} picks={state.picks} />
                    ))}
                  </fieldset>
                ),
              )}
            </div>
          </details>
        );
      })}
      {compute ? (
        <p class="cvss-compute" data-cvss-compute>
          <button type="submit" name={fields.compute} value="1">
            Compute
          </button>
          <span class="hint">Scores the metrics picked above, or the vector if you edited it.</span>
        </p>
      ) : null}
      <script type="module" src="/static/cvss.js"></script>
    </div>
  );
}

function ScoreBadge({ state }: { state: CalculatorState }) {
  const scored = state.kind === 'scored';
  const severity = scored ? state.score.severity : null;
  return (
    <output class={`cvss-score severity-${severity?.toLowerCase() ?? 'unknown'}`} data-cvss-score>
      <span class="score">{scored ? state.score.score.toFixed(1) : '—'}</span>
      <span class="severity">{severity ?? 'No score'}</span>
      <span class="nomenclature">{scored ? state.nomenclature : ''}</span>
    </output>
  );
}

function MetricRadios({ metric, name, picks }: { metric: CvssMetric; name: string; picks: Picks }) {
  const field = calculatorFields(name).metric(metric.key);
  // An optional metric left out of the vector is Not Defined; a base metric left out is unpicked.
  const picked = picks.get(metric.key) ?? (metric.mandatory ? undefined : 'X');
  return (
    <fieldset class="cvss-metric" data-metric={metric.key}>
      <legend>
        {metric.name} <span class="key">({metric.key})</span>
      </legend>
      <div class="cvss-values">
        {metric.values.map((value) => (
          <>
            <input
              type="radio"
              id={`${field}-${value.code}`}
              name={field}
              value={value.code}
              checked={value.code === picked}
            />
            <label for={`${field}-${value.code}`} title={`${metric.key}:${value.code}`}>
              {value.name}
            </label>
          </>
        ))}
      </div>
    </fieldset>
  );
}

/** A group's metrics by section, in specification order. */
function sectionsOf(group: CvssMetricGroup): { name: string; metrics: CvssMetric[] }[] {
  const sections: { name: string; metrics: CvssMetric[] }[] = [];
  for (const metric of cvssV4Metrics.filter((m) => m.group === group)) {
    const last = sections.at(-1);
    if (last?.name === metric.section) last.metrics.push(metric);
    else sections.push({ name: metric.section, metrics: [metric] });
  }
  return sections;
}
