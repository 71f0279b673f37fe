// What reading one published record (an OSV file of the PSF advisory database
// or a CVE record) yields: the facts of a published report (domain/history),
// or every problem in the file, each at its JSON path.
import type { ImportedAdvisory } from '../domain/history.ts';

export type { ImportedAdvisory };

/** One problem in a file: the JSON path (`/affected/0/ranges/0/repo`) and what is wrong there. */
export interface RecordProblem {
  path: string;
  message: string;
}

export type ReadResult = { ok: true; advisory: ImportedAdvisory } | { ok: false; problems: RecordProblem[] };
