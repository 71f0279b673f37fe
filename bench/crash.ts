// `npm run crash [-- --runs N] [-- --engine pglite|postgres]`: the crash loop
// (bench/crash/loop.ts). Prints progress on stderr and the tally on stdout;
// exits 1 when an effect was lost, or a write is missing or duplicated.
import { parseArgs } from 'node:util';
import { runCrashLoop } from './crash/loop.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1000' },
    engine: { type: 'string', default: 'postgres' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(
    'Usage: npm run crash -- [--runs N] [--engine postgres|pglite]\n\n' +
      'Kills effect-runner processes at random checkpoints until N runners have run, then counts\n' +
      'what reached the GitHub and CVE simulators (writes, private forks, public issues, CVE records),\n' +
      "the SMTP server (the team's mail, advisory emails by Message-ID and subject) and the advisory\n" +
      'database checkout (commits of each OSV file). PostgreSQL comes from TEST_DATABASE_URL\n' +
      '(default postgres://postgres:postgres@127.0.0.1:5432/postgres).\n',
  );
  process.exit(0);
}
const runs = Number(values.runs);
if (!/^\d+$/.test(values.runs ?? '') || runs < 1) {
  process.stderr.write(`--runs: "${values.runs}" is not a whole number of runs (1 or more).\n`);
  process.exit(2);
}
if (values.engine !== 'postgres' && values.engine !== 'pglite') {
  process.stderr.write(`--engine: choose postgres or pglite, not "${values.engine}".\n`);
  process.exit(2);
}
const result = await runCrashLoop({
  runs,
  engine: values.engine,
  serverUrl: process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres',
  progress: (line) => process.stderr.write(`${line}\n`),
});
const w = result.writes;
const p = result.publication;
const a = p.advisoryEmails;
const row = (name: string, t: { expected: number; arrived: number }) =>
  `  ${name.padEnd(18)} expected ${String(t.expected).padStart(5)}  arrived ${String(t.arrived).padStart(5)}`;
process.stdout.write(
  [
    `crash loop on ${result.engine}: ${result.runs} runs (${result.crashes} killed mid-work) in ${result.rounds} rounds, ${result.seconds.toFixed(1)} s`,
    `effects: expected ${result.effects.expected}, done ${result.effects.done}, lost ${result.effects.lost}, duplicated ${result.duplicated}`,
    ...result.notDone.map((line) => `  not done: ${line}`),
    row('CVE reservations', w['cve-reservations']),
    row('CVE rejections', w['cve-rejections']),
    row('GHSA PATCHes', w['ghsa-patches']),
    row('GHSA comments', w['ghsa-comments']),
    row('private forks', w['private-forks']),
    row('public issues', w['public-issues']),
    row('OSV commits', p.osvCommits),
    row('CVE records', p.cveRecords),
    `  mail               expected ${String(result.mail.expected).padStart(5)}  delivered ${result.mail.delivered} (${result.mail.distinct} distinct Message-IDs; resends ${result.mail.delivered - result.mail.distinct}, allowed ${result.mail.resendsAllowed}: messages accepted by the SMTP server, not yet noted, when a runner was killed)`,
    `  advisory emails    expected ${String(a.expected).padStart(5)}  delivered ${a.delivered} (${a.messageIds} distinct Message-IDs, ${a.subjects} distinct subjects; resends ${a.resends}, allowed ${a.resendsAllowed})`,
    ...p.mismatches.map((line) => `  mismatch: ${line}`),
    `crash points: ${Object.entries(result.crashPoints)
      .sort((a, b) => b[1] - a[1])
      .map(([point, n]) => `${point} ${n}`)
      .join(', ')}`,
    '',
  ].join('\n'),
);
const missing =
  [...Object.values(w), p.osvCommits, p.cveRecords].some((t) => t.arrived !== t.expected) ||
  result.mail.distinct < result.mail.expected ||
  a.messageIds < a.expected ||
  a.subjects < a.expected ||
  p.mismatches.length > 0;
process.exit(result.effects.lost > 0 || result.duplicated > 0 || missing ? 1 : 0);
