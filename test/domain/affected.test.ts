import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import { editFields } from '../../src/domain/fields.ts';
import { checklist } from '../../src/domain/lifecycle.ts';
import type { AffectedCommits } from '../../src/domain/report.ts';
import { at, makeReport, readyToPublish } from './fixtures.ts';

const now = at('2026-03-20T12:00:00.000Z');

// As the PSF's advisory database writes CPython: a GIT range on the cpython repository, fixed
// by one commit per maintained branch.
const cpythonRange: AffectedCommits = {
  ecosystem: 'GIT',
  repo: 'https://github.com/python/cpython',
  introduced: '0',
  fixed: ['34637a0ce21e7261b952fbd9d006474cc29b681f', 'e277cb76989958fdbc092bf0b2cb55c43e86610a'],
};

describe('affected versions of CPython, written as a commit range', () => {
  it('a coordinator can record the commit range of a CPython vulnerability', () => {
    const accepted = makeReport({ state: 'accepted' });
    expect(editFields(accepted, { affected: [cpythonRange] }, now).affected).toEqual([cpythonRange]);
  });

  it('a commit range with a bad repository, start or fix commit is refused, naming each problem', () => {
    const bad: AffectedCommits = { ecosystem: 'GIT', repo: 'cpython', introduced: 'main', fixed: ['3.14'] };
    const edit = () => editFields(makeReport(), { affected: [bad] }, now);
    expect(edit).toThrow(DomainError);
    expect(edit).toThrow(
      /affected\[1\]: repo must be the https URL.*introduced must be a commit hash.*"3\.14"/,
    );
  });

  it('a CPython report listing its commit range meets the affected-versions requirement for publication', () => {
    const list = checklist(readyToPublish({ affected: [cpythonRange] }), 'publish');
    expect(list.allowed).toBe(true);
  });

  it('a commit range with no start does not list affected versions', () => {
    const list = checklist(readyToPublish({ affected: [{ ...cpythonRange, introduced: ' ' }] }), 'publish');
    expect(list.requirements.filter((r) => !r.met).map((r) => r.id)).toEqual(['affected-versions']);
  });
});
