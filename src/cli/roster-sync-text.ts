// How `psrt roster drift` and `psrt roster sync github` print: per venue, what
// differs from the member list, what is on its way, and what the plan does.
import type { RosterDrift, TargetProblem, TeamDrift, VenueDrift } from '../domain/roster-drift.ts';
import { terminalText } from './terminal.ts';

const isProblem = (target: object): target is TargetProblem => 'problem' in target;
const at = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The GitHub team's plan, line by line. */
export function teamText(team: TeamDrift | TargetProblem): string {
  if (isProblem(team)) return `GitHub team: not read (${terminalText(team.problem)})`;
  const lines = [`GitHub team ${team.team}:`];
  for (const p of team.add)
    lines.push(`  add     @${p.login} (${terminalText(p.name)}): a PSRT member not on the team`);
  for (const p of team.remove) lines.push(`  remove  @${p.login}: on the team but not a PSRT member`);
  for (const p of team.invited)
    lines.push(
      `  invited @${p.login} (${terminalText(p.name)}) on ${at(p.invitedAt)}: waiting for them to accept`,
    );
  for (const c of team.onItsWay)
    lines.push(`  on its way: @${c.login} (${c.kind}), decided in psrt, not applied yet`);
  if (team.add.length + team.remove.length === 0) lines.push('  in sync with the member list');
  return lines.join('\n');
}

function venueText(venue: VenueDrift): string {
  const [name, add, remove] =
    venue.venue === 'mailing-list'
      ? ['Mailing list', 'subscribe', 'unsubscribe']
      : ['Discord role', 'grant', 'revoke'];
  const basis =
    venue.basis.kind === 'given'
      ? 'against the list given'
      : venue.basis.kind === 'last-applied'
        ? `against the plan marked applied ${at(venue.basis.at)} by ${venue.basis.by}`
        : 'nothing known of it yet: give --current FILE';
  const lines = [`${name}, ${basis}:`];
  for (const a of venue.add) lines.push(`  ${add.padEnd(11)} ${terminalText(a.value)} (@${a.login})`);
  for (const r of venue.remove)
    lines.push(`  ${remove.padEnd(11)} ${terminalText(r.value)}${r.login ? ` (@${r.login})` : ''}`);
  for (const c of venue.onItsWay) lines.push(`  on its way: @${c.login} (${c.kind})`);
  if (venue.missing.length > 0)
    lines.push(
      `  not known for ${venue.missing.length} member${venue.missing.length === 1 ? '' : 's'}: ${venue.missing.map((p) => `@${p.login}`).join(', ')} (psrt roster contact LOGIN)`,
    );
  if (venue.add.length + venue.remove.length === 0) lines.push('  nothing to change');
  return lines.join('\n');
}

/** The devguide's files against psrt's export: the same, or a line diff. */
export function devguideText(devguide: RosterDrift['devguide']): string {
  if (isProblem(devguide)) return `Devguide CSVs: not read (${terminalText(devguide.problem)})`;
  return devguide
    .map((file) =>
      file.same
        ? `Devguide ${file.path}: the same as psrt's export, byte for byte`
        : `Devguide ${file.path}: differs from psrt's export${file.published === null ? ' (not published)' : ''}:\n${terminalText(file.diff, { multiline: true }).trimEnd()}`,
    )
    .join('\n');
}

export function driftText(drift: RosterDrift): string {
  return [
    teamText(drift.team),
    venueText(drift.mailingList),
    venueText(drift.discord),
    devguideText(drift.devguide),
  ].join('\n\n');
}

export { venueText };
