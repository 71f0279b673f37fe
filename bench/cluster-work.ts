// What the multi-instance tests and the soak ask of a cluster (cluster.ts),
// and the account afterwards: every expected effect happened once on the
// simulators, none twice, none lost. Work comes in the three ways it does in
// production: webhook deliveries (a vulnerability reported on GitHub), the
// poller (a report accepted with GitHub's "Accept as draft" button, which
// reserves a CVE ID; a member's `@psrt-bot status` comment, which the bot
// answers), and (in the soak) mail to security@.
import { setTimeout as sleep } from 'node:timers/promises';
import type { GitHubSimControl } from '../sim/github/index.ts';
import {
  getReportByGhsaId,
  listDeliveries,
  listEffects,
  outboxSummary,
  type Store,
} from '../src/store/index.ts';
import type { Cluster } from './cluster.ts';
import type { Sent } from './webhook-world.ts';

/** A report accepted on GitHub: psrt reserves one CVE ID for it. */
export function acceptOnGitHub(c: GitHubSimControl, sent: Sent): void {
  c.acceptReport({ as: 'ned', owner: 'python', repo: sent.repo, ghsaId: sent.ghsaId });
}

/** A member asks the bot for the report's status: the bot answers once. */
export function askStatus(c: GitHubSimControl, sent: Sent, member: string): void {
  c.comment({ as: member, owner: 'python', repo: sent.repo, ghsaId: sent.ghsaId, body: '@psrt-bot status' });
}

/** The bot's answer (`@member:` and the status line). */
const isStatusReply = (body: string) => /^@\S+:\n\nState: /.test(body);

/**
 * Waits until psrt has done all it was asked (every delivery handled, every
 * effect done, every accepted report with its CVE ID, every status question
 * answered) or `timeoutMs` passed; true when it got there.
 */
export async function settled(
  store: Store,
  cluster: Cluster,
  work: { sent: Sent[]; accepted: Sent[]; asked: Sent[] },
  timeoutMs: number,
): Promise<boolean> {
  const c = cluster.github.sim.control;
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const { byStatus } = await outboxSummary(store.db);
    const deliveries = await listDeliveries(store.db, { status: 'pending' });
    const busy = byStatus.pending + byStatus.claimed + deliveries.length > 0;
    if (!busy) {
      const reports = await Promise.all(work.sent.map((s) => getReportByGhsaId(store.db, s.ghsaId)));
      const accepted = new Set(work.accepted.map((s) => s.ghsaId));
      const allOpened = reports.every((r) => r !== null);
      const allReserved = reports.every((r) => !r || !accepted.has(r.ghsaId ?? '') || r.cveId !== null);
      const allAnswered = work.asked.every((s) =>
        c
          .advisoryComments({ owner: 'python', repo: s.repo, ghsaId: s.ghsaId })
          .some((x) => isStatusReply(x.body)),
      );
      if (allOpened && allReserved && allAnswered) return true;
    }
    await sleep(250);
  }
  return false;
}

export interface Account {
  /** Effects psrt enqueued for the work, and the simulators' outcomes expected from it. */
  expected: number;
  done: number;
  /** Outcomes seen more than once at the simulators (a second report, CVE ID, reply or write). */
  duplicated: number;
  /** Expected outcomes missing (an effect not done, a report, CVE ID or reply missing). */
  lost: number;
  /** What was duplicated or lost, one line each, for a failing test to show. */
  problems: string[];
  /** Webhook deliveries recorded, and how many were handled more than once (a second attempt). */
  deliveries: { recorded: number; retried: number; notDone: number };
}

