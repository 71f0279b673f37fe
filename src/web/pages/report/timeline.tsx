// The report's timeline, newest first: what people and psrt did, the GHSA comments psrt answered,
// and (for members) each effect psrt performs outside with where it stands.
import type { TimelineEntry } from '../../../app/timeline.ts';
import { Card, When } from './parts.tsx';

const statusWords: Record<string, string> = {
  pending: 'waiting',
  claimed: 'in progress',
  done: 'done',
  failed: 'failed',
};

function EffectStatus({ effect }: { effect: NonNullable<TimelineEntry['effect']> }) {
  return (
    <span class={`effect-status ${effect.status}`}>
      {statusWords[effect.status] ?? effect.status}
      {effect.status !== 'done' && effect.attempts > 0
        ? ` after ${effect.attempts} attempt${effect.attempts === 1 ? '' : 's'}`
        : ''}
    </span>
  );
}

export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <Card title="Timeline" id="timeline">
      {entries.length === 0 ? (
        <p class="muted">Nothing yet.</p>
      ) : (
        <ol class="timeline">
          {entries.map((entry) => (
            <li class={`entry ${entry.source}`} data-source={entry.source}>
              <When at={entry.at} />
              <div class="what">
                <span class="who">{entry.who}</span>
                {entry.source === 'effect' ? <span class="tag">effect</span> : null} {entry.what}
                {entry.effect ? (
                  <>
                    {' '}
                    <EffectStatus effect={entry.effect} />
                  </>
                ) : null}
                {entry.effect?.status === 'failed' && entry.effect.lastError ? (
                  <span class="error">{entry.effect.lastError}</span>
                ) : null}
                {entry.text ? <div class="text">{entry.text}</div> : null}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
