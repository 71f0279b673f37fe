// The audit log's hash chain as pure computation: canonical JSON, the digest
// of a change, an event's hash, and verification that names the first event
// that was edited, deleted, reordered or inserted. Storage lives in store/audit.
import { sha256 } from './digest.ts';

/** What a use-case records: who did what to which subject, when, and what changed. */
export interface AuditEntry {
  actor: string;
  action: string;
  /** What was acted on, e.g. a report id or `roster`. */
  subject: string;
  at: Date;
  /** Any JSON value; the chain covers its digest. */
  change: unknown;
}

export interface AuditEvent extends AuditEntry {
  /** 1, 2, 3, … without gaps. */
  seq: number;
  /** sha256 of the canonical JSON of `change`. */
  digest: string;
  /** `hash` of the previous event; `genesisHash` for the first. */
  prevHash: string;
  hash: string;
}

/** An event as read back for verification: `at` may be the exact ISO text the database holds. */
export type ChainEvent = Omit<AuditEvent, 'at'> & { at: Date | string };

export type ChainProblem = 'edited' | 'deleted' | 'reordered' | 'inserted';

export type ChainVerdict =
  | { ok: true; count: number; lastSeq: number; lastHash: string }
  | { ok: false; count: number; firstBad: { seq: number; reason: ChainProblem; detail: string } };

export const genesisHash = '0'.repeat(64);

/** Bumped if the encoding below ever changes, so old and new events stay verifiable. */
const hashVersion = 'psrt-audit-v1';

/**
 * JSON with object keys sorted (by UTF-16 code units) and no whitespace: the
 * same value always gives the same text (RFC 8785 for JSON values). `toJSON`
 * is honoured, so Dates become ISO strings; `undefined` members are dropped.
 */
export function canonicalJson(value: unknown): string {
  return encode(value) ?? 'null';
}

function encode(input: unknown): string | undefined {
  const value =
    input !== null &&
    typeof input === 'object' &&
    typeof (input as { toJSON?: unknown }).toJSON === 'function'
      ? (input as { toJSON(): unknown }).toJSON()
      : input;
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'bigint':
      throw new TypeError('An audit change cannot hold a bigint; convert it to a string.');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (Array.isArray(value)) return `[${value.map((item) => encode(item) ?? 'null').join(',')}]`;
  const members: string[] = [];
  for (const key of Object.keys(value as object).sort()) {
    const encoded = encode((value as Record<string, unknown>)[key]);
    if (encoded !== undefined) members.push(`${JSON.stringify(key)}:${encoded}`);
  }
  return `{${members.join(',')}}`;
}

export const digestOf = (change: unknown): string => sha256(canonicalJson(change));

const isoOf = (at: Date | string): string => (typeof at === 'string' ? at : at.toISOString());

/** The hash of one event: covers its place (seq, prevHash), its fields and the digest of its change. */
export function hashEvent(event: {
  seq: number;
  prevHash: string;
  actor: string;
  action: string;
  subject: string;
  at: Date | string;
  digest: string;
}): string {
  const { seq, prevHash, actor, action, subject, at, digest } = event;
  return sha256(
    canonicalJson([hashVersion, String(seq), prevHash, actor, action, subject, isoOf(at), digest]),
  );
}

/** The event that follows `previous` (or starts the chain). */
export function chainEvent(previous: { seq: number; hash: string } | null, entry: AuditEntry): AuditEvent {
  const seq = previous ? previous.seq + 1 : 1;
  const prevHash = previous ? previous.hash : genesisHash;
  const digest = digestOf(entry.change);
  return { ...entry, seq, prevHash, digest, hash: hashEvent({ ...entry, seq, prevHash, digest }) };
}

export interface ChainVerifier {
  /** Feed events in seq order; returns a verdict as soon as a problem is understood. */
  push(event: ChainEvent): ChainVerdict | undefined;
  end(): ChainVerdict;
}

/**
 * Verifies a chain fed one event at a time, so a long log streams through in
 * constant memory. After the first broken link it reads up to `lookahead`
 * more events to tell an edit from a deletion, a move or an insertion.
 * Removing the newest events leaves a valid shorter chain: compare `lastSeq`
 * and `lastHash` with a copy kept elsewhere to detect that.
 */
