// Work only one psrt instance on a database should do (polling GitHub, the
// daily audit check, the roster drift check) asks the leader first: the store
// holds the lead (src/store/leadership.ts); this says in the log when this
// process takes it or loses it, so operators see which instance leads.
import type { AppContext } from './context.ts';

export interface Leader {
  /** Whether this instance leads now, taking the lead when nobody holds it. */
  lead(): Promise<boolean>;
}

export function leaderOf(ctx: AppContext): Leader {
  let leading = false;
  return {
    async lead() {
      const now = await ctx.store.leader.lead();
      if (now !== leading) {
        leading = now;
        if (now)
          ctx.log.info(
            { pid: process.pid },
            'this instance took the lead: it polls GitHub and runs the periodic checks',
          );
        else ctx.log.warn({ pid: process.pid }, 'this instance lost the lead: another takes it over');
      }
      return now;
    },
  };
}
