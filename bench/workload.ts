// Fills a store the way the PSRT would over months: reports created through
// the use-cases at the time they arrived, then some moved through assign,
// determine, accept, edit, publish, reject and extend, and collaborators
// granted access. Only use-cases are called, so every write has its audit event.
import { readFile } from 'node:fs/promises';
import { inArray } from 'drizzle-orm';
import type { AppContext } from '../src/app/context.ts';
import { botPrincipal } from '../src/app/context.ts';
import { grantAccess, revokeAccess } from '../src/app/grants.ts';
import {
  assignCoordinator,
  createReport,
  determineReport,
  editReport,
  extendDeadline,
  transitionReport,
} from '../src/app/reports.ts';
import { importRoster, resolvePrincipal } from '../src/app/roster.ts';
import { createLogger } from '../src/config/logger.ts';
import type { Principal } from '../src/domain/report.ts';
import { DAY_MS, HOUR_MS } from '../src/domain/time.ts';
import type { Store } from '../src/store/index.ts';
import { outbox } from '../src/store/schema.ts';
import { benchNow, pick, repositories, seededRandom, titles } from './data.ts';

/** A context whose clock the workload moves, so each step happens "at" its own time. */
export interface ClockedContext extends AppContext {
  setNow(at: Date | number): void;
}

export function clockedContext(store: Store): ClockedContext {
  let now = benchNow;
  return {
    store,
    now: () => now,
    log: createLogger('silent'),
    setNow(at) {
      now = new Date(Math.min(typeof at === 'number' ? at : at.getTime(), benchNow.getTime()));
    },
  };
}

const rosterFile = (name: string) => new URL(`../sandbox/${name}`, import.meta.url);

/** The real roster, imported as a new installation does. */
export async function importSandboxRoster(ctx: ClockedContext): Promise<void> {
  ctx.setNow(benchNow.getTime() - 365 * DAY_MS);
  await importRoster(ctx, botPrincipal, {
    members: { text: await readFile(rosterFile('psrt.csv'), 'utf8'), source: 'psrt.csv' },
    emeritus: { text: await readFile(rosterFile('psrt-emeritus.csv'), 'utf8'), source: 'psrt-emeritus.csv' },
  });
}

/** GHSA ids use this alphabet; one id per report number. */
const ghsaAlphabet = '23456789cfghjmpqrvwx';
function ghsaIdOf(n: number): string {
  let digits = '';
  let rest = n;
  for (let i = 0; i < 12; i++) {
    digits += ghsaAlphabet[rest % 20];
    rest = Math.floor(rest / 20);
  }
  return `GHSA-${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8, 12)}`;
}

export type Fate = 'triage' | 'assigned' | 'accepted' | 'published' | 'rejected';

export interface Planned {
  n: number;
  receivedAt: number;
  fate: Fate;
  id?: string;
}

/** The fate whose share of [0, 1) holds `r`. */
function fateFor(r: number, fates: ReadonlyArray<[Fate, number]>): Fate {
  let below = 0;
  for (const [fate, share] of fates) {
    below += share;
    if (r < below) return fate;
  }
  return 'triage';
}

/** Which reports exist and what becomes of each: most open (a busy queue is the slow case), a tail finished. */
export function planReports(count: number): Planned[] {
  const random = seededRandom(2024);
  const fates: Array<[Fate, number]> = [
    ['triage', 0.65],
    ['assigned', 0.07],
    ['accepted', 0.18],
    ['published', 0.03],
    ['rejected', 0.07],
  ];
  const plan = Array.from({ length: count }, (_, i) => {
    const fate = fateFor(random(), fates);
    // Received over the last 200 days: deadlines spread from 110 days overdue to 90 days ahead.
    return { n: i + 1, receivedAt: benchNow.getTime() - Math.floor(random() * 200 * DAY_MS), fate };
  });
  return plan.sort((a, b) => a.receivedAt - b.receivedAt);
}

/** Creates every planned report through `createReport`, at the time it was filed. */
export async function createPlanned(ctx: ClockedContext, actor: Principal, plan: Planned[]): Promise<void> {
  const random = seededRandom(7);
  for (const item of plan) {
    // Some reached security@ by email first and were filed on GHSA up to two days later.
    ctx.setNow(item.receivedAt + (random() < 0.2 ? Math.floor(random() * 2 * DAY_MS) : 0));
    const report = await createReport(ctx, actor, {
      repository: pick(random, repositories),
      title: pick(random, titles),
      description:
        'A crafted input makes the parser misbehave. Steps to reproduce and a proof of concept follow.',
      receivedAt: new Date(item.receivedAt),
      ghsaId: random() < 0.5 ? ghsaIdOf(item.n) : null,
      reporter: `finder-${item.n % 700}`,
    });
    item.id = report.id;
  }
}

const coordinators = ['sethmlarson', 'gpshead', 'encukou', 'ewdurbin', 'picnixz', 'woodruffw', 'dstufft'];

