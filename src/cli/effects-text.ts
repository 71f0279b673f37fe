// How effects read on the terminal: one row each, with their outcome.
import type { EffectView } from '../app/effects/manage.ts';
import { isoDate } from '../app/wording.ts';
import { table } from './runtime.ts';

/** One line per effect: when, what, for which report, how it went. */
export function effectsTable(effects: readonly EffectView[]): string {
  return table(
    ['ID', 'KIND', 'REPORT', 'STATUS', 'ATTEMPTS', 'WHEN', 'LAST ERROR'],
    effects.map((effect) => [
      String(effect.id),
      effect.kind,
      effect.reportId ?? '',
      effect.status,
      `${effect.attempts}/${effect.maxAttempts}`,
      isoDate(effect.completedAt ?? effect.nextAttemptAt),
      effect.status === 'done' ? '' : (effect.lastError ?? ''),
    ]),
  );
}
