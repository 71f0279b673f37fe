import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import {
  addExtension,
  applyTransition,
  type Checklist,
  checklist,
  checklists,
  recordDetermination,
  TransitionRefused,
} from '../../src/domain/lifecycle.ts';
import {
  type Determination,
  type Extension,
  getsReply,
  type Rejection,
  type RejectionReason,
  type Report,
  rejectionReasons,
} from '../../src/domain/report.ts';
import { at, makeReport, readyToPublish } from './fixtures.ts';

const now = at('2026-03-20T12:00:00.000Z');

const requirement = (list: Checklist, id: string) => {
  const found = list.requirements.find((r) => r.id === id);
  if (!found) throw new Error(`no requirement ${id} in ${list.transition}`);
  return found;
};

const triageReady = (overrides: Partial<Report> = {}) =>
  makeReport({ coordinator: 'coordinator', determination: 'vulnerability', ...overrides });

describe('accepting a report', () => {
  it('a report in triage with a coordinator and a vulnerability determination can be accepted', () => {
    const list = checklist(triageReady(), 'accept');
    expect(list).toMatchObject({ transition: 'accept', from: 'triage', to: 'accepted', allowed: true });
    expect(list.requirements.map((r) => [r.id, r.met])).toEqual([
      ['coordinator', true],
      ['determination', true],
    ]);
    expect(list.requirements.every((r) => r.reason === null)).toBe(true);
  });

  it('accepting needs a coordinator', () => {
    const list = checklist(triageReady({ coordinator: null }), 'accept');
    expect(list.allowed).toBe(false);
    expect(requirement(list, 'coordinator')).toMatchObject({ met: false });
    expect(requirement(list, 'coordinator').reason).toContain('assign a coordinator');
  });

  it('accepting needs the determination recorded', () => {
    const list = checklist(triageReady({ determination: null }), 'accept');
    expect(list.allowed).toBe(false);
    expect(requirement(list, 'determination').reason).toContain('No determination is recorded');
  });

  it.each(['not-a-vulnerability', 'not-security-bug'] as const)(
    'a report determined %s is rejected, not accepted',
    (determination) => {
      const list = checklist(triageReady({ determination }), 'accept');
      expect(list.allowed).toBe(false);
      expect(requirement(list, 'determination').reason).toContain(`The determination is ${determination}`);
      expect(requirement(list, 'determination').reason).toContain('reject');
    },
  );

  it('only a report in triage can be accepted, and the checklist says so first', () => {
    const list = checklist(readyToPublish(), 'accept');
    expect(list.allowed).toBe(false);
    expect(list.requirements[0]).toMatchObject({ id: 'state', met: false });
    expect(list.requirements[0]?.reason).toBe(
      'The report is accepted; accept applies only to triage reports.',
    );
  });

  it('accepting reserves a CVE ID, with a key that makes a second enqueue a no-op', () => {
    const report = triageReady({ ghsaId: 'GHSA-2x3v-4w5c-6f7g' });
    const first = applyTransition(report, 'accept', {}, now);
    const retry = applyTransition(report, 'accept', {}, at('2026-03-20T12:00:05.000Z'));
    expect(first.report).toMatchObject({
      state: 'accepted',
      updatedAt: now,
      lastActivityAt: now,
      finishedAt: null,
    });
    expect(first.effects).toEqual([
      {
        kind: 'cve.reserve',
        key: 'cve.reserve:PSRT-2026-0001:2026-03-01T00:00:00.000Z',
        reportId: 'PSRT-2026-0001',
      },
      {
        kind: 'ghsa.update-state',
        key: 'ghsa.update-state:PSRT-2026-0001:2026-03-01T00:00:00.000Z:draft',
        reportId: 'PSRT-2026-0001',
        repository: 'python/cpython',
        ghsaId: 'GHSA-2x3v-4w5c-6f7g',
        ghsaState: 'draft',
      },
    ]);
    expect(retry.effects.map((e) => e.key)).toEqual(first.effects.map((e) => e.key));
  });

  it('a report that already has a CVE ID does not reserve another', () => {
    const { effects } = applyTransition(triageReady({ cveId: 'CVE-2026-12345' }), 'accept', {}, now);
    expect(effects).toEqual([]);
  });

  it('a report that started as security@ mail (no GHSA yet) updates no GHSA', () => {
    const { effects } = applyTransition(triageReady(), 'accept', {}, now);
    expect(effects.map((e) => e.kind)).toEqual(['cve.reserve']);
  });
});

