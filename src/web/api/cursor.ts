// Cursor pagination: the client passes back the opaque `next` it was given,
// which names the last report of the page (its disclosure deadline and id:
// the listing's order), so the next page is an index seek, however deep.
import { UseCaseError } from '../../app/errors.ts';
import { disclosureDeadline } from '../../domain/clocks.ts';
import type { Report } from '../../domain/report.ts';

export interface ReportCursor {
  deadline: Date;
  id: string;
}

export function cursorAfter(report: Report): string {
  return Buffer.from(JSON.stringify({ d: disclosureDeadline(report).toISOString(), i: report.id })).toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string | undefined): ReportCursor | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const { d, i } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      d?: unknown;
      i?: unknown;
    };
    const deadline = typeof d === 'string' ? new Date(d) : null;
    if (deadline && !Number.isNaN(deadline.getTime()) && typeof i === 'string' && i.length <= 100)
      return { deadline, id: i };
  } catch {
    // falls through to the error below
  }
  throw new UseCaseError(
    'invalid',
    'The cursor is not one psrt gave: pass back the `next` of the previous page.',
  );
}
