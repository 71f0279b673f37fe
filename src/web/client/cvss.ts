// Makes every CVSS calculator on the page live (served as /static/cvss.js, bundled by esbuild):
// picking a metric rewrites the vector and its score, typing or pasting a vector sets the
// metrics. It scores with the server's own code (src/domain/cvss.ts over ae-cvss-calculator).
import { cvssV4Metrics } from '../../domain/cvss.ts';
import {
  type CalculatorState,
  calculatorFields,
  calculatorState,
  definedIn,
  vectorFromPicks,
} from '../cvss-picker.ts';

function enhance(root: HTMLElement): void {
  const fields = calculatorFields(root.dataset.cvssCalculator ?? 'cvss');
  const vectorInput = root.querySelector<HTMLInputElement>('input[data-cvss-vector]');
  const message = root.querySelector<HTMLElement>('[data-cvss-message]');
  const badge = root.querySelector<HTMLElement>('[data-cvss-score]');
  if (!vectorInput || !message || !badge) return;
  const radiosOf = new Map(
    cvssV4Metrics.map((metric) => [
      metric,
      [
        ...root.querySelectorAll<HTMLInputElement>(
          `input[type="radio"][name="${CSS.escape(fields.metric(metric.key))}"]`,
        ),
      ],
    ]),
  );
  // Everything updates as it changes: the Compute button is for browsers without JavaScript.
  root.querySelector<HTMLElement>('[data-cvss-compute]')?.setAttribute('hidden', '');

  const checkedPicks = (): Map<string, string> => {
    const picks = new Map<string, string>();
    for (const [metric, radios] of radiosOf) {
      const checked = radios.find((radio) => radio.checked);
      if (checked) picks.set(metric.key, checked.value);
    }
    return picks;
  };

  const setRadios = (state: CalculatorState): void => {
    for (const [metric, radios] of radiosOf) {
      const picked = state.picks.get(metric.key) ?? (metric.mandatory ? undefined : 'X');
      for (const radio of radios) radio.checked = radio.value === picked;
    }
  };

  const show = (state: CalculatorState): void => {
    const scored = state.kind === 'scored';
    const severity = scored ? state.score.severity : null;
    badge.className = `cvss-score severity-${severity?.toLowerCase() ?? 'unknown'}`;
    setText(badge, '.score', scored ? state.score.score.toFixed(1) : '—');
    setText(badge, '.severity', severity ?? 'No score');
    setText(badge, '.nomenclature', scored ? state.nomenclature : '');
    message.textContent = scored ? (state.note ?? '') : state.message;
    message.classList.toggle('invalid', state.kind === 'invalid');
    if (state.kind === 'invalid') vectorInput.setAttribute('aria-invalid', 'true');
    else vectorInput.removeAttribute('aria-invalid');
    for (const details of root.querySelectorAll<HTMLDetailsElement>('details[data-cvss-group]')) {
      const group = details.dataset.cvssGroup as Parameters<typeof definedIn>[0];
      const defined = definedIn(group, state.picks);
      setText(details, '.cvss-defined', defined === '' ? 'not set' : defined);
      // Shows what the vector sets; never hides what the reader opened.
      if (defined !== '') details.open = true;
    }
    if (root.dataset.cvssAddress !== undefined) {
      const address = new URL(window.location.href);
      address.search =
        state.vector === '' ? '' : `?${new URLSearchParams({ [fields.vector]: state.vector })}`;
      window.history.replaceState(null, '', address);
    }
  };

  root.addEventListener('change', (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && target.type === 'radio') {
      vectorInput.value = vectorFromPicks(checkedPicks());
      show(calculatorState(vectorInput.value));
    } else if (target === vectorInput) {
      // Leaving the field: a valid vector is shown normalized, as it will be stored.
      const state = calculatorState(vectorInput.value);
      if (state.kind === 'scored') vectorInput.value = state.vector;
    }
  });

  vectorInput.addEventListener('input', () => {
    const state = calculatorState(vectorInput.value);
    setRadios(state);
    show(state);
  });
}

function setText(parent: HTMLElement, selector: string, text: string): void {
  const element = parent.querySelector(selector);
  if (element) element.textContent = text;
}

for (const root of document.querySelectorAll<HTMLElement>('[data-cvss-calculator]')) enhance(root);
