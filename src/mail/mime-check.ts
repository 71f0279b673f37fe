// What is wrong with a message's MIME structure, in words an admin understands.
// mailparser reads broken mail leniently and says nothing; this walk over the
// raw bytes (no copies) finds what it glossed over so the inbox can say the
// message was not read in full. Problems never quote the message's content.

/** The problem of a message without headers (then nothing else in it is MIME). */
export const noHeaders = 'The message has no headers, so its sender, subject and date are unknown.';
const noBoundary = 'A multipart section names no boundary, so its parts could not be told apart.';
const boundaryMissing = 'A multipart section never uses its boundary, so its parts could not be told apart.';
const notClosed =
  'A multipart section is not closed (its closing boundary is missing): the message may be cut off.';
const badBase64 =
  'A part encoded as base64 holds characters base64 does not use: it was decoded as far as possible.';
const tooDeep = 'The message nests parts deeper than psrt reads.';

/** Deeper nesting than any mail client produces is a hostile message. */
const maxDepth = 32;
const CR = 0x0d;
const LF = 0x0a;

/**
 * The problems found in a raw message's structure, each once; empty when it
 * is well-formed. A message without headers has only that problem.
 */
export function mimeProblems(buffer: Buffer): string[] {
  if (!hasHeaders(buffer)) return [noHeaders];
  const problems = new Set<string>();
  checkEntity(buffer, 0, problems);
  return [...problems];
}

/** Whether the first line is a header field (`Name: value`), as every message's is. */
export function hasHeaders(buffer: Buffer): boolean {
  const end = buffer.indexOf(LF);
  const line = buffer.subarray(0, end === -1 ? Math.min(buffer.length, 1000) : end).toString('latin1');
  return /^[!-9;-~]+[ \t]*:/.test(line);
}

function checkEntity(entity: Buffer, depth: number, problems: Set<string>): void {
  if (depth > maxDepth) {
    problems.add(tooDeep);
    return;
  }
  const { headers, body } = splitEntity(entity);
  const contentType = headers.get('content-type') ?? '';
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (type.startsWith('multipart/')) {
    checkMultipart(contentType, body, depth, problems);
  } else if (type === 'message/rfc822') {
    checkEntity(body, depth + 1, problems);
  } else if ((headers.get('content-transfer-encoding') ?? '').trim().toLowerCase() === 'base64') {
    if (!isBase64(body)) problems.add(badBase64);
  }
}

function checkMultipart(contentType: string, body: Buffer, depth: number, problems: Set<string>): void {
  const boundary = /(?:^|;)\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(contentType);
  const name = boundary?.[1] ?? boundary?.[2];
  if (!name) {
    problems.add(noBoundary);
    return;
  }
  const delimiter = Buffer.from(`--${name}`, 'latin1');
  const starts: number[] = [];
  let closed = false;
  for (let at = body.indexOf(delimiter); at !== -1; at = body.indexOf(delimiter, at + delimiter.length)) {
    if (at !== 0 && body[at - 1] !== LF) continue;
    const after = at + delimiter.length;
    // `--b2` is not a delimiter of boundary `b`: only space, a line end or `--` may follow.
    if (!endsDelimiter(body, after)) continue;
    if (body[after] === 0x2d && body[after + 1] === 0x2d) {
      if (starts.length > 0) checkPart(body, starts, at, depth, problems);
      closed = true;
      break;
    }
    if (starts.length > 0) checkPart(body, starts, at, depth, problems);
    const lineEnd = body.indexOf(LF, after);
    starts.push(lineEnd === -1 ? body.length : lineEnd + 1);
  }
  if (starts.length === 0) problems.add(boundaryMissing);
  else if (!closed) {
    problems.add(notClosed);
    checkPart(body, starts, body.length, depth, problems);
  }
}

function endsDelimiter(body: Buffer, at: number): boolean {
  const next = body[at];
  return (
    next === undefined ||
    next === CR ||
    next === LF ||
    next === 0x20 ||
    next === 0x09 ||
    (next === 0x2d && body[at + 1] === 0x2d)
  );
}

/** Checks the part that began at the last of `starts` and ends where the next delimiter line begins. */
function checkPart(
  body: Buffer,
  starts: number[],
  delimiterAt: number,
  depth: number,
  problems: Set<string>,
) {
  const start = starts[starts.length - 1] ?? 0;
  let end = delimiterAt;
  // The line break before a delimiter belongs to the delimiter.
  if (end > start && body[end - 1] === LF) end--;
  if (end > start && body[end - 1] === CR) end--;
  checkEntity(body.subarray(start, Math.max(start, end)), depth + 1, problems);
}

/** An entity's headers (the two psrt checks, unfolded) and its body. */
function splitEntity(entity: Buffer): { headers: Map<string, string>; body: Buffer } {
  let headerEnd = -1;
  let bodyStart = 0;
  if (entity[0] === LF || (entity[0] === CR && entity[1] === LF)) {
    // No headers: the part's body starts after the empty line.
    bodyStart = entity[0] === LF ? 1 : 2;
    headerEnd = 0;
  } else {
    const crlf = entity.indexOf('\r\n\r\n');
    const lf = entity.indexOf('\n\n');
    if (crlf !== -1 && (lf === -1 || crlf < lf)) [headerEnd, bodyStart] = [crlf, crlf + 4];
    else if (lf !== -1) [headerEnd, bodyStart] = [lf, lf + 2];
    else [headerEnd, bodyStart] = [entity.length, entity.length];
  }
  const headers = new Map<string, string>();
  const block = entity
    .subarray(0, headerEnd)
    .toString('latin1')
    .replace(/\r?\n[ \t]+/g, ' ');
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    if ((key === 'content-type' || key === 'content-transfer-encoding') && !headers.has(key)) {
      headers.set(key, line.slice(colon + 1).trim());
    }
  }
  return { headers, body: entity.subarray(bodyStart) };
}

/** Which bytes base64 text may hold: its alphabet, padding and line breaks or spaces. */
const base64Bytes = new Uint8Array(256);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \t\r\n') {
  base64Bytes[char.charCodeAt(0)] = 1;
}

function isBase64(body: Buffer): boolean {
  for (let i = 0; i < body.length; i++) {
    if (base64Bytes[body[i] as number] === 0) return false;
  }
  return true;
}
