// Issue 9's watch numbers: 1,000 advisories in 50 repositories, watched by
// the bot for one simulated hour while 50 changes happen on GitHub. Counted:
// the requests the bot's polling spent against the rate limit, and the delay
// from each change to psrt having acted on it (goals ≤ 100 requests, delay
// ≤ 60 s). Beside them, the same for today's bot (python/psrt-ghsa-bot): an
// hourly read of each repository's first page of advisories.
import { readFile } from 'node:fs/promises';
import { createGitHubSim } from '../sim/github/index.ts';
import { psrtAppSeed } from '../sim/github/psrt-app.ts';
import type { BotSettings } from '../src/app/bot/observe.ts';
import { pollAdvisories } from '../src/app/bot/poller.ts';
import { type AppContext, botPrincipal } from '../src/app/context.ts';
import { importRoster } from '../src/app/roster.ts';
import { createLogger } from '../src/config/logger.ts';
import { createGitHubClient } from '../src/github/index.ts';
import { getReportByGhsaId, listEffects } from '../src/store/index.ts';
import { freshStore } from './engines.ts';
import { type BenchOptions, percentile, progress, type Row, scaled } from './report.ts';

const benchmark = 'bot';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const roster = (name: string) =>
  readFile(new URL(`../vendor/python-devguide/security/${name}`, import.meta.url), 'utf8');
const repoName = (r: number) => `repo-${String(r).padStart(2, '0')}`;

/** A small seeded generator, so every run makes the same changes at the same times. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

interface Change {
  at: number;
  kind: string;
  apply: () => void;
  /** Whether psrt has acted on the change, once applied. */
  done: (ctx: AppContext) => Promise<boolean>;
  seenAt?: number;
}

