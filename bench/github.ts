// Issue 4's numbers: how fast the GitHub simulator answers an advisory list,
// with and without If-None-Match (it must never be what limits a later
// benchmark), and what the production client spends on a full paginated
// listing of 1,000 advisories across 50 repositories — the second pass, with
// ETags, must count nothing against the rate limit.

import { createGitHubSim } from '../sim/github/index.ts';
import { createGitHubClient } from '../src/github/index.ts';
import { type BenchOptions, elapsedMs, percentile, progress, type Row, scaled } from './report.ts';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** `total` requests from `concurrency` workers; per-request latencies in ms. */
async function load(total: number, concurrency: number, request: () => Promise<Response>, expect: number) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const t = performance.now();
        const response = await request();
        await response.arrayBuffer();
        if (response.status !== expect) throw new Error(`expected ${expect}, got ${response.status}`);
        latencies.push(elapsedMs(t));
      }
    }),
  );
  return { perSecond: total / (elapsedMs(started) / 1000), p99: percentile(latencies, 99) };
}

export async function run(options: BenchOptions): Promise<Row[]> {
  const repos = scaled(50, options, 2);
  const perRepo = 20;
  const sim = createGitHubSim();
  const c = sim.control;
  c.addUser({ login: 'ned' });
  c.addOrg({ login: 'python', members: ['ned'], owners: ['ned'] });
  progress('github', `seeding ${repos * perRepo} advisories in ${repos} repositories`);
  for (let r = 0; r < repos; r++) {
    const name = `repo-${String(r).padStart(2, '0')}`;
    c.addRepo({ owner: 'python', name });
    for (let a = 0; a < perRepo; a++) {
      c.createAdvisory({
        as: 'ned',
        owner: 'python',
        repo: name,
        advisory: {
          summary: `Advisory ${a} in ${name}`,
          description: 'Details.',
          vulnerabilities: [{ package: { ecosystem: 'pip', name } }],
          severity: 'high',
        },
      });
    }
  }
  const app = c.createApp({
    name: 'psrt-bench',
    permissions: { repository_advisories: 'write', members: 'read' },
    installations: [{ account: 'python' }],
  });
  const server = await sim.listen(0);
  try {
    const rows: Row[] = [];
    const token = c.userToken('ned');
    const url = `${server.url}/repos/python/repo-00/security-advisories?per_page=100`;
    const headers = { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json' };
    const first = await fetch(url, { headers });
    const etag = first.headers.get('etag') ?? '';
    await first.arrayBuffer();
    const n = scaled(2_000, options, 50);
    progress('github', `simulator: ${n} list requests, 8 at a time, without and with If-None-Match`);
    const plain = await load(n, 8, () => fetch(url, { headers }), 200);
    const conditional = await load(
      n,
      8,
      () => fetch(url, { headers: { ...headers, 'if-none-match': etag } }),
      304,
    );
    rows.push(
      {
        benchmark: 'github',
        name: 'simulator: GET advisory list (20 advisories), 200',
        value: plain.perSecond,
        unit: 'req/s',
        note: `p99 ${plain.p99.toFixed(2)} ms; ${n} requests, 8 concurrent, over HTTP`,
      },
      {
        benchmark: 'github',
        name: 'simulator: same with If-None-Match, 304',
        value: conditional.perSecond,
        unit: 'req/s',
        note: `p99 ${conditional.p99.toFixed(2)} ms`,
      },
    );

    const client = createGitHubClient({
      appId: app.appId,
      privateKey: app.privateKey,
      baseUrl: server.url,
      log: quiet,
    });
    const installation = client.forInstallation(app.installations[0]?.id ?? 0);
    for (const pass of [1, 2]) {
      client.resetCounters();
      const t = performance.now();
      let listed = 0;
      for (let r = 0; r < repos; r++) {
        listed += (await installation.listRepoAdvisories('python', `repo-${String(r).padStart(2, '0')}`))
          .length;
      }
      const ms = elapsedMs(t);
      const counters = client.counters();
      if (listed !== repos * perRepo)
        throw new Error(`listed ${listed} advisories, expected ${repos * perRepo}`);
      rows.push(
        {
          benchmark: 'github',
          name: `client pass ${pass}: ${listed} advisories in ${repos} repos, requests made`,
          value: counters.requests,
          unit: 'requests',
          note: `${counters.notModified} answered 304; wall ${(ms / 1000).toFixed(2)} s`,
        },
        {
          benchmark: 'github',
          name: `client pass ${pass}: requests counted against the limit`,
          value: counters.countedAgainstLimit,
          unit: 'requests',
          ...(pass === 2 ? { goal: { atMost: 0 } } : {}),
        },
      );
    }
    return rows;
  } finally {
    await server.close();
  }
}