/** Counts what psrt did for `work` against what the simulators hold. */
export async function account(
  store: Store,
  cluster: Cluster,
  work: { sent: Sent[]; accepted: Sent[]; asked: Sent[] },
): Promise<Account> {
  const c = cluster.github.sim.control;
  const problems: string[] = [];
  let expected = 0;
  let done = 0;
  let duplicated = 0;
  let lost = 0;

  const effects = await listEffects(store.db, {});
  expected += effects.length;
  done += effects.filter((e) => e.status === 'done').length;
  for (const effect of effects.filter((e) => e.status !== 'done')) {
    lost++;
    problems.push(`effect ${effect.key} is ${effect.status}: ${effect.lastError ?? ''}`);
  }

  // A report per GHSA, with the PSRT team on its GHSA.
  const accepted = new Set(work.accepted.map((s) => s.ghsaId));
  const cveIds: string[] = [];
  for (const sent of work.sent) {
    expected++;
    const report = await getReportByGhsaId(store.db, sent.ghsaId);
    const advisory = c.advisory({ owner: 'python', repo: sent.repo, ghsaId: sent.ghsaId });
    const hasTeam = advisory.collaborating_teams?.some((team) => team.slug === 'psrt') ?? false;
    if (!report || !hasTeam) {
      lost++;
      problems.push(`${sent.ghsaId}: ${report ? 'no PSRT team on the GHSA' : 'no report'}`);
    } else done++;
    if (accepted.has(sent.ghsaId)) {
      expected++;
      if (report?.cveId) {
        done++;
        cveIds.push(report.cveId);
      } else {
        lost++;
        problems.push(`${sent.ghsaId}: accepted on GitHub, no CVE ID`);
      }
    }
  }
  // One CVE ID reserved per accepted report: any more is an ID reserved twice.
  const reservations = cluster.cve.sim.control
    .requests()
    .filter((r) => r.method === 'POST' && r.path.includes('/cve-id') && r.status < 300).length;
  if (reservations > work.accepted.length) {
    duplicated += reservations - work.accepted.length;
    problems.push(`${reservations} CVE ID reservations for ${work.accepted.length} accepted reports`);
  }
  if (new Set(cveIds).size !== cveIds.length) {
    duplicated += cveIds.length - new Set(cveIds).size;
    problems.push('two reports hold the same CVE ID');
  }
  // One answer per status question.
  for (const sent of work.asked) {
    expected++;
    const replies = c
      .advisoryComments({ owner: 'python', repo: sent.repo, ghsaId: sent.ghsaId })
      .filter((x) => isStatusReply(x.body)).length;
    if (replies === 0) {
      lost++;
      problems.push(`${sent.ghsaId}: the status question was not answered`);
    } else done++;
    if (replies > 1) {
      duplicated += replies - 1;
      problems.push(`${sent.ghsaId}: the status question was answered ${replies} times`);
    }
  }

  const deliveries = await listDeliveries(store.db, {});
  return {
    expected,
    done,
    duplicated,
    lost,
    problems,
    deliveries: {
      recorded: deliveries.length,
      retried: deliveries.filter((d) => d.attempts > 1).length,
      notDone: deliveries.filter((d) => d.status !== 'done' && d.status !== 'ignored').length,
    },
  };
}

/**
 * Whether one instance led at a time: ordered by time, an instance takes the
 * lead only once the one before it lost it, stopped or was killed (`ended`:
 * when each process of each instance ended, by pid).
 */
export function leadersOneAtATime(
  events: Cluster['leaderEvents'],
  ended: ReadonlyMap<number, number>,
): { ok: boolean; takes: number; problem?: string } {
  const takes = events.filter((e) => e.event === 'took').sort((a, b) => a.at - b.at);
  for (let i = 1; i < takes.length; i++) {
    const before = takes[i - 1];
    const now = takes[i];
    if (!before || !now) continue;
    const lost = events.find((e) => e.event === 'lost' && e.pid === before.pid && e.at >= before.at);
    const gone = Math.min(
      lost?.at ?? Number.POSITIVE_INFINITY,
      ended.get(before.pid) ?? Number.POSITIVE_INFINITY,
    );
    if (gone > now.at)
      return {
        ok: false,
        takes: takes.length,
        problem: `pid ${now.pid} took the lead at ${now.at} while pid ${before.pid} still held it`,
      };
  }
  return { ok: true, takes: takes.length };
}
