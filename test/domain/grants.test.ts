import { describe, expect, it } from 'vitest';
import { grantAccess, revokeAccess } from '../../src/domain/grants.ts';
import { makeReport } from './fixtures.ts';

const now = new Date('2026-03-10T09:00:00Z');
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);
const request = (login: string, id = `grant-${login}`) => ({
  id,
  login,
  reason: 'expert review',
  grantedBy: 'sethmlarson',
});

describe('collaborator grants, decided in the domain', () => {
  it('a grant on a report mirrored from GHSA adds the person to the GHSA; without a GHSA nothing leaves psrt', () => {
    const onGhsa = grantAccess(makeReport({ ghsaId: 'GHSA-2x3v-4w5c-6f7g' }), [], request('zip-expert'), now);
    expect(onGhsa.effects).toEqual([
      expect.objectContaining({
        kind: 'ghsa.add-collaborator',
        login: 'zip-expert',
        key: 'ghsa.add-collaborator:grant-zip-expert',
      }),
    ]);
    expect(grantAccess(makeReport({ ghsaId: null }), [], request('zip-expert'), now).effects).toEqual([]);
  });

  it('someone who already has access, in any letter case, is not granted twice', () => {
    const report = makeReport();
    const { added } = grantAccess(report, [], request('Zip-Expert'), now);
    expect(() => grantAccess(report, added, request('zip-expert', 'second'), now)).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
  });

  it('a grant needs a GitHub login, a reason and, when given, an expiry in the future', () => {
    const report = makeReport();
    for (const bad of [
      { ...request('not a login') },
      { ...request('zip-expert'), reason: '  ' },
      { ...request('zip-expert'), expiresAt: now },
    ]) {
      expect(() => grantAccess(report, [], bad, now)).toThrow(expect.objectContaining({ code: 'invalid' }));
    }
  });

  it('expiry takes off only the grants that ran out; a newer grant for the same person stays', () => {
    const report = makeReport({ ghsaId: 'GHSA-2x3v-4w5c-6f7g' });
    const old = grantAccess(report, [], { ...request('zip-expert', 'old'), expiresAt: later(7) }, now).added;
    const fresh = grantAccess(
      report,
      [],
      { ...request('zip-expert', 'fresh'), expiresAt: later(30) },
      later(1),
    ).added;
    const expired = revokeAccess(report, [...old, ...fresh], 'zip-expert', 'system:bot', 'expired', later(8));
    expect(expired.revoked.map((grant) => grant.id)).toEqual(['old']);
    expect(expired.effects).toEqual([
      expect.objectContaining({ kind: 'ghsa.remove-collaborator', key: 'ghsa.remove-collaborator:old' }),
    ]);
    expect(() => revokeAccess(report, [], 'zip-expert', 'sethmlarson', 'revoked', now)).toThrow(
      expect.objectContaining({ code: 'not-found' }),
    );
  });
});
