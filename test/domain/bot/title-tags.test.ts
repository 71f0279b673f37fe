// Title tags, as the devguide's "The PSRT bot" section documents them: any
// PSRT member moves a report by putting a tag in the GHSA's title; tags are
// case-insensitive and can appear anywhere; each is psrt's transition with
// its checklist.
import { describe, expect, it } from 'vitest';
import { applyTitleTags, tagsIn, withoutTags } from '../../../src/domain/bot/title-tags.ts';
import { at, readyToPublish } from '../fixtures.ts';
import { ghsaReport, makeGhsa } from './fixtures.ts';

const now = at('2026-03-05T00:00:00.000Z');
const withCoordinator = { coordinator: 'coordinator', coordinatorSince: at('2026-03-02T00:00:00.000Z') };

describe('reading tags', () => {
  it('finds tags in any case, anywhere in the title', () => {
    expect(tagsIn('[accepted] zipfile: overflow')).toEqual(['ACCEPTED']);
    expect(tagsIn('zipfile: overflow [Invalid]')).toEqual(['INVALID']);
    expect(tagsIn('zipfile [DUPLICATE] of GHSA-xxxx')).toEqual(['DUPLICATE']);
    expect(tagsIn('zipfile: overflow ACCEPTED')).toEqual([]);
  });

  it('a title published by tag loses its tags, wherever they are and however written', () => {
    expect(withoutTags('[COMPLETED] zipfile: overflow')).toBe('zipfile: overflow');
    expect(withoutTags('[accepted] zipfile: overflow [Completed]')).toBe('zipfile: overflow');
    expect(withoutTags('zipfile:  overflow in [ZIP64] records')).toBe(
      'zipfile:  overflow in [ZIP64] records',
    );
  });
});

describe('[ACCEPTED]', () => {
  it('records the determination "vulnerability" and accepts the report, which reserves a CVE ID and makes the GHSA a draft', () => {
    const outcome = applyTitleTags(
      ghsaReport(withCoordinator),
      makeGhsa({ title: '[ACCEPTED] zipfile' }),
      now,
    );
    expect(outcome.kind).toBe('applied');
    if (outcome.kind !== 'applied') return;
    expect(outcome.report).toMatchObject({ state: 'accepted', determination: 'vulnerability' });
    expect(outcome.effects.map((e) => e.kind)).toEqual(['cve.reserve', 'ghsa.update-state']);
  });

  it('is not applied without a coordinator, and the bot says so in one comment naming what is missing', () => {
    const outcome = applyTitleTags(ghsaReport(), makeGhsa({ title: '[ACCEPTED] zipfile' }), now);
    expect(outcome.kind).toBe('refused');
    if (outcome.kind !== 'refused') return;
    expect(outcome.missing.join(' ')).toContain('No coordinator is assigned');
    expect(outcome.effects).toHaveLength(1);
    expect(outcome.effects[0]).toMatchObject({ kind: 'ghsa.comment', purpose: 'title-tag-refused' });
    // The same title seen again asks for the same comment: its key makes it one comment.
    const again = applyTitleTags(ghsaReport(), makeGhsa({ title: '[ACCEPTED] zipfile' }), now);
    expect(again.kind === 'refused' && again.effects[0]?.key).toBe(outcome.effects[0]?.key);
  });

  it('does nothing more once the report is accepted: seeing the title again is not a second transition', () => {
    const accepted = ghsaReport({ ...withCoordinator, state: 'accepted', determination: 'vulnerability' });
    expect(applyTitleTags(accepted, makeGhsa({ title: '[ACCEPTED] zipfile' }), now)).toEqual({
      kind: 'none',
    });
  });
});

describe('closing tags', () => {
  it('[INVALID] closes spam without a coordinator and without a reply to the reporter', () => {
    const outcome = applyTitleTags(ghsaReport(), makeGhsa({ title: '[INVALID] buy now' }), now);
    expect(outcome.kind === 'applied' && outcome.report).toMatchObject({
      state: 'rejected',
      rejection: { reason: 'spam' },
    });
    expect(outcome.kind === 'applied' && outcome.effects.map((e) => e.kind)).toEqual(['ghsa.update-state']);
  });

  it('[CLOSED] closes a regular bug as not a vulnerability, with the devguide reply', () => {
    const outcome = applyTitleTags(ghsaReport(withCoordinator), makeGhsa({ title: '[CLOSED] zipfile' }), now);
    expect(outcome.kind === 'applied' && outcome.report).toMatchObject({
      state: 'rejected',
      determination: 'not-security-bug',
      rejection: { reason: 'not-a-vulnerability' },
    });
    expect(outcome.kind === 'applied' && outcome.effects.map((e) => e.kind)).toContain('reply.send');
  });

  it('[DUPLICATE] names the original from the title, and is refused when the title names none', () => {
    const report = ghsaReport({ ...withCoordinator, determination: 'vulnerability' });
    const named = applyTitleTags(report, makeGhsa({ title: '[DUPLICATE] of ghsa-3456-789c-fghj' }), now);
    expect(named.kind === 'applied' && named.report.rejection).toEqual({
      reason: 'duplicate',
      detail: 'GHSA-3456-789c-fghj',
    });
    const unnamed = applyTitleTags(report, makeGhsa({ title: '[DUPLICATE] zipfile' }), now);
    expect(unnamed.kind === 'refused' && unnamed.missing.join(' ')).toContain(
      'must name the report it duplicates',
    );
  });

  it('[COMPLETED] publishes an accepted report whose checklist is met, and closes its GHSA', () => {
    const outcome = applyTitleTags(
      readyToPublish(),
      makeGhsa({ state: 'draft', title: '[COMPLETED] zipfile' }),
      now,
    );
    expect(outcome.kind === 'applied' && outcome.report.state).toBe('published');
  });

  it('[COMPLETED] on a report still missing its CVSS vector is refused with that reason', () => {
    const outcome = applyTitleTags(
      readyToPublish({ cvssVector: null }),
      makeGhsa({ state: 'draft', title: '[COMPLETED] zipfile' }),
      now,
    );
    expect(outcome.kind === 'refused' && outcome.missing.join(' ')).toContain('No CVSS v4 vector');
  });
});