export async function run(options: BenchOptions): Promise<Row[]> {
  const repos = scaled(50, options, 2);
  const perRepo = 20;
  const changesWanted = scaled(50, options, 5);
  const pollMs = 30_000;
  const hourMs = 3_600_000;
  let now = Date.parse('2026-11-02T09:00:00Z');
  const clock = () => new Date(now);
  const sim = createGitHubSim({ now: clock });
  const c = sim.control;
  const members = ['sethmlarson', 'encukou', 'gpshead'];
  for (const login of [...members, 'mira-finds-bugs']) c.addUser({ login });
  c.addOrg({ login: 'python', owners: ['sethmlarson'], members: ['encukou', 'gpshead'] });
  c.addTeam({ org: 'python', slug: 'psrt', members });
  progress(benchmark, `seeding ${repos * perRepo} advisories in ${repos} repositories (2 open in each)`);
  const open: { repo: string; ghsaId: string }[] = [];
  for (let r = 0; r < repos; r++) {
    const repo = repoName(r);
    c.addRepo({ owner: 'python', name: repo });
    for (let a = 0; a < perRepo; a++) {
      const advisory = { summary: `Advisory ${a} in ${repo}`, description: 'Details.' };
      if (a < 2) {
        const reported = c.reportVulnerability({ as: 'mira-finds-bugs', owner: 'python', repo, advisory });
        open.push({ repo, ghsaId: reported.ghsa_id });
        continue;
      }
      const created = c.createAdvisory({
        as: 'sethmlarson',
        owner: 'python',
        repo,
        advisory: {
          ...advisory,
          vulnerabilities: [{ package: { ecosystem: 'pip', name: repo } }],
          severity: 'low',
        },
      });
      c.closeAdvisory({ as: 'sethmlarson', owner: 'python', repo, ghsaId: created.ghsa_id });
    }
  }
  const spent = new Map<string, number>();
  const installed = c.createApp(psrtAppSeed(['python'], 'psrt-bench'));
  const github = createGitHubClient({
    appId: installed.appId,
    privateKey: installed.privateKey,
    baseUrl: 'http://github.sim',
    fetch: async (request) => {
      const response = await sim.fetch(request);
      if (response.status !== 304) {
        const path = new URL(request.url).pathname
          .replace(/GHSA(-[0-9a-z]{4}){3}/g, ':ghsa')
          .replace(/repo-\d+/g, ':repo')
          .replace(/\/\d+/g, '/:n');
        spent.set(`${request.method} ${path}`, (spent.get(`${request.method} ${path}`) ?? 0) + 1);
      }
      return response;
    },
    log: quiet,
    now: clock,
    serializeWrites: false,
  });
  const fresh = await freshStore('pglite');
  const ctx: AppContext = { store: fresh.store, now: clock, log: createLogger('silent') };
  await importRoster(ctx, botPrincipal, {
    members: { text: await roster('psrt.csv'), source: 'psrt.csv' },
    emeritus: { text: await roster('psrt-emeritus.csv'), source: 'psrt-emeritus.csv' },
  });
  const bot: BotSettings = { team: 'psrt', name: 'psrt-bot', outsiders: async () => [] };
  try {
    progress(benchmark, 'first look: every open advisory mirrored (not counted)');
    await pollAdvisories(ctx, github, bot);
    const start = now;

    // Fifty changes at random moments of the hour, of the kinds the bot must see, round-robin.
    const random = seeded(811);
    const kinds = ['new report', 'title edited', 'coordinator credited', 'command comment'] as const;
    const changes: Change[] = Array.from({ length: changesWanted }, (_, i) => {
      const target = open[i % open.length] ?? { repo: repoName(0), ghsaId: '' };
      const ref = { owner: 'python', repo: target.repo, ghsaId: target.ghsaId };
      const at = start + Math.floor(random() * (hourMs - pollMs));
      const kind = kinds[i % kinds.length] as (typeof kinds)[number];
      const reportOf = (x: AppContext) => getReportByGhsaId(x.store.db, ref.ghsaId);
      const change: Change = { at, kind, apply: () => {}, done: async () => false };
      change.apply = () => {
        if (kind === 'new report') {
          const made = c.reportVulnerability({
            as: 'mira-finds-bugs',
            owner: 'python',
            repo: target.repo,
            advisory: { summary: `New report ${i}`, description: 'Fresh details.' },
          });
          change.done = async (x) => (await getReportByGhsaId(x.store.db, made.ghsa_id)) !== null;
        } else if (kind === 'title edited') {
          const title = `Edited title ${i}`;
          c.editAdvisory({ as: 'sethmlarson', ...ref, changes: { summary: title } });
          change.done = async (x) => (await reportOf(x))?.title === title;
        } else if (kind === 'coordinator credited') {
          const login = members[i % members.length] as string;
          c.editAdvisory({
            as: 'sethmlarson',
            ...ref,
            changes: { credits: [{ login, type: 'coordinator' }] },
          });
          change.done = async (x) => (await reportOf(x))?.coordinator === login;
        } else {
          const comment = c.comment({ as: 'sethmlarson', ...ref, body: '@psrt-bot status' });
          change.done = async (x) => {
            const effects = await listEffects(x.store.db, { reportId: (await reportOf(x))?.id });
            return effects.some((e) => e.key === `command:${ref.ghsaId}:${comment.id}`);
          };
        }
      };
      return change;
    }).sort((x, y) => x.at - y.at);

    github.resetCounters();
    spent.clear();
    progress(benchmark, `one simulated hour: a poll every ${pollMs / 1000} s, ${changes.length} changes`);
    let next = 0;
    for (let t = start + pollMs; t <= start + hourMs; t += pollMs) {
      while (next < changes.length && (changes[next]?.at ?? Number.POSITIVE_INFINITY) < t) {
        const change = changes[next++] as Change;
        now = change.at;
        change.apply();
      }
      now = t;
      await pollAdvisories(ctx, github, bot);
      for (const change of changes.slice(0, next)) {
        if (change.seenAt === undefined && (await change.done(ctx))) change.seenAt = t;
      }
    }
    const counters = github.counters();
    const breakdown = [...spent].sort((x, y) => y[1] - x[1]).map(([k, n]) => `${n} ${k}`);
    progress(benchmark, `requests GitHub counted, by kind: ${breakdown.join('; ')}`);
    const delays = changes.map((change) => (change.seenAt ?? Number.NaN) - change.at);
    const missed = delays.filter((d) => Number.isNaN(d)).length;
    const seen = delays.filter((d) => !Number.isNaN(d)).map((d) => d / 1000);

    // Today's bot: an hourly run reading the first page of each repository's advisories.
    github.resetCounters();
    const installation = github.forInstallation(installed.installations[0]?.id ?? 0);
    for (let r = 0; r < repos; r++) {
      await installation.listRepoAdvisories('python', repoName(r), {});
    }
    const hourly = github.counters();
    const hourlyDelays = changes.map((change) => (start + hourMs - change.at) / 1000);

    return [
      {
        benchmark,
        name: `psrt: requests counted against the rate limit in an hour (${repos * perRepo} advisories, ${repos} repos)`,
        value: counters.countedAgainstLimit,
        unit: 'requests',
        goal: { atMost: 100 },
        note: `${counters.requests} requests made, ${counters.notModified} answered 304 (free); a poll every ${pollMs / 1000} s; installation tokens renewed as they expired (ETags do not carry over)`,
      },
      {
        benchmark,
        name: 'psrt: change → acted on, p50',
        value: percentile(seen, 50),
        unit: 's',
        note: `${changes.length} changes (${[...new Set(changes.map((ch) => ch.kind))].join(', ')}); ${missed} not acted on within the hour`,
      },
      {
        benchmark,
        name: 'psrt: change → acted on, max',
        value: Math.max(...seen),
        unit: 's',
        goal: { atMost: 60 },
      },
      {
        benchmark,
        name: "today's bot: requests in an hour (first page per repository, hourly)",
        value: hourly.countedAgainstLimit + 1,
        unit: 'requests',
        note: `one list per repository plus the installation lookup; comments are scraped with a browser every 5 min`,
      },
      {
        benchmark,
        name: "today's bot: change → acted on, p50 / max",
        value: percentile(hourlyDelays, 50),
        unit: 's',
        note: `max ${Math.round(Math.max(...hourlyDelays))} s; comments within 5 min; advisories beyond a repository's first 30 never`,
      },
    ];
  } finally {
    await fresh.dispose();
  }
}