describe('publishing a report', () => {
  it('a report with every publication requirement met can be published', () => {
    const list = checklist(readyToPublish(), 'publish');
    expect(list.allowed).toBe(true);
    expect(list.requirements.map((r) => [r.id, r.met])).toEqual([
      ['cve-id', true],
      ['cvss-v4', true],
      ['title', true],
      ['description', true],
      ['affected-versions', true],
      ['fix-merged', true],
      ['credit-preference', true],
    ]);
  });

  it.each<[string, string, Partial<Report>]>([
    ['cve-id', 'a CVE ID', { cveId: null }],
    ['cve-id', 'a CVE ID of the form CVE-YYYY-NNNN', { cveId: 'CVE-26-1' }],
    ['cvss-v4', 'a CVSS vector', { cvssVector: null }],
    [
      'cvss-v4',
      'a CVSS v4.0 vector, not v3.1',
      { cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
    ],
    ['title', 'a title', { title: '   ' }],
    ['description', 'a short description', { description: '' }],
    ['affected-versions', 'affected versions', { affected: [] }],
    [
      'affected-versions',
      'a non-empty affected version range',
      {
        affected: [
          { ecosystem: 'PyPI', package: 'cpython', vulnerableVersionRange: ' ', patchedVersions: null },
        ],
      },
    ],
    ['fix-merged', 'a fix pull request', { fixPullRequests: [] }],
    ['credit-preference', "the reporter's credit preference", { creditPreference: null }],
  ])('publishing is refused by %s without %s', (id, _what, overrides) => {
    const list = checklist(readyToPublish(overrides), 'publish');
    expect(list.allowed).toBe(false);
    expect(list.requirements.filter((r) => !r.met).map((r) => r.id)).toEqual([id]);
    expect(requirement(list, id).reason).toMatch(/: /);
  });

  it('publishing requires a merged public fix pull request', () => {
    const pr = { url: 'https://github.com/python/cpython/pull/1', backport: false };
    const unmergedPublic = readyToPublish({ fixPullRequests: [{ ...pr, public: true, merged: false }] });
    const mergedPrivate = readyToPublish({ fixPullRequests: [{ ...pr, public: false, merged: true }] });
    const oneOfTwo = readyToPublish({
      fixPullRequests: [
        { ...pr, public: false, merged: false },
        { ...pr, public: true, merged: true, backport: true },
      ],
    });
    expect(requirement(checklist(unmergedPublic, 'publish'), 'fix-merged').met).toBe(false);
    expect(requirement(checklist(mergedPrivate, 'publish'), 'fix-merged').reason).toContain(
      'public and merged',
    );
    expect(requirement(checklist(oneOfTwo, 'publish'), 'fix-merged').met).toBe(true);
  });

  it('a reporter who declines credit still has a recorded credit preference', () => {
    const report = readyToPublish({ creditPreference: { credit: false, name: null } });
    expect(requirement(checklist(report, 'publish'), 'credit-preference').met).toBe(true);
  });

  it('the CVSS module plugged in as validator can refuse a malformed v4 vector', () => {
    const seen: string[] = [];
    const validateCvss = (vector: string) => {
      seen.push(vector);
      return 'metric AV is missing';
    };
    const list = checklist(readyToPublish({ cvssVector: 'CVSS:4.0/AC:L' }), 'publish', { validateCvss });
    expect(seen).toEqual(['CVSS:4.0/AC:L']);
    expect(requirement(list, 'cvss-v4')).toMatchObject({ met: false });
    expect(requirement(list, 'cvss-v4').reason).toContain('metric AV is missing');
  });

  it('a vector the CVSS validator accepts meets the requirement', () => {
    const list = checklist(readyToPublish(), 'publish', { validateCvss: () => null });
    expect(requirement(list, 'cvss-v4').met).toBe(true);
  });

  it('only an accepted report can be published', () => {
    const list = checklist(readyToPublish({ state: 'triage' }), 'publish');
    expect(list.allowed).toBe(false);
    expect(list.requirements[0]).toMatchObject({ id: 'state', met: false });
  });

  it('publishing finishes the report and closes the GHSA', () => {
    const { report, effects } = applyTransition(readyToPublish(), 'publish', {}, now);
    expect(report).toMatchObject({
      state: 'published',
      finishedAt: now,
      updatedAt: now,
      lastActivityAt: now,
    });
    expect(effects).toEqual([
      expect.objectContaining({
        kind: 'ghsa.update-state',
        ghsaState: 'closed',
        ghsaId: 'GHSA-2x3v-4w5c-6f7g',
      }),
    ]);
  });
});

describe('rejecting a report', () => {
  /** A report in triage whose coordinator found a bug that is not security relevant. */
  const determined = (overrides: Partial<Report> = {}) =>
    makeReport({ coordinator: 'coordinator', determination: 'not-security-bug', ...overrides });
  const rejectWith = (rejection: Rejection | undefined, report = determined()) =>
    checklist(report, 'reject', rejection ? { rejection } : {});

  it('rejecting needs a reason', () => {
    const list = rejectWith(undefined);
    expect(list.allowed).toBe(false);
    expect(requirement(list, 'reason').reason).toContain('No rejection reason is given');
  });

  it('a reason the PSRT does not use is refused', () => {
    const list = rejectWith({ reason: 'boring' as RejectionReason, detail: null });
    expect(requirement(list, 'reason').met).toBe(false);
  });

  it.each(['not-a-vulnerability', 'out-of-scope'] as const)('%s needs no detail', (reason) => {
    expect(rejectWith({ reason, detail: null }).allowed).toBe(true);
  });

  it.each(['PSRT-2026-0007', 'GHSA-2x3v-4w5c-6f7g', 'CVE-2025-1234', ' CVE-2025-12345 '])(
    'a duplicate of %s names the other report',
    (detail) => {
      expect(rejectWith({ reason: 'duplicate', detail }).allowed).toBe(true);
    },
  );

  it.each([null, '', 'the zipfile one from last week', 'GHSA-1234'])(
    'a duplicate of %j is refused',
    (detail) => {
      const list = rejectWith({ reason: 'duplicate', detail });
      expect(list.allowed).toBe(false);
      expect(requirement(list, 'reason').reason).toContain('PSRT, GHSA or CVE id');
    },
  );

  it('a report moved to a public issue links it', () => {
    const url = 'https://github.com/python/cpython/issues/140001';
    expect(rejectWith({ reason: 'public-issue', detail: url }).allowed).toBe(true);
    expect(rejectWith({ reason: 'public-issue', detail: 'http://bugs.example.org/1' }).allowed).toBe(true);
  });

  it.each([null, 'issue 140001', 'ftp://example.org/issue', 'javascript:alert(1)'])(
    'a public issue given as %j is refused',
    (detail) => {
      const list = rejectWith({ reason: 'public-issue', detail });
      expect(requirement(list, 'reason').reason).toContain('issue URL');
    },
  );

  it('rejecting sends the matching reply and rejects the reserved CVE ID at the CNA', () => {
    const report = readyToPublish();
    const { report: rejected, effects } = applyTransition(
      report,
      'reject',
      { rejection: { reason: 'duplicate', detail: ' CVE-2025-1234 ' } },
      now,
    );
    expect(rejected).toMatchObject({
      state: 'rejected',
      finishedAt: now,
      rejection: { reason: 'duplicate', detail: 'CVE-2025-1234' },
      cveId: 'CVE-2026-12345',
    });
    expect(effects).toEqual([
      {
        kind: 'reply.send',
        key: 'reply.send:PSRT-2026-0001:2026-03-10T00:00:00.000Z',
        reportId: 'PSRT-2026-0001',
        template: 'duplicate',
      },
      {
        kind: 'cve.reject',
        key: 'cve.reject:CVE-2026-12345',
        reportId: 'PSRT-2026-0001',
        cveId: 'CVE-2026-12345',
        // The rejected CVE record points at the ID the duplicate already has.
        reason:
          'This candidate is a duplicate of CVE-2025-1234. All references and descriptions should use CVE-2025-1234.',
      },
      expect.objectContaining({ kind: 'ghsa.update-state', ghsaState: 'closed' }),
    ]);
  });

  it('a report rejected in triage has no CVE ID to reject', () => {
    const { effects } = applyTransition(
      determined(),
      'reject',
      { rejection: { reason: 'out-of-scope', detail: '  ' } },
      now,
    );
    expect(effects.map((e) => e.kind)).toEqual(['reply.send']);
  });

  it('a finished report cannot be rejected', () => {
    const published = readyToPublish({ state: 'published' });
    const list = rejectWith({ reason: 'not-a-vulnerability', detail: null }, published);
    expect(list.requirements[0]).toMatchObject({ id: 'state', met: false });
    expect(list.allowed).toBe(false);
  });
});

describe("rejecting is the coordinator's call, after their determination", () => {
  const bare = (overrides: Partial<Report> = {}) => makeReport(overrides);
  const reject = (report: Report, reason: RejectionReason, detail: string | null = null) =>
    checklist(report, 'reject', { rejection: { reason, detail } });
  const unmet = (list: Checklist) => list.requirements.filter((r) => !r.met).map((r) => r.id);
  const detailFor = (reason: RejectionReason) =>
    reason === 'duplicate'
      ? 'PSRT-2026-0007'
      : reason === 'public-issue'
        ? 'https://github.com/python/cpython/issues/140001'
        : null;

  it('the reject checklist asks for a reason, a coordinator and a determination that fits', () => {
    expect(checklist(bare(), 'reject').requirements.map((r) => [r.id, r.met])).toEqual([
      ['reason', false],
      ['coordinator', false],
      ['determination', false],
    ]);
  });

  it('rejecting needs a coordinator, like accepting', () => {
    const list = reject(bare(), 'not-a-vulnerability');
    expect(list.allowed).toBe(false);
    expect(requirement(list, 'coordinator').reason).toBe(
      'No coordinator is assigned: assign a coordinator to make the determination (only spam is closed without one).',
    );
  });

  it("rejecting needs the coordinator's determination recorded", () => {
    const list = reject(bare({ coordinator: 'coordinator' }), 'out-of-scope');
    expect(unmet(list)).toEqual(['determination']);
    expect(requirement(list, 'determination').reason).toContain('No determination is recorded');
  });

  it.each<[RejectionReason, Determination[], Determination[]]>([
    ['not-a-vulnerability', ['not-a-vulnerability', 'not-security-bug'], ['vulnerability']],
    ['out-of-scope', ['not-a-vulnerability', 'not-security-bug'], ['vulnerability']],
    ['public-issue', ['not-security-bug'], ['vulnerability', 'not-a-vulnerability']],
    ['duplicate', ['vulnerability', 'not-security-bug', 'not-a-vulnerability'], []],
  ])('a report rejected as %s needs the determination to be one of %j', (reason, fits, misfits) => {
    for (const determination of fits) {
      expect(
        reject(bare({ coordinator: 'coordinator', determination }), reason, detailFor(reason)).allowed,
      ).toBe(true);
    }
    for (const determination of misfits) {
      const list = reject(bare({ coordinator: 'coordinator', determination }), reason, detailFor(reason));
      expect(unmet(list)).toEqual(['determination']);
      expect(requirement(list, 'determination').reason).toContain(`which does not fit ${reason}`);
    }
  });

  it('a report in triage determined a vulnerability is accepted, not rejected as not a vulnerability', () => {
    const list = reject(
      bare({ coordinator: 'coordinator', determination: 'vulnerability' }),
      'not-a-vulnerability',
    );
    expect(requirement(list, 'determination').reason).toContain('accept the report instead');
  });

  it('an accepted report is rejected as not a vulnerability only after the coordinator records so', () => {
    const accepted = readyToPublish();
    const list = reject(accepted, 'not-a-vulnerability');
    expect(requirement(list, 'determination').reason).not.toContain('accept the report instead');
    const changed = recordDetermination(accepted, 'not-a-vulnerability', now);
    expect(reject(changed, 'not-a-vulnerability').allowed).toBe(true);
  });

  it('a report rejected as spam may be closed by any member, without a coordinator or a determination', () => {
    const list = reject(bare(), 'spam');
    expect(list.allowed).toBe(true);
    const { report } = applyTransition(
      bare(),
      'reject',
      { rejection: { reason: 'spam', detail: null } },
      now,
    );
    expect(report).toMatchObject({
      state: 'rejected',
      coordinator: null,
      determination: null,
      rejection: { reason: 'spam', detail: null },
      finishedAt: now,
    });
  });

  it('a report rejected as spam is closed without any reply; its GHSA is still closed', () => {
    const { effects } = applyTransition(
      bare({ ghsaId: 'GHSA-2x3v-4w5c-6f7g' }),
      'reject',
      { rejection: { reason: 'spam', detail: null } },
      now,
    );
    expect(effects.map((e) => e.kind)).toEqual(['ghsa.update-state']);
    expect(effects[0]).toMatchObject({ ghsaState: 'closed' });
  });

  it('spam is discarded without a reply; every other rejection gets one', () => {
    expect(rejectionReasons.filter((reason) => !getsReply(reason))).toEqual(['spam']);
  });
});

describe('requirement reasons are the same words on every interface', () => {
  it('no requirement names a command: the CLI adds its own hints', () => {
    const reports = [makeReport(), readyToPublish({ cveId: null, cvssVector: null, fixPullRequests: [] })];
    const reasons = reports.flatMap((report) =>
      checklists(report).flatMap((list) => list.requirements.map((r) => r.reason ?? '')),
    );
    expect(reasons.filter(Boolean).length).toBeGreaterThan(3);
    for (const reason of reasons) expect(reason).not.toMatch(/psrt |`psrt/);
  });
});

describe('reopening a report', () => {
  const rejected = () =>
    applyTransition(
      readyToPublish({ determination: 'not-a-vulnerability' }),
      'reject',
      { rejection: { reason: 'not-a-vulnerability', detail: null } },
      now,
    ).report;

  it.each([undefined, '', '   '])('reopening with reason %j is refused', (reason) => {
    const list = checklist(rejected(), 'reopen', reason === undefined ? {} : { reason });
    expect(list.allowed).toBe(false);
    expect(requirement(list, 'reason').reason).toContain('No reason is given for reopening');
  });

  it('a rejected report returns to triage with a reason', () => {
    const later = at('2026-04-01T00:00:00.000Z');
    const { report, effects } = applyTransition(
      rejected(),
      'reopen',
      { reason: 'reporter sent a PoC' },
      later,
    );
    expect(report).toMatchObject({
      state: 'triage',
      finishedAt: null,
      rejection: null,
      cveId: null,
      coordinator: 'coordinator',
      lastActivityAt: later,
    });
    // GitHub's API has no way back to triage: the closed GHSA is reopened as a draft.
    expect(effects).toEqual([expect.objectContaining({ kind: 'ghsa.update-state', ghsaState: 'draft' })]);
  });

  it('accepting a reopened report reserves a fresh CVE ID under a new key', () => {
    const firstAccept = applyTransition(triageReady({ ghsaId: null }), 'accept', {}, now);
    const withCve = { ...firstAccept.report, cveId: 'CVE-2026-12345' };
    // The coordinator changes their mind: not a vulnerability after all.
    const redetermined = recordDetermination(withCve, 'not-a-vulnerability', at('2026-03-20T18:00:00.000Z'));
    const rejectedReport = applyTransition(
      redetermined,
      'reject',
      { rejection: { reason: 'not-a-vulnerability', detail: null } },
      at('2026-03-21T00:00:00.000Z'),
    ).report;
    const reopened = applyTransition(
      rejectedReport,
      'reopen',
      { reason: 'new evidence' },
      at('2026-03-22T00:00:00.000Z'),
    ).report;
    const confirmed = recordDetermination(reopened, 'vulnerability', at('2026-03-22T12:00:00.000Z'));
    const secondAccept = applyTransition(confirmed, 'accept', {}, at('2026-03-23T00:00:00.000Z'));
    const reserve = (effects: typeof firstAccept.effects) =>
      effects.find((e) => e.kind === 'cve.reserve')?.key;
    expect(reserve(secondAccept.effects)).toBeDefined();
    expect(reserve(secondAccept.effects)).not.toBe(reserve(firstAccept.effects));
  });

  it('only a rejected report can be reopened', () => {
    const list = checklist(makeReport(), 'reopen', { reason: 'why not' });
    expect(list.requirements.map((r) => [r.id, r.met])).toEqual([
      ['state', false],
      ['reason', true],
    ]);
  });
});

describe('the checklists a report page shows', () => {
  it.each<[Report['state'], string[]]>([
    ['triage', ['accept', 'reject']],
    ['accepted', ['publish', 'reject']],
    ['rejected', ['reopen']],
    ['published', []],
  ])('a %s report offers %j', (state, transitions) => {
    expect(checklists(readyToPublish({ state })).map((list) => list.transition)).toEqual(transitions);
  });

  it('the CVSS validator reaches the publish checklist', () => {
    const [publish] = checklists(readyToPublish(), { validateCvss: () => 'bad vector' });
    expect(publish && requirement(publish, 'cvss-v4').met).toBe(false);
  });
});

describe('a refused transition', () => {
  it('changes nothing and carries the checklist', () => {
    const report = makeReport();
    const before = structuredClone(report);
    let refusal: unknown;
    try {
      applyTransition(report, 'accept', {}, now);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(TransitionRefused);
    expect(refusal).toBeInstanceOf(DomainError);
    const { checklist: list, message } = refusal as TransitionRefused;
    expect(list.requirements.filter((r) => !r.met).map((r) => r.id)).toEqual([
      'coordinator',
      'determination',
    ]);
    expect(message).toContain('Cannot accept the report.');
    expect(message).toContain('No coordinator is assigned: assign a coordinator.');
    expect(report).toEqual(before);
  });

  it('never echoes embargoed report text', () => {
    const report = readyToPublish({
      state: 'published',
      title: 'SECRET overflow',
      description: 'SECRET details',
      cveId: 'CVE-2026-99999',
      cvssVector: 'CVSS:3.1/SECRET',
    });
    for (const transition of ['accept', 'publish', 'reject', 'reopen'] as const) {
      expect(() => applyTransition(report, transition, {}, now)).toThrow(TransitionRefused);
      try {
        applyTransition(report, transition, {}, now);
      } catch (error) {
        expect((error as Error).message).not.toMatch(/SECRET|CVE-2026-99999/);
      }
    }
  });

  it('an allowed transition returns a new report and leaves the old one as it was', () => {
    const report = readyToPublish();
    const before = structuredClone(report);
    const { report: published } = applyTransition(report, 'publish', {}, now);
    expect(published).not.toBe(report);
    expect(report).toEqual(before);
  });
});

describe('recording a determination', () => {
  it('the coordinator records what the report is', () => {
    const report = recordDetermination(makeReport(), 'vulnerability', now);
    expect(report).toMatchObject({ determination: 'vulnerability', updatedAt: now, lastActivityAt: now });
  });

  it('an unknown determination is refused', () => {
    expect(() => recordDetermination(makeReport(), 'maybe' as 'vulnerability', now)).toThrow(DomainError);
  });

  it('a finished report must be reopened before its determination changes', () => {
    expect(() => recordDetermination(readyToPublish({ state: 'rejected' }), 'vulnerability', now)).toThrow(
      /reopen it/,
    );
  });
});

describe('extending the disclosure deadline', () => {
  const extension = (overrides: Partial<Extension> = {}): Extension => ({
    days: 30,
    reason: 'fix needs a coordinated release',
    reporterAgreed: true,
    grantedBy: 'coordinator',
    at: now,
    ...overrides,
  });

  it('an extension is recorded with its reason and whether the reporter agreed', () => {
    const report = addExtension(makeReport(), extension({ reason: '  coordinated release  ' }));
    expect(report.extensions).toEqual([extension({ reason: 'coordinated release' })]);
    expect(report).toMatchObject({ updatedAt: now, lastActivityAt: now });
  });

  it.each([1, 365])('an extension of %d days is allowed', (days) => {
    expect(addExtension(makeReport(), extension({ days })).extensions).toHaveLength(1);
  });

  it.each([0, -5, 366, 1.5, Number.NaN])('an extension of %d days is refused', (days) => {
    expect(() => addExtension(makeReport(), extension({ days }))).toThrow(
      /whole number of days from 1 to 365/,
    );
  });

  it('an extension without a reason is refused', () => {
    expect(() => addExtension(makeReport(), extension({ reason: ' ' }))).toThrow(/needs a reason/);
  });

  it('a finished report cannot be extended', () => {
    expect(() => addExtension(readyToPublish({ state: 'published' }), extension())).toThrow(DomainError);
  });
});
