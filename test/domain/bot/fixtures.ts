// A GHSA as the bot sees it on GitHub: a private vulnerability report in
// triage on python/cpython, and the report psrt keeps for it.
import type { Ghsa } from '../../../src/domain/bot/ghsa.ts';
import type { Report } from '../../../src/domain/report.ts';
import { at, makeReport } from '../fixtures.ts';

export const GHSA_ID = 'GHSA-2x3v-4w5c-6f7g';

export function makeGhsa(overrides: Partial<Ghsa> = {}): Ghsa {
  return {
    ghsaId: GHSA_ID,
    repository: 'python/cpython',
    state: 'triage',
    title: 'Heap overflow in zipfile',
    description: 'A crafted archive overflows a buffer.',
    cveId: null,
    cvssVector: null,
    affected: [],
    coordinator: null,
    credits: [],
    cweIds: [],
    collaboratingUsers: [],
    collaboratingTeams: ['psrt'],
    privateFork: null,
    author: 'finder',
    privatelyReported: true,
    createdAt: at('2026-03-01T00:00:00.000Z'),
    updatedAt: at('2026-03-01T00:00:00.000Z'),
    publishedAt: null,
    ...overrides,
  };
}

/** The report of that GHSA, in triage. */
export function ghsaReport(overrides: Partial<Report> = {}): Report {
  return makeReport({ ghsaId: GHSA_ID, ...overrides });
}

export const members = ['coordinator', 'sethmlarson', 'encukou'];
export const isMember = (login: string) => members.includes(login.toLowerCase());
