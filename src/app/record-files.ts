// Published records read from disk for import: every `.json` file under a
// folder (or one file), in a stable order, each parsed, checked against its
// format's official schema, then read into facts. A file that fails says which
// file and where in it, and never stops the files after it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readCveRecord } from '../records/cve-read.ts';
import type { ReadResult, RecordProblem } from '../records/imported.ts';
import { readOsvRecord } from '../records/osv.ts';
import { validateCveRecord, validateOsvRecord } from '../records/validation.ts';

export interface RecordFile {
  /** The file, relative to the folder given (or as given). */
  file: string;
  result: ReadResult;
}

/** Far above any real record (the largest PSF file is a few kB): a bigger file is not a record. */
export const MAX_RECORD_BYTES = 1_000_000;

/** The `.json` files at `path` (a file, or a folder searched recursively), sorted as people number them. */
export function recordFiles(path: string): string[] {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) throw new Error(`${path} does not exist.`);
  if (stat.isFile()) return [path];
  const collator = new Intl.Collator('en', { numeric: true });
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort(collator.compare);
}

interface Reader {
  validate: (record: unknown) => RecordProblem[];
  read: (record: unknown) => ReadResult;
}

const readers = {
  osv: { validate: validateOsvRecord, read: readOsvRecord },
  cve: { validate: validateCveRecord, read: readCveRecord },
} satisfies Record<string, Reader>;

export type RecordFormat = keyof typeof readers;
export const recordFormats = Object.keys(readers) as RecordFormat[];

/** A file's JSON, or why it is not a record: too large, or not JSON. */
export type LoadedFile = { file: string; record: unknown } | { file: string; problems: RecordProblem[] };

/** Reads one file's JSON (the name it goes by: relative to `root` when given). */
export function loadRecordFile(file: string, root = ''): LoadedFile {
  const name = root ? relative(root, file) || file : file;
  const failed = (message: string): LoadedFile => ({ file: name, problems: [{ path: '', message }] });
  const size = statSync(file).size;
  if (size > MAX_RECORD_BYTES) return failed(`is ${size} bytes; a record is at most ${MAX_RECORD_BYTES}`);
  try {
    return { file: name, record: JSON.parse(readFileSync(file, 'utf8')) };
  } catch (error) {
    return failed(`is not JSON (${(error as Error).message})`);
  }
}

/** Reads one file as a record of `format`. */
export function readRecordFile(format: RecordFormat, file: string, root = ''): RecordFile {
  const loaded = loadRecordFile(file, root);
  if ('problems' in loaded) return { file: loaded.file, result: { ok: false, problems: loaded.problems } };
  return { file: loaded.file, result: readRecord(format, loaded.record) };
}

/** Reads one parsed record of `format`: checked against its official schema, then read into facts. */
export function readRecord(format: RecordFormat, record: unknown): ReadResult {
  const { validate, read } = readers[format];
  const problems = validate(record);
  if (problems.length > 0) return { ok: false, problems };
  return read(record);
}
