// What the last scheduled drift check found, for the dashboard (admins): a
// line naming the venues that differ from the member list, linking the Sync page.
import type { DriftCheck } from '../../store/index.ts';
import { utcMinute } from './words.ts';

export function RosterDriftNotice({ check }: { check: DriftCheck | null }) {
  if (!check || check.drifts.length === 0) return null;
  return (
    <p class="flash" role="status" data-roster-drift={check.digest}>
      The {check.drifts.join(', ')} differ{check.drifts.length === 1 ? 's' : ''} from the PSRT member list
      (checked {utcMinute(check.checkedAt)}): see <a href="/members/sync">Keeping the venues in sync</a>.
    </p>
  );
}
