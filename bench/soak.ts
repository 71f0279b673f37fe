// The soak (issue 14): two `psrt serve` processes on one PostgreSQL database
// (cluster.ts) under a steady webhook stream, the poller over many advisories
// (`advisories` reported before the instances start, so only polling finds
// them), reports accepted and status questions asked on GitHub, mail to
// security@ and people reading pages, while instances are killed at random and
// the simulators fail (5xx, 429, latency, an installation token expiring,
// CVE Services down). Afterwards: every expected effect happened once, the
// audit chain verifies, and the figures. `npm run soak` runs the long form
// (SOAK_MINUTES, default 10); test/soak/soak.test.ts a short one.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { activeMembers } from '../src/domain/roster.ts';
import { createMailer } from '../src/mail/mailer.ts';
import {
  countPendingMail,
  getReportByGhsaId,
  listEffects,
  listRoster,
  type Store,
  verifyAudit,
} from '../src/store/index.ts';
import { type Cluster, type Instance, startCluster } from './cluster.ts';
import {
  type Account,
  acceptOnGitHub,
  account,
  askStatus,
  leadersOneAtATime,
  settled,
} from './cluster-work.ts';
import { percentile } from './report.ts';
import { reportAtRate, type Sent, seedWorld } from './webhook-world.ts';

export interface SoakOptions {
  databaseUrl: string;
  store: Store;
  /** How long work comes in (the settling afterwards is extra). */
  durationMs: number;
  /** Advisories open on GitHub before the instances start, found by polling. */
  advisories: number;
  /** New vulnerabilities a second, each a webhook delivery. */
  deliveriesPerSecond: number;
  /** Seconds between kills (one random instance, started again two seconds later). */
  killEverySeconds: number;
  /**
   * An instance never killed, so one process lives through the whole run and its memory over
   * time says whether psrt leaks (the long form); by default any instance may be killed.
   */
  spareInstance?: number;
  /** Mail to security@ a second. */
  mailPerSecond: number;
  /**
   * Faults are injected this long from the start (default: all along). A failed effect is
   * retried after psrt's production backoff (a minute, then two): the short form stops the
   * faults early enough for those retries to fall inside it.
   */
  faultsForMs?: number;
  /** How long to wait for psrt to finish once the work stops (default 3 min). */
  settleMs?: number;
  progress?: (line: string) => void;
}

export interface SoakFigures {
  account: Account;
  settled: boolean;
  restarts: number;
  leaderTakes: number;
  leadersOneAtATime: boolean;
  auditIntact: boolean;
  mail: { sent: number; stored: number };
  /** Reports accepted on GitHub and status questions asked during the run. */
  poller: { accepted: number; asked: number };
  /** Page reads answered and failed (a 5xx or no answer), and the last failure: path and status. */
  reads: { ok: number; failed: number; lastFailure: string | null };
  /** Webhook sent → the report's effects done, ms. */
  webhookToEffect: { p50: number; p99: number };
  /** Peak resident memory per instance (MB), over all its processes, and of its last (longest-lived) one. */
  peakRssMb: number[];
  /**
   * The spared instance's resident memory (MB, median of a minute's samples): in the second
   * minute of work (warmed up) and in the last; null without a spared instance or a long enough run.
   */
  spareRss: { warmMb: number; endMb: number; minutes: number } | null;
  errors: string[];
}

/** Runs `every` every `ms` until `stop` says so; returns once the last run finished. */
async function repeat(ms: number, stop: () => boolean, every: () => Promise<void>): Promise<void> {
  while (!stop()) {
    const started = performance.now();
    await every();
    await sleep(Math.max(0, ms - (performance.now() - started)));
  }
}

