// The soak's short form (bench/soak.ts; `npm run soak` runs the long one): two
// psrt serve processes on one PostgreSQL database for about a minute under
// webhooks, polling, accepts and status questions on GitHub, mail to security@
// and page reads, with instances killed at random and the simulators failing.
// Afterwards every expected effect happened exactly once and the audit chain
// verifies. Memory is printed, not asserted: a minute shows no trend.
import { describe, expect, it } from 'vitest';
import { formatFigures, runSoak } from '../../bench/soak.ts';
import { openStore } from '../../src/store/index.ts';
import { createServerDatabase, serverProblem } from '../support/engines.ts';

describe.runIf(!serverProblem || process.env.CI)('the soak, short form', () => {
  it('two instances under steady work, killed at random while the simulators fail, do every expected effect exactly once and keep the audit chain intact', async () => {
    const database = await createServerDatabase();
    const store = await openStore({ databaseUrl: database.url });
    await store.migrate();
    try {
      const figures = await runSoak({
        databaseUrl: database.url,
        store,
        durationMs: 35_000,
        advisories: 100,
        deliveriesPerSecond: 2,
        killEverySeconds: 12,
        mailPerSecond: 0.5,
        faultsForMs: 12_000,
        settleMs: 70_000,
      });
      console.log(formatFigures(figures, 35 / 60));
      expect({ problems: figures.account.problems, errors: figures.errors }).toEqual({
        problems: [],
        errors: [],
      });
      expect(figures.settled).toBe(true);
      expect(figures.account).toMatchObject({ duplicated: 0, lost: 0 });
      expect(figures.account.done).toBe(figures.account.expected);
      expect(figures.restarts).toBeGreaterThanOrEqual(2);
      expect(figures.leadersOneAtATime).toBe(true);
      expect(figures.auditIntact).toBe(true);
      expect(figures.mail.stored).toBe(figures.mail.sent);
    } finally {
      await store.close();
      await database.drop();
    }
  }, 150_000);
});
