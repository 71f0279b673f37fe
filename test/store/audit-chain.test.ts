import { describe, expect, it } from 'vitest';
import {
  type AuditEvent,
  canonicalJson,
  chainEvent,
  digestOf,
  genesisHash,
  hashEvent,
  verifyChain,
} from '../../src/domain/audit.ts';

function chain(length: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (let i = 1; i <= length; i++) {
    events.push(
      chainEvent(events.at(-1) ?? null, {
        actor: i % 2 ? 'alice' : 'bob',
        action: 'report.edit',
        subject: `PSRT-2026-${String(i).padStart(4, '0')}`,
        at: new Date(Date.UTC(2026, 2, 1, 0, i)),
        change: { title: { from: `t${i - 1}`, to: `t${i}` } },
      }),
    );
  }
  return events;
}

describe('canonical JSON', () => {
  it('is the same text whatever the key order, and drops undefined members like JSON does', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, undefined], c: 'x' }, e: undefined })).toBe(
      '{"a":{"c":"x","d":[1,null]},"b":1}',
    );
    expect(canonicalJson({ a: { c: 'x', d: [1, null] }, b: 1 })).toBe(
      canonicalJson({ b: 1, a: { d: [1, null], c: 'x' } }),
    );
  });

  it('writes dates as ISO text and an absent change as null', () => {
    expect(canonicalJson({ at: new Date('2026-03-01T00:00:00Z') })).toBe('{"at":"2026-03-01T00:00:00.000Z"}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(digestOf(undefined)).toBe(digestOf(null));
  });
});

describe('the audit hash chain', () => {
  it('starts from the genesis hash and links each event to the one before', () => {
    const events = chain(3);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[0]?.prevHash).toBe(genesisHash);
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect(verifyChain(events)).toEqual({ ok: true, count: 3, lastSeq: 3, lastHash: events[2]?.hash });
  });

  it('an empty log verifies', () => {
    expect(verifyChain([])).toEqual({ ok: true, count: 0, lastSeq: 0, lastHash: genesisHash });
  });

  it('a hash covers every field: changing any one changes it', () => {
    const base = {
      seq: 1,
      prevHash: genesisHash,
      actor: 'a',
      action: 'b',
      subject: 'c',
      at: new Date(0),
      digest: 'd',
    };
    const variants = [
      { seq: 2 },
      { prevHash: 'x' },
      { actor: 'z' },
      { action: 'z' },
      { subject: 'z' },
      { at: new Date(1) },
      { digest: 'z' },
    ];
    const hashes = new Set([hashEvent(base), ...variants.map((v) => hashEvent({ ...base, ...v }))]);
    expect(hashes.size).toBe(variants.length + 1);
  });

  it('editing a field is reported as an edit of that event', () => {
    const events = chain(8);
    events[4] = { ...events[4], actor: 'mallory' } as AuditEvent;
    expect(verifyChain(events)).toMatchObject({
      ok: false,
      count: 4,
      firstBad: { seq: 5, reason: 'edited' },
    });
  });

  it('swapping two events is reported as a reordering', () => {
    const events = chain(8);
    const [fifth, sixth] = [events[4] as AuditEvent, events[5] as AuditEvent];
    events[4] = { ...sixth, seq: 5 };
    events[5] = { ...fifth, seq: 6 };
    expect(verifyChain(events)).toMatchObject({ ok: false, firstBad: { seq: 5, reason: 'reordered' } });
  });

  it('a problem in the very last event is still classified', () => {
    const events = chain(3);
    events[2] = { ...events[2], subject: 'elsewhere' } as AuditEvent;
    expect(verifyChain(events)).toMatchObject({ ok: false, firstBad: { seq: 3, reason: 'edited' } });
  });
});
