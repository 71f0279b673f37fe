import { expect, it } from 'vitest';
import { parseAuditHead, verifyAudit } from '../../src/app/audit.ts';
import type { AppContext } from '../../src/app/context.ts';
import { UseCaseError } from '../../src/app/errors.ts';
import { createLogger } from '../../src/config/logger.ts';
import type { Principal } from '../../src/domain/report.ts';
import { appendAudit } from '../../src/store/index.ts';
import { forEachEngine } from '../support/engines.ts';

const admin: Principal = { kind: 'user', login: 'warsaw', member: true, roles: ['Admin'] };
const member: Principal = { kind: 'user', login: 'gpshead', member: true, roles: [] };

forEachEngine('audit verify with a recorded head', ({ store }) => {
  const ctx = (): AppContext => ({
    store: store(),
    now: () => new Date('2026-03-01T00:00:00Z'),
    log: createLogger('silent'),
  });

  async function appendEvents(n: number) {
    await store().transaction(async (tx) => {
      for (let i = 0; i < n; i++) {
        await appendAudit(tx, {
          actor: 'warsaw',
          action: 'test.event',
          subject: `S-${i}`,
          at: new Date(),
          change: { i },
        });
      }
    });
  }

  it('an intact log matches the head recorded earlier, and grows past it', async () => {
    await appendEvents(3);
    const first = await verifyAudit(ctx(), admin);
    if (!first.ok) throw new Error('expected an intact log');
    await appendEvents(2);
    const later = await verifyAudit(ctx(), admin, {
      expectHead: { seq: first.lastSeq, hash: first.lastHash },
    });
    expect(later).toMatchObject({ ok: true, count: 5 });
  });

  it('cutting events off the end is detected against the recorded head', async () => {
    await appendEvents(4);
    const head = await verifyAudit(ctx(), admin);
    if (!head.ok) throw new Error('expected an intact log');
    await store().db.execute('delete from audit_events where seq >= 3');
    expect(await verifyAudit(ctx(), admin)).toMatchObject({ ok: true, count: 2 });
    const checked = await verifyAudit(ctx(), admin, {
      expectHead: { seq: head.lastSeq, hash: head.lastHash },
    });
    expect(checked).toMatchObject({ ok: false, firstBad: { seq: 3, reason: 'truncated' } });
  });

  it('a tail rewritten with valid hashes is detected against the recorded head', async () => {
    await appendEvents(3);
    const head = await verifyAudit(ctx(), admin);
    if (!head.ok) throw new Error('expected an intact log');
    await store().db.execute('delete from audit_events where seq = 3');
    await appendEvents(1); // a forged event 3, correctly chained
    expect((await verifyAudit(ctx(), admin)).ok).toBe(true);
    const checked = await verifyAudit(ctx(), admin, {
      expectHead: { seq: head.lastSeq, hash: head.lastHash },
    });
    expect(checked).toMatchObject({ ok: false, firstBad: { seq: 3, reason: 'rewritten' } });
  });

  it('only admins may verify the audit log', async () => {
    await expect(verifyAudit(ctx(), member)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

it('an audit head is read as SEQ:HASH, and anything else is refused with what to pass', () => {
  expect(parseAuditHead(`12:${'a'.repeat(64)}`)).toEqual({ seq: 12, hash: 'a'.repeat(64) });
  expect(() => parseAuditHead('12')).toThrow(UseCaseError);
  expect(() => parseAuditHead('12')).toThrow(/SEQ:HASH/);
});
