// Words the dashboard's pages share: times (UTC to the minute, or how long ago) and who acted.
import { isoDate } from '../../app/wording.ts';
import { DAY_MS } from '../../domain/time.ts';

export { utcMinute } from '../../app/wording.ts';

/** "today", "yesterday", "12 days ago", then the date. */
export function since(at: Date, now: Date): string {
  const days = Math.floor((now.getTime() - at.getTime()) / DAY_MS);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return days < 60 ? `${days} days ago` : isoDate(at);
}

/** What psrt's own actors (`system:NAME` in the audit log) are called. */
const systemActors: Record<string, string> = {
  bot: 'the bot',
  github: 'GitHub',
  'effect-runner': 'the effect runner',
  scheduler: 'the scheduler',
  setup: 'setup',
};

/** `system:scheduler` → "the scheduler"; a login stays as it is. */
export function actorWords(actor: string): string {
  if (!actor.startsWith('system:')) return actor;
  const name = actor.slice('system:'.length);
  return systemActors[name] ?? `psrt (${name})`;
}
