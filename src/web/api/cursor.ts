// Cursor pagination: the client passes back the opaque `next` it was given.
// A cursor names where the next page starts; it carries no report data.
import { UseCaseError } from '../../app/errors.ts';

export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  try {
    const { o } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof o === 'number' && Number.isSafeInteger(o) && o >= 0) return o;
  } catch {
    // falls through to the error below
  }
  throw new UseCaseError(
    'invalid',
    'The cursor is not one psrt gave: pass back the `next` of the previous page.',
  );
}