/** Moves each report to its planned fate; returns how many use-case calls that took. */
export async function advancePlanned(ctx: ClockedContext, plan: Planned[]): Promise<number> {
  const random = seededRandom(99);
  const principals = new Map<string, Principal>();
  for (const login of coordinators) principals.set(login, await resolvePrincipal(ctx, login));
  let steps = 0;
  for (const item of plan) {
    const id = item.id;
    if (!id || item.fate === 'triage') continue;
    const login = pick(random, coordinators);
    const actor = principals.get(login) as Principal;
    const at = (days: number) => ctx.setNow(item.receivedAt + days * DAY_MS);
    const step = async (days: number, run: () => Promise<unknown>) => {
      at(days);
      await run();
      steps++;
    };
    // Half the rejections are spam, which any member closes without a coordinator or a determination.
    if (item.fate === 'rejected' && random() < 0.5) {
      await step(1, () =>
        transitionReport(ctx, actor, id, 'reject', {
          rejection: { reason: 'spam', detail: null },
        }),
      );
      continue;
    }
    await step(1, () => assignCoordinator(ctx, actor, id, login));
    if (item.fate === 'assigned') continue;
    if (item.fate === 'rejected') {
      await step(2, () => determineReport(ctx, actor, id, 'not-security-bug'));
      await step(3, () =>
        transitionReport(ctx, actor, id, 'reject', {
          rejection: {
            reason: 'public-issue',
            detail: `https://github.com/python/cpython/issues/${140000 + item.n}`,
          },
        }),
      );
      continue;
    }
    await step(2, () => determineReport(ctx, actor, id, 'vulnerability'));
    await step(2 + 1 / 24, () => transitionReport(ctx, actor, id, 'accept'));
    if (item.fate === 'accepted') {
      if (random() < 0.1) {
        await step(60, () =>
          extendDeadline(ctx, actor, id, {
            days: 30,
            reason: 'The fix needs every maintained branch.',
            reporterAgreed: true,
          }),
        );
      }
      continue;
    }
    await step(20, () =>
      editReport(ctx, actor, id, {
        cveId: `CVE-2026-${40000 + item.n}`,
        cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N',
        affected: [
          {
            ecosystem: 'PyPI',
            package: 'cpython',
            vulnerableVersionRange: '< 3.14.1',
            patchedVersions: '3.14.1',
          },
        ],
        fixPullRequests: [
          {
            url: `https://github.com/python/cpython/pull/${150000 + item.n}`,
            public: true,
            merged: true,
            backport: false,
          },
        ],
        creditPreference: { credit: true, name: 'A. Finder' },
      }),
    );
    await step(21, () => transitionReport(ctx, actor, id, 'publish'));
  }
  return steps;
}

export const collaboratorLogin = 'bench-collaborator';

/**
 * Grants: the reporter of every tenth report gets access (a realistic grants
 * table), and one collaborator gets a few grants — active ones on open
 * reports, one revoked, one expired — whose list the benchmark then reads.
 */
export async function grantPlanned(ctx: ClockedContext, plan: Planned[]): Promise<number> {
  const random = seededRandom(5);
  const granter = await resolvePrincipal(ctx, 'sethmlarson');
  let grants = 0;
  for (const item of plan) {
    if (!item.id || item.n % 10 !== 0) continue;
    ctx.setNow(item.receivedAt + 1 * DAY_MS + Math.floor(random() * 12 * HOUR_MS));
    await grantAccess(ctx, granter, item.id, { login: `finder-${item.n % 700}`, reason: 'reporter' });
    grants++;
  }
  const open = plan.filter(
    (item) => item.id && (item.fate === 'triage' || item.fate === 'accepted' || item.fate === 'assigned'),
  );
  const chosen = Array.from(
    { length: 7 },
    (_, i) => open[Math.floor(((i + 0.5) / 7) * open.length)]?.id as string,
  );
  ctx.setNow(benchNow.getTime() - 10 * DAY_MS);
  for (const id of chosen.slice(0, 5)) {
    await grantAccess(ctx, granter, id, {
      login: collaboratorLogin,
      reason: 'maintainer of the affected module',
    });
  }
  const [revoked, expired] = chosen.slice(5);
  if (revoked) {
    await grantAccess(ctx, granter, revoked, { login: collaboratorLogin, reason: 'reviewing the fix' });
    await revokeAccess(ctx, granter, revoked, collaboratorLogin);
  }
  if (expired) {
    await grantAccess(ctx, granter, expired, {
      login: collaboratorLogin,
      reason: 'one-off review',
      expiresAt: new Date(benchNow.getTime() - 2 * DAY_MS),
    });
  }
  return grants + 8;
}

/**
 * Marks every effect the workload queued as done, as months of a running
 * server would have: a benchmark of reads then measures the server at rest,
 * not its runner working through a backlog of 10,000 reports' GitHub calls.
 */
export async function settleEffects(store: Store): Promise<void> {
  await store.db
    .update(outbox)
    .set({ status: 'done', completedAt: benchNow, result: { settled: 'by the benchmark workload' } })
    .where(inArray(outbox.status, ['pending', 'claimed', 'failed']));
}
