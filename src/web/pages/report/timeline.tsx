// The report's timeline, newest first: what people and psrt did, the GHSA comments psrt answered,
// and (for members) each effect psrt performs outside with where it stands.
import type { TimelineEntry } from '../../../app/timeline.ts';
import { effectStatusWords } from '../../../app/timeline-words.ts';
import { Card, When } from './parts.tsx';

function EffectStatus({ effect }: { effect: NonNullable<TimelineEntry['effect']> }) {
  return <span class={`effect-status ${effect.status}`}>{effectStatusWords(effect)}</span>;
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
                {entry.source === 'effect' || entry.source === 'mail' ? (
                  <span class="tag">{entry.source}</span>
                ) : null}{' '}
                {entry.what}
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