export function createChainVerifier(
  options: { lookahead?: number; searchWindow?: number } = {},
): ChainVerifier {
  const lookahead = options.lookahead ?? 1000;
  const searchWindow = options.searchWindow ?? 1000;
  let expectedSeq = 1;
  let prev = genesisHash;
  let prevPrev: string | null = null;
  let suspect: ChainEvent | null = null;
  const ahead: ChainEvent[] = [];
  let verdict: ChainVerdict | undefined;

  const digestOk = (e: ChainEvent) => digestOf(e.change) === e.digest;
  const hashOkAt = (e: ChainEvent, seq: number) => hashEvent({ ...e, seq }) === e.hash;

  const bad = (seq: number, reason: ChainProblem, detail: string): ChainVerdict => ({
    ok: false,
    count: Math.max(0, seq - 1),
    firstBad: { seq, reason, detail },
  });

  /** The seq an intact event was written with, if it is not where it now stands. */
  const originalSeq = (e: ChainEvent, p: number): number | null => {
    if (!digestOk(e)) return null;
    for (let d = 1; d <= searchWindow; d++) {
      if (hashOkAt(e, p + d)) return p + d;
      if (p - d >= 1 && hashOkAt(e, p - d)) return p - d;
    }
    return null;
  };

  function classify(e: ChainEvent): ChainVerdict {
    const p = expectedSeq;
    const next = ahead[0];
    if (e.seq < p) return bad(e.seq, 'inserted', `two events carry seq ${e.seq}`);
    if (e.seq > p) {
      const missing = e.seq - p === 1 ? `event ${p} is` : `events ${p}–${e.seq - 1} are`;
      return bad(p, 'deleted', `${missing} missing: event ${e.seq} follows event ${p - 1}`);
    }
    const prevOk = e.prevHash === prev;
    if (!prevOk && p > 1 && e.prevHash === prevPrev) {
      return bad(
        p - 1,
        'inserted',
        `event ${p - 1} is not part of the chain: event ${p} links to event ${p - 2}`,
      );
    }
    const selfOk = digestOk(e) && hashOkAt(e, p);
    if (!selfOk) {
      const q = originalSeq(e, p);
      if (q !== null) {
        const predecessorFollows = ahead.some((later) => later.hash === e.prevHash);
        if (q > p && !predecessorFollows) {
          return bad(p, 'deleted', `event ${p} was deleted and later events renumbered (this one was ${q})`);
        }
        return bad(p, 'reordered', `the event at seq ${p} was written as seq ${q}`);
      }
    }
    if (prevOk) {
      if (next && next.prevHash === e.prevHash) {
        return bad(p, 'inserted', `event ${p} is not part of the chain: event ${p + 1} links past it`);
      }
      return bad(p, 'edited', editDetail(e, p));
    }
    if (next && next.prevHash === prev) {
      return bad(
        p,
        'inserted',
        `event ${p} is not part of the chain: event ${p + 1} links to event ${p - 1}`,
      );
    }
    if (selfOk && p > 1) {
      return bad(
        p - 1,
        'edited',
        `event ${p - 1} was rewritten and re-hashed: event ${p} was chained to another`,
      );
    }
    return bad(p, 'edited', `event ${p} does not link to event ${p - 1} and does not match its own hash`);
  }

  function editDetail(e: ChainEvent, p: number): string {
    if (!digestOk(e)) return `the change recorded in event ${p} no longer matches its digest`;
    return `event ${p} no longer matches its hash: its actor, action, subject, time or hash was changed`;
  }

  return {
    push(event) {
      if (verdict) return verdict;
      if (suspect) {
        ahead.push(event);
        if (ahead.length >= lookahead) verdict = classify(suspect);
        return verdict;
      }
      const intact =
        event.seq === expectedSeq && event.prevHash === prev && digestOk(event) && hashOkAt(event, event.seq);
      if (!intact) {
        suspect = event;
        return undefined;
      }
      prevPrev = prev;
      prev = event.hash;
      expectedSeq++;
      return undefined;
    },
    end() {
      if (!verdict && suspect) verdict = classify(suspect);
      return verdict ?? { ok: true, count: expectedSeq - 1, lastSeq: expectedSeq - 1, lastHash: prev };
    },
  };
}

/** Verifies a whole chain held in memory (or any iterable in seq order). */
export function verifyChain(events: Iterable<ChainEvent>): ChainVerdict {
  const verifier = createChainVerifier();
  for (const event of events) {
    const verdict = verifier.push(event);
    if (verdict) return verdict;
  }
  return verifier.end();
}
