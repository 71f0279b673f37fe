// The Members page's roster files: the devguide's CSVs to download (public, as
// the devguide publishes them), and for admins a form to replace one list from
// its CSV text, the same use-case as `psrt roster import`.
import type { RosterList } from '../../domain/report.ts';
import { PostForm } from './forms.tsx';

/** The devguide's file name of each list: what the downloads are called and imports are named after. */
export const rosterFiles: Record<RosterList, string> = {
  member: 'psrt.csv',
  emeritus: 'psrt-emeritus.csv',
};

export function RosterFiles({ canImport }: { canImport: boolean }) {
  return (
    <section aria-label="Roster files" data-section="roster-files">
      <h2>Roster files</h2>
      <p>
        The lists in the devguide's format (<code>Name,GitHub username,Notes</code>), byte for byte as
        imported: <a href={`/members/${rosterFiles.member}`}>{rosterFiles.member}</a> (members) and{' '}
        <a href={`/members/${rosterFiles.emeritus}`}>{rosterFiles.emeritus}</a> (emeritus).
      </p>
      {canImport ? (
        <PostForm action="/members/roster" class="stack">
          <h3>Import a list</h3>
          <p class="muted">
            Replaces the whole list with the file's people, in one step: a file with a problem changes
            nothing, and the member list always keeps at least two admins.
          </p>
          <label>
            List
            <select name="list">
              <option value="member">Members ({rosterFiles.member})</option>
              <option value="emeritus">Emeritus ({rosterFiles.emeritus})</option>
            </select>
          </label>
          <label>
            The file's text
            <textarea name="csv" rows={12} spellcheck={false} />
          </label>
          <label class="check-label">
            <input type="checkbox" name="allowEmpty" value="yes" /> An empty file may empty the list
          </label>
          <button type="submit">Import</button>
        </PostForm>
      ) : null}
    </section>
  );
}
