// The effects world with the advisory database checkout publications commit to (a fresh one for
// each test), the services and settling that use it, and the one report every publishing test
// publishes: tarfile's path traversal, accepted and recorded until every check of the gate passes.
import { afterEach, beforeEach } from 'vitest';
import type { RunnerDeps, RunnerOptions } from '../../../src/app/effects/runner.ts';
import type { EffectServices } from '../../../src/app/effects/services.ts';
import { editReport, transitionReport } from '../../../src/app/reports.ts';
import type { FieldPatch } from '../../../src/domain/fields.ts';
import type { Report } from '../../../src/domain/report.ts';
import { type TemporaryCheckout, temporaryCheckout } from '../../support/advisory-checkout.ts';
import type { EngineContext } from '../../support/engines.ts';
import { effectsWorld } from '../effects/world.ts';

export const READY_TITLE = 'tarfile: path traversal on extraction';

/**
 * What the coordinator records to make the report publishable: its text, a CVSS v4 vector, the
 * fix on two branches (its pull request public and merged), the reporter's credit, the CWE, the
 * references and the affected product.
 */
export const readyFields = {
  title: READY_TITLE,
  description: 'tarfile.extractall() follows a crafted link outside the destination directory.',
  cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N',
  affected: [
    {
      ecosystem: 'GIT',
      repo: 'https://github.com/python/cpython',
      introduced: '0',
      fixed: ['1111111111111111111111111111111111111111', '2222222222222222222222222222222222222222'],
    },
  ],
  fixPullRequests: [
    { url: 'https://github.com/python/cpython/pull/140001', public: true, merged: true, backport: false },
  ],
  creditPreference: { credit: true, name: 'Mira Finds-Bugs' },
  publication: {
    cweIds: ['CWE-22'],
    credits: [{ name: 'Mira Finds-Bugs', type: 'reporter', login: 'mira-finds-bugs', state: 'accepted' }],
    references: [
      { url: 'https://github.com/python/cpython/issues/140000', type: 'REPORT' },
      { url: 'https://github.com/python/cpython/pull/140001', type: 'FIX' },
    ],
    products: [
      {
        vendor: 'Python Software Foundation',
        product: 'CPython',
        repo: 'https://github.com/python/cpython',
        platforms: [],
        modules: ['tarfile'],
        programFiles: ['Lib/tarfile.py'],
        programRoutines: [],
        defaultStatus: 'unaffected',
        versions: [{ version: '0', lessThan: '3.14.2', status: 'affected', versionType: 'python' }],
      },
    ],
  },
} satisfies FieldPatch;

export function publishingWorld(engine: EngineContext) {
  const world = effectsWorld(engine);
  const { app } = world;
  let checkout: TemporaryCheckout;
  beforeEach(async () => {
    checkout = await temporaryCheckout('psrt@python.example');
  });
  afterEach(() => checkout.remove());

  const services = (overrides: Partial<EffectServices> = {}): EffectServices =>
    world.services({ advisoryDatabase: checkout.database, ...overrides });
  const deps = (overrides: Partial<EffectServices> = {}): RunnerDeps =>
    world.deps({ advisoryDatabase: checkout.database, ...overrides });
  /** Runs the effects until nothing is due, the OSV commits included. */
  const settle = (runner: RunnerDeps = deps(), options: RunnerOptions = {}) => world.settle(runner, options);

  return {
    ...world,
    /** The checkout's folder. */
    checkout: () => checkout.dir,
    services,
    deps,
    settle,
    /** The tarfile report, accepted with its CVE ID reserved and `readyFields` recorded: ready to publish. */
    async readyReport(): Promise<{ report: Report; ghsaId: string }> {
      const { report, ghsaId } = await world.triagedReport(READY_TITLE);
      const seth = await app.as('sethmlarson');
      await transitionReport(app.ctx(), seth, report.id, 'accept');
      await settle();
      return { report: await editReport(app.ctx(), seth, report.id, readyFields), ghsaId };
    },
  };
}
