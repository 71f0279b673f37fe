// `npm run soak`: the soak's long form (bench/soak.ts), SOAK_MINUTES of work
// (default 10) on a throwaway database of the PostgreSQL server
// (BENCH_DATABASE_URL), then the figures on stdout; exits 1 if any effect was
// duplicated or lost or the audit chain does not verify.
import { freshStore, serverProblem } from './engines.ts';
import { formatFigures, runSoak } from './soak.ts';

const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const problem = await serverProblem();
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(2);
}
const db = await freshStore('postgres');
try {
  const figures = await runSoak({
    databaseUrl: db.databaseUrl ?? '',
    store: db.store,
    durationMs: minutes * 60_000,
    advisories: 1_000,
    deliveriesPerSecond: 2,
    killEverySeconds: 30,
    // One instance is never killed: its memory over the whole run shows whether psrt leaks.
    spareInstance: 0,
    mailPerSecond: 0.5,
    // Faults until two minutes before the end, so the retries they cause (a minute, then two) fall inside.
    faultsForMs: Math.max(0, minutes - 2) * 60_000,
    progress: (line) => process.stderr.write(`[soak] ${line}\n`),
  });
  process.stdout.write(`${formatFigures(figures, minutes)}\n`);
  const a = figures.account;
  if (a.duplicated > 0 || a.lost > 0 || !figures.auditIntact || !figures.settled) process.exitCode = 1;
} finally {
  await db.dispose();
}
