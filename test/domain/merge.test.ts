// Merging a duplicate into the original report: the original's clock runs from
// the earliest receipt, the duplicate's reporter and credits join it, the
// duplicate is rejected as a duplicate (reply, GHSA closed, CVE ID rejected),
// and the merges the process does not allow are refused with what to do.
import { describe, expect, it } from 'vitest';
import { disclosureDeadline } from '../../src/domain/clocks.ts';
import { Refusal } from '../../src/domain/errors.ts';
import { creditsOfDuplicate, mergeReports } from '../../src/domain/merge.ts';
import { at, makeReport } from './fixtures.ts';

const now = at('2026-03-20T12:00:00Z');
const original = makeReport({
  id: 'PSRT-2026-0001',
  receivedAt: at('2026-03-10T00:00:00Z'),
  reporter: 'alice',
  coordinator: 'sethmlarson',
  publication: {
    ...makeReport().publication,
    credits: [{ name: 'alice', type: 'reporter', login: 'alice', state: 'accepted' }],
  },
});
const duplicate = makeReport({
  id: 'PSRT-2026-0002',
  ghsaId: 'GHSA-9q8w-7c6r-5f4x',
  receivedAt: at('2026-03-01T00:00:00Z'),
  reporter: 'bob',
});

describe('merging a duplicate into the original', () => {
  it("the original's disclosure clock runs from the earliest receipt of the two", () => {
    const merge = mergeReports(duplicate, original, now);
    expect(merge.original.receivedAt).toEqual(at('2026-03-01T00:00:00Z'));
    expect(merge.receivedEarlier).toBe(true);
    expect(disclosureDeadline(merge.original).getTime()).toBeLessThan(disclosureDeadline(original).getTime());
    const later = mergeReports({ ...duplicate, receivedAt: at('2026-03-15T00:00:00Z') }, original, now);
    expect(later.original.receivedAt).toEqual(original.receivedAt);
    expect(later.receivedEarlier).toBe(false);
  });

  it("the duplicate's reporter joins the original's credits, by GitHub login", () => {
    const merge = mergeReports(duplicate, original, now);
    expect(merge.original.publication.credits).toEqual([
      ...original.publication.credits,
      { name: 'bob', type: 'reporter', login: 'bob', state: 'accepted' },
    ]);
    expect(merge.credits).toHaveLength(1);
  });

  it('a reporter known by name and email is credited by name, one known by address alone by the address', () => {
    const named = creditsOfDuplicate({ ...duplicate, reporter: 'Jane Doe <jane@example.org>' });
    expect(named).toEqual([{ name: 'Jane Doe', type: 'reporter', login: null, state: 'accepted' }]);
    expect(creditsOfDuplicate({ ...duplicate, reporter: 'jane@example.org' })[0]?.name).toBe(
      'jane@example.org',
    );
  });

  it("the reporter's credit preference decides: the name they asked for, or none when they asked not to be credited", () => {
    const asked = { ...duplicate, creditPreference: { credit: true, name: 'Robert Tables' } };
    expect(creditsOfDuplicate(asked)[0]).toMatchObject({ name: 'Robert Tables', login: 'bob' });
    expect(creditsOfDuplicate({ ...duplicate, creditPreference: { credit: false, name: null } })).toEqual([]);
  });

  it("the duplicate's own credits come along, but not its coordinator's, nor anyone the original credits already", () => {
    const credited = {
      ...duplicate,
      publication: {
        ...duplicate.publication,
        credits: [
          { name: 'Carol', type: 'finder' as const, login: 'carol', state: 'pending' as const },
          { name: 'Sam', type: 'coordinator' as const, login: 'sam', state: 'accepted' as const },
          { name: 'alice', type: 'reporter' as const, login: 'Alice', state: 'accepted' as const },
        ],
      },
    };
    const added = mergeReports(credited, original, now).credits;
    expect(added.map((c) => [c.login, c.type, c.state])).toEqual([
      ['bob', 'reporter', 'accepted'],
      ['carol', 'finder', 'pending'],
    ]);
  });

  it('the duplicate is rejected as a duplicate of the original: the reply, its GHSA closed, its CVE ID rejected', () => {
    const merge = mergeReports({ ...duplicate, cveId: 'CVE-2026-40001', state: 'accepted' }, original, now);
    expect(merge.duplicate).toMatchObject({
      state: 'rejected',
      rejection: { reason: 'duplicate', detail: 'PSRT-2026-0001' },
      finishedAt: now,
    });
    expect(merge.effects.map((e) => e.kind).sort()).toEqual([
      'cve.reject',
      'ghsa.update-state',
      'reply.send',
    ]);
    expect(merge.effects).toContainEqual(
      expect.objectContaining({ kind: 'reply.send', template: 'duplicate' }),
    );
    expect(merge.effects).toContainEqual(
      expect.objectContaining({ kind: 'ghsa.update-state', ghsaState: 'closed' }),
    );
  });

  it('needs no coordinator or determination on the duplicate: the merge is that determination', () => {
    expect(duplicate.coordinator).toBeNull();
    expect(mergeReports(duplicate, original, now).duplicate.state).toBe('rejected');
  });
});

describe('merges that are refused', () => {
  const refusal = (dup: typeof duplicate, orig: typeof original) => {
    try {
      mergeReports(dup, orig, now);
    } catch (error) {
      expect(error).toBeInstanceOf(Refusal);
      return (error as Error).message;
    }
    throw new Error('the merge was not refused');
  };

  it('into itself', () => {
    expect(refusal(original, original)).toMatch(/cannot be merged into itself/);
  });

  it('into a rejected report, naming the way out', () => {
    expect(refusal(duplicate, { ...original, state: 'rejected' })).toMatch(
      /PSRT-2026-0001 is rejected.*reopen/,
    );
  });

  it('a published report as the duplicate, or one already rejected', () => {
    expect(refusal({ ...duplicate, state: 'published' }, original)).toMatch(/PSRT-2026-0002 is published/);
    expect(refusal({ ...duplicate, state: 'rejected' }, original)).toMatch(/already rejected/);
  });

  it('into a published report: rejecting as its duplicate is the way, with its id', () => {
    expect(refusal(duplicate, { ...original, state: 'published' })).toMatch(
      /reject PSRT-2026-0002 with the reason duplicate/,
    );
  });

  it('the refusal names the reports by id, never by their text', () => {
    const message = refusal({ ...duplicate, state: 'published' }, original);
    expect(message).not.toContain(duplicate.title);
    expect(message).not.toContain(duplicate.description);
  });
});