export async function runSoak(options: SoakOptions): Promise<SoakFigures> {
  const say = options.progress ?? (() => {});
  const { store } = options;
  const early: Sent[] = [];
  const cluster: Cluster = await startCluster({
    databaseUrl: options.databaseUrl,
    instances: 2,
    mailIntake: true,
    seed: async (c) => {
      await seedWorld(store, c);
      // Open before psrt starts and sends no webhook to it: the poller finds them.
      early.push(...(await reportAtRate(c, options.advisories, 100_000)).sent);
    },
  });
  const c = cluster.github.sim.control;
  const cve = cluster.cve.sim.control;
  const member =
    activeMembers(await listRoster(store.db)).flatMap((m) => (m.login ? [m.login] : []))[2] ?? '';
  let stopping = false;
  const stop = () => stopping;
  const streamed: Sent[] = [];
  const accepted: Sent[] = [];
  const asked: Sent[] = [];
  let restarts = 0;
  const mailIds: string[] = [];
  const reads: SoakFigures['reads'] = { ok: 0, failed: 0, lastFailure: null };
  say(`2 instances up; ${options.advisories} advisories open for the poller`);
  const workStarted = Date.now();

  const stream = repeat(1_000, stop, async () => {
    streamed.push(...(await reportAtRate(c, options.deliveriesPerSecond, options.deliveriesPerSecond)).sent);
  });
  // The poller's work: accept one in ten reports seen so far, ask about another.
  const onGitHub = repeat(2_000, stop, async () => {
    const pool = [...early, ...streamed];
    const candidate = pool[Math.floor(Math.random() * pool.length)];
    if (!candidate || accepted.includes(candidate) || asked.includes(candidate)) return;
    const report = await getReportByGhsaId(store.db, candidate.ghsaId);
    if (!report) return;
    // The team must be on the GHSA for the member to see it and comment.
    const advisory = c.advisory({ owner: 'python', repo: candidate.repo, ghsaId: candidate.ghsaId });
    if (Math.random() < 0.5) {
      acceptOnGitHub(c, candidate);
      accepted.push(candidate);
    } else if (advisory.collaborating_teams?.some((t) => t.slug === 'psrt')) {
      askStatus(c, candidate, member);
      asked.push(candidate);
    }
  });
  // security@: sent to either instance's intake; a refused or cut connection is retried elsewhere, as an MTA does.
  const mail = repeat(1_000 / options.mailPerSecond, stop, async () => {
    const messageId = `${randomUUID()}@reporter.example`;
    for (let tries = 0; tries < 6; tries++) {
      const live = cluster.instances.filter((i) => i.alive && i.smtpUrl);
      const target = live[Math.floor(Math.random() * live.length)];
      if (!target?.smtpUrl) {
        await sleep(500);
        continue;
      }
      const mailer = createMailer({
        url: target.smtpUrl,
        from: 'reporter@example.org',
        team: 'security@python.org',
      });
      try {
        await mailer.send({
          to: 'security@python.org',
          subject: `Crash in the parser ${mailIds.length}`,
          text: 'A crafted file crashes the parser.\n',
          messageId,
        });
        mailIds.push(messageId);
        return;
      } catch {
        await sleep(200);
      } finally {
        mailer.close();
      }
    }
  });
  // People reading, signed out, through the balancer: the public advisories and metrics, and the
  // front page (a redirect to the advisories). Sign-in is not set up here: /signin would say so (503).
  const people = repeat(200, stop, async () => {
    for (const path of ['/advisories', '/stats', '/']) {
      const answer = await fetch(`${cluster.url}${path}`).catch(() => null);
      await answer?.arrayBuffer();
      // Answered by psrt (the front page sends a signed-out visitor on): a 5xx or no answer failed.
      if (answer && answer.status < 500) reads.ok++;
      else {
        reads.failed++;
        reads.lastFailure = `${path}: ${answer ? answer.status : 'no answer'}`;
      }
    }
  });
  const faultsUntil = performance.now() + (options.faultsForMs ?? options.durationMs);
  const faults = repeat(
    7_000,
    () => stopping || performance.now() > faultsUntil,
    async () => {
      const pick = Math.floor(Math.random() * 5);
      if (pick === 0) c.injectFault({ match: { path: '^/repos/' }, kind: 'status', status: 502, times: 3 });
      if (pick === 1)
        c.injectFault({
          match: { path: '^/repos/' },
          kind: 'secondary-rate-limit',
          status: 429,
          retryAfter: 1,
          times: 2,
        });
      if (pick === 2) c.injectFault({ match: { path: '^/' }, kind: 'latency', ms: 400, times: 10 });
      if (pick === 3)
        c.injectFault({ match: { path: '^/app/installations/' }, kind: 'token-expiry', times: 1 });
      if (pick === 4) cve.injectFault({ path: '/cve-id', status: 503, times: 3 });
    },
  );
  const kills = repeat(options.killEverySeconds * 1_000, stop, async () => {
    if (stopping) return;
    const candidates = cluster.instances
      .map((instance) => instance.index)
      .filter((index) => index !== options.spareInstance);
    const victim = candidates[Math.floor(Math.random() * candidates.length)] ?? 0;
    await cluster.kill(victim);
    await sleep(2_000);
    await cluster.start(victim);
    restarts++;
    say(`killed and restarted instance ${victim} (${restarts} so far)`);
  });

  await sleep(options.durationMs);
  const workEnded = Date.now();
  stopping = true;
  await Promise.all([stream, onGitHub, mail, people, faults, kills]);
  c.clearFaults();
  cve.clearFaults();
  say(
    `work stopped: ${streamed.length} delivered, ${accepted.length} accepted, ${asked.length} asked, ${mailIds.length} mails`,
  );

  const work = { sent: [...early, ...streamed], accepted, asked };
  // Effects failing against the faults back off; a minute or two brings them round.
  const isSettled = await settled(store, cluster, work, options.settleMs ?? 180_000);
  const pendingMail = await (async () => {
    for (let i = 0; i < 60; i++) {
      if ((await countPendingMail(store.db)) === 0) return 0;
      await sleep(500);
    }
    return countPendingMail(store.db);
  })();
  const result = await account(store, cluster, work);
  const stored = await store.db.execute(
    `select count(distinct message_id)::int as n from mail_messages where message_id like '%@reporter.example%'`,
  );
  const storedMail = Number((stored as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0);
  if (storedMail !== mailIds.length || pendingMail > 0) {
    result.lost += Math.max(0, mailIds.length - storedMail);
    result.problems.push(`${mailIds.length} mails sent, ${storedMail} stored, ${pendingMail} unread`);
  }
  const latencies: number[] = [];
  for (const sent of streamed) {
    const report = await getReportByGhsaId(store.db, sent.ghsaId);
    const effects = report ? await listEffects(store.db, { reportId: report.id }) : [];
    const done = effects.map((e) => e.completedAt?.getTime() ?? Number.NaN);
    if (done.length > 0 && done.every(Number.isFinite)) latencies.push(Math.max(...done) - sent.at);
  }
  const leadership = leadersOneAtATime(cluster.leaderEvents, cluster.ended);
  const audit = await verifyAudit(store.db);
  const figures: SoakFigures = {
    account: result,
    settled: isSettled,
    restarts,
    leaderTakes: leadership.takes,
    leadersOneAtATime: leadership.ok,
    auditIntact: audit.ok,
    mail: { sent: mailIds.length, stored: storedMail },
    poller: { accepted: accepted.length, asked: asked.length },
    reads,
    webhookToEffect: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
    peakRssMb: cluster.instances.map((i) => Math.round(Math.max(...i.peakRss) / 2 ** 20)),
    spareRss: spareRssOf(
      options.spareInstance === undefined ? undefined : cluster.instances[options.spareInstance],
      workStarted,
      workEnded,
    ),
    errors: cluster.errors,
  };
  await cluster.close();
  return figures;
}

/** The spared instance's memory in the second minute of work and in the last (medians, MB). */
function spareRssOf(
  instance: Instance | undefined,
  workStarted: number,
  workEnded: number,
): SoakFigures['spareRss'] {
  const minutes = (workEnded - workStarted) / 60_000;
  if (!instance || minutes < 3) return null;
  const mbDuring = (from: number, to: number) => {
    const samples = instance.rssSeries.filter((s) => s.at >= from && s.at < to).map((s) => s.rss);
    return samples.length > 0 ? Math.round(percentile(samples, 50) / 2 ** 20) : Number.NaN;
  };
  return {
    warmMb: mbDuring(workStarted + 60_000, workStarted + 120_000),
    endMb: mbDuring(workEnded - 60_000, workEnded),
    minutes,
  };
}

/** The figures as `npm run soak` prints them (and BENCHMARKS.md records them). */
export function formatFigures(f: SoakFigures, minutes: number): string {
  const a = f.account;
  return [
    `soak: 2 instances, ${minutes.toFixed(1)} min of work`,
    `effects expected ${a.expected}, done ${a.done}, duplicated ${a.duplicated}, lost ${a.lost}${f.settled ? '' : ' (DID NOT SETTLE)'}`,
    `webhook deliveries recorded ${a.deliveries.recorded}, handled again after a kill ${a.deliveries.retried}, not done ${a.deliveries.notDone}`,
    `polled: ${f.poller.accepted} reports accepted on GitHub (a CVE ID each), ${f.poller.asked} status questions answered`,
    `mail to security@ sent ${f.mail.sent}, stored ${f.mail.stored}; page reads ${f.reads.ok} answered, ${f.reads.failed} failed${f.reads.lastFailure ? ` (last: ${f.reads.lastFailure})` : ''}`,
    `restarts survived ${f.restarts}; leader taken ${f.leaderTakes} times, one at a time: ${f.leadersOneAtATime ? 'yes' : 'NO'}`,
    `webhook → effect p50 ${Math.round(f.webhookToEffect.p50)} ms, p99 ${Math.round(f.webhookToEffect.p99)} ms`,
    `peak RSS per instance ${f.peakRssMb.map((mb) => `${mb} MB`).join(', ')}`,
    ...(f.spareRss
      ? [
          `RSS of the instance never killed: ${f.spareRss.warmMb} MB in minute 2, ${f.spareRss.endMb} MB in the last minute of ${f.spareRss.minutes.toFixed(1)}` +
            (f.spareRss.endMb > 1.5 * f.spareRss.warmMb ? ' (GROWING)' : ' (bounded)'),
        ]
      : []),
    `audit chain ${f.auditIntact ? 'verifies' : 'BROKEN'}`,
    ...a.problems.slice(0, 20).map((p) => `  problem: ${p}`),
  ].join('\n');
}
