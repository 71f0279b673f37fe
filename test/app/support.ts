// What the use-case tests share: an AppContext over the engine's store with a
// clock the test moves by hand and a silent logger, the devguide roster files,
// and principals resolved from the stored roster the way the web and CLI do.

import { readFileSync } from 'node:fs';
import { beforeEach } from 'vitest';
import { type AppContext, botPrincipal } from '../../src/app/context.ts';
import { UseCaseError, type UseCaseErrorCode } from '../../src/app/errors.ts';
import { createReport, type NewReport } from '../../src/app/reports.ts';
import { importRoster, resolvePrincipal } from '../../src/app/roster.ts';
import { createLogger } from '../../src/config/logger.ts';
import type { Principal, Report } from '../../src/domain/report.ts';
import { listAudit, listEffects, type Store } from '../../src/store/index.ts';
import type { EngineContext } from '../support/engines.ts';

export const DAY_MS = 86_400_000;
export const at = (iso: string): Date => new Date(iso);
export const daysAfter = (date: Date, days: number): Date => new Date(date.getTime() + days * DAY_MS);

/** The devguide roster files as the sandbox ships them (`sandbox/` in the repository). */
export const sandboxFile = (name: 'psrt.csv' | 'psrt-emeritus.csv'): string =>
  readFileSync(new URL(`../../sandbox/${name}`, import.meta.url), 'utf8');

export const devguideRoster = () => ({
  members: { text: sandboxFile('psrt.csv'), source: 'psrt.csv' },
  emeritus: { text: sandboxFile('psrt-emeritus.csv'), source: 'psrt-emeritus.csv' },
});

export const anonymous: Principal = { kind: 'anonymous' };
export { botPrincipal as bot };

/** A clock that stands still until the test moves it. */
export class TestClock {
  #now: Date;
  constructor(readonly start: Date) {
    this.#now = start;
  }
  now = (): Date => new Date(this.#now.getTime());
  set(to: Date): void {
    this.#now = new Date(to.getTime());
  }
  advance(ms: number): Date {
    this.#now = new Date(this.#now.getTime() + ms);
    return this.now();
  }
  advanceDays(days: number): Date {
    return this.advance(days * DAY_MS);
  }
}

export interface TestApp {
  clock: TestClock;
  store(): Store;
  ctx(): AppContext;
  /** Who `login` is to psrt, from the stored roster: a member with roles, or a possible collaborator. */
  as(login: string): Promise<Principal>;
  /** Imports the real devguide member and emeritus lists (the bootstrap import). */
  importDevguideRoster(): Promise<void>;
  /** A triage report created by `by` (a member), with defaults for what the test does not care about. */
  newReport(by: string, input?: Partial<NewReport>): Promise<Report>;
  /** The report's audit actions and outbox effect kinds, oldest first. */
  trail(reportId: string): Promise<{ audit: string[]; effects: string[] }>;
}

/**
 * Call inside a `forEachEngine` body. The clock is back at `start` before every
 * test (after the engine has emptied the tables).
 */
export function testApp(engine: EngineContext, start: Date = at('2026-03-10T09:00:00.000Z')): TestApp {
  const clock = new TestClock(start);
  const log = createLogger('silent');
  beforeEach(() => clock.set(start));
  const app: TestApp = {
    clock,
    store: engine.store,
    ctx: () => ({ store: engine.store(), now: clock.now, log }),
    as: (login) => resolvePrincipal(app.ctx(), login),
    async importDevguideRoster() {
      await importRoster(app.ctx(), botPrincipal, devguideRoster());
    },
    async newReport(by, input = {}) {
      return createReport(app.ctx(), await app.as(by), {
        repository: 'python/cpython',
        title: 'zipfile: heap overflow on a crafted archive',
        description: 'A crafted ZIP64 archive overflows a buffer in the central directory reader.',
        ...input,
      });
    },
    async trail(reportId) {
      const [audit, effects] = await Promise.all([
        listAudit(engine.store().db, reportId),
        listEffects(engine.store().db, { reportId }),
      ]);
      return { audit: audit.map((e) => e.action), effects: effects.map((e) => e.kind) };
    },
  };
  return app;
}

/** The UseCaseError a call fails with; fails the test if it succeeds or fails otherwise. */
export async function failureOf(call: Promise<unknown>): Promise<UseCaseError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof UseCaseError) return error;
    throw new Error(`Expected a UseCaseError, got: ${String(error).split('\n')[0]}`, { cause: error });
  }
  throw new Error('Expected the call to fail, but it succeeded.');
}

/** Asserts the call fails with this use-case error code; returns the error for further checks. */
export async function failsWith(code: UseCaseErrorCode, call: Promise<unknown>): Promise<UseCaseError> {
  const error = await failureOf(call);
  if (error.code !== code) {
    throw new Error(`Expected a "${code}" UseCaseError, got "${error.code}": ${error.message}`, {
      cause: error,
    });
  }
  return error;
}
