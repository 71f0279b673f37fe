// The world of the delivery → effect benchmark: the devguide roster in a fresh
// psrt database, the same people on the GitHub simulator (all but two on the
// python organisation's PSRT team), four repositories and the psrt App; and
// new vulnerabilities reported there at a steady rate, each sending psrt a
// `repository_advisory` `reported` delivery.
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GitHubSimControl } from '../sim/github/index.ts';
import { botPrincipal } from '../src/app/context.ts';
import { importRoster } from '../src/app/roster.ts';
import { createLogger } from '../src/config/logger.ts';
import { activeMembers } from '../src/domain/roster.ts';
import { listRoster, type Store } from '../src/store/index.ts';

const repositories = ['cpython', 'pip', 'devguide', 'peps'];
/** Roster members left out of the GitHub organisation: the bot adds them to each GHSA one by one. */
const outsiderCount = 2;

const roster = (name: string) =>
  readFile(new URL(`../vendor/python-devguide/security/${name}`, import.meta.url), 'utf8');

export interface World {
  members: number;
  outsiders: number;
}

export async function seedWorld(store: Store, c: GitHubSimControl): Promise<World> {
  await importRoster({ store, now: () => new Date(), log: createLogger('silent') }, botPrincipal, {
    members: { text: await roster('psrt.csv'), source: 'psrt.csv' },
    emeritus: { text: await roster('psrt-emeritus.csv'), source: 'psrt-emeritus.csv' },
  });
  const members = activeMembers(await listRoster(store.db, 'member'));
  const logins = members.flatMap((m) => (m.login ? [m.login] : []));
  const inOrg = logins.slice(outsiderCount);
  for (const login of [...logins, 'ned', 'mira-finds-bugs']) c.addUser({ login });
  c.addOrg({ login: 'python', owners: ['ned'], members: inOrg });
  c.addTeam({ org: 'python', slug: 'psrt', members: inOrg });
  for (const name of repositories) c.addRepo({ owner: 'python', name });
  return { members: logins.length, outsiders: logins.length - inOrg.length };
}

export interface Sent {
  ghsaId: string;
  repo: string;
  /** Wall clock (ms) when the vulnerability was reported: the simulator sends its delivery at once. */
  at: number;
}

/**
 * Reports `count` vulnerabilities, one every 1/`perSecond` s, round-robin over
 * the repositories; returns when each was sent and how late the sender ever was.
 */
export async function reportAtRate(
  c: GitHubSimControl,
  count: number,
  perSecond: number,
): Promise<{ sent: Sent[]; maxLagMs: number }> {
  const sent: Sent[] = [];
  let maxLagMs = 0;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = start + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    else maxLagMs = Math.max(maxLagMs, -wait);
    const repo = repositories[i % repositories.length] as string;
    const at = Date.now();
    const advisory = c.reportVulnerability({
      as: 'mira-finds-bugs',
      owner: 'python',
      repo,
      advisory: {
        summary: `${repo}: crafted input ${i} overflows a buffer`,
        description: 'A crafted input overflows a buffer in the parser. '.repeat(20),
      },
    });
    sent.push({ ghsaId: advisory.ghsa_id, repo, at });
  }
  return { sent, maxLagMs };
}

/** The GUID of the `repository_advisory` delivery the simulator sent for each GHSA. */
export function deliveryGuids(c: GitHubSimControl): Map<string, string> {
  const guids = new Map<string, string>();
  for (const d of c.deliveries()) {
    if (d.event !== 'repository_advisory') continue;
    const payload = JSON.parse(d.request.payload) as { repository_advisory: { ghsa_id: string } };
    guids.set(payload.repository_advisory.ghsa_id, d.guid);
  }
  return guids;
}

/** CPU time (user + system, ms) a process has used so far; NaN where /proc cannot say. */
export async function cpuTimeMs(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), 1-based: utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}
