import { describe, expect, it } from 'vitest';
import { effectKinds, parseEffect } from '../../src/domain/effects.ts';

const advisory = { reportId: 'PSRT-2026-0001', repository: 'python/cpython', ghsaId: 'GHSA-2x3v-4w5c-6f7g' };

describe('the effect catalogue', () => {
  it('declares every kind the runner performs, once', () => {
    expect(new Set(effectKinds).size).toBe(effectKinds.length);
    expect(effectKinds).toEqual(
      expect.arrayContaining([
        'cve.reserve',
        'cve.reject',
        'ghsa.set-cve',
        'ghsa.comment',
        'mail.send',
        'reply.send',
      ]),
    );
  });

  it('a collaborator on a GHSA is a person or a team, never both or neither', () => {
    const base = { kind: 'ghsa.add-collaborator', key: 'k', ...advisory };
    expect(parseEffect({ ...base, login: 'zip-expert' }).ok).toBe(true);
    expect(parseEffect({ ...base, team: 'psrt' }).ok).toBe(true);
    expect(parseEffect({ ...base, login: 'zip-expert', team: 'psrt' })).toMatchObject({ ok: false });
    expect(parseEffect(base)).toMatchObject({ ok: false, problem: expect.stringContaining('login') });
  });

  it('a stored effect that is not valid is named by its field, never echoing the value', () => {
    const secret = 'EMBARGOED TITLE';
    const parsed = parseEffect({
      kind: 'mail.send',
      key: 'k',
      reportId: null,
      purpose: 'x',
      to: ['team'],
      subject: secret,
      text: '',
    });
    expect(parsed).toMatchObject({ ok: false, problem: expect.stringContaining('text') });
    expect(JSON.stringify(parsed)).not.toContain(secret);
  });
});
