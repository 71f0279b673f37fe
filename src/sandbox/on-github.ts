// What the people in the demo stories do on GitHub, in the sandbox's simulator: a reporter
// reports privately or a maintainer opens a draft, and the GHSA follows the report's state
// (draft once accepted, closed once published or rejected: domain/report `ghsaStateOf`).
// Each act happens at the story's time. A simulator that starts empty while the database kept
// its reports (no data folder to keep its state in) gets the GHSAs back under the same ids.
import type { AppContext } from '../app/context.ts';
import { getRoster } from '../app/roster.ts';
import { ghsaStateOf, type Report } from '../domain/report.ts';
import { listReports } from '../store/index.ts';
import type { SandboxServices } from './services.ts';

type Simulators = SandboxServices['simulators'];

function ownerAndName(repository: string): { owner: string; repo: string } {
  const [owner = '', repo = ''] = repository.split('/');
  return { owner, repo };
}

export interface NewGhsa {
  repository: string;
  title: string;
  description: string;
  at: Date;
  /** A private vulnerability report by `reporter`, or a draft opened by the maintainer `by`. */
  from: { reporter: string } | { maintainer: string };
  /** Restores the GHSA an earlier simulator issued. */
  ghsaId?: string;
}

async function everyReport(ctx: AppContext): Promise<Report[]> {
  const all: Report[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await listReports(ctx.store.db, { kind: 'all' }, { now: ctx.now(), limit: 500, offset });
    all.push(...page.reports);
    if (page.reports.length < 500) return all;
  }
}

/** Opens the GHSA on GitHub and returns the id GitHub gave it. */
export function openGhsa(simulators: Simulators, ghsa: NewGhsa): string {
  const place = ownerAndName(ghsa.repository);
  const advisory = { summary: ghsa.title, description: ghsa.description };
  const restore = ghsa.ghsaId ? { ghsaId: ghsa.ghsaId } : {};
  const opened = simulators.at(ghsa.at, () =>
    'reporter' in ghsa.from
      ? simulators.github.reportVulnerability({ as: ghsa.from.reporter, ...place, advisory, ...restore })
      : // A draft needs its affected products; psrt writes them later, from the report.
        simulators.github.createAdvisory({
          as: ghsa.from.maintainer,
          ...place,
          advisory: { ...advisory, vulnerabilities: [] },
          ...restore,
        }),
  );
  return opened.ghsa_id;
}

/** Moves the GHSA to the state the report's state means on GitHub, acting as `as` at `at`. */
export function followOnGhsa(simulators: Simulators, report: Report, as: string, at: Date): void {
  if (!report.ghsaId) return;
  const ref = { ...ownerAndName(report.repository), ghsaId: report.ghsaId, as };
  const github = simulators.github;
  const wanted = ghsaStateOf[report.state];
  simulators.at(at, () => {
    const current = github.advisory(ref).state;
    if (current === wanted) return;
    if (wanted === 'draft' && current === 'triage') github.acceptReport(ref);
    else if (wanted === 'draft') github.reopenAdvisory(ref);
    else if (wanted === 'closed') github.closeAdvisory(ref);
  });
}

/**
 * Re-creates, in a fresh simulator, the GHSAs of the reports in the database (acting as the
 * reporter, or as an admin of the organisation for drafts), and returns how many.
 */
export async function restoreGhsas(ctx: AppContext, simulators: Simulators): Promise<number> {
  const reports = await everyReport(ctx);
  // Read after the reports: a GHSA another instance opens meanwhile is then known, not opened twice.
  const known = new Set(simulators.github.advisories().map((advisory) => advisory.ghsa_id));
  const admins = (await getRoster(ctx, 'member')).filter((m) => m.login && m.roles.includes('Admin'));
  let restored = 0;
  for (const report of reports) {
    if (!report.ghsaId || known.has(report.ghsaId)) continue;
    const { owner } = ownerAndName(report.repository);
    const maintainer = simulators.adminOf(owner) ?? admins[0]?.login ?? null;
    const from = report.reporter ? { reporter: report.reporter } : maintainer ? { maintainer } : null;
    if (!from || !maintainer) continue;
    try {
      simulators.github.addUser({ login: report.reporter ?? maintainer });
      openGhsa(simulators, { ...report, at: report.createdAt, from, ghsaId: report.ghsaId });
      const movedAt = report.finishedAt ?? report.updatedAt;
      followOnGhsa(simulators, report, maintainer, movedAt);
      restored += 1;
    } catch (error) {
      // Never the report's text or GHSA id: the log may reach people outside the embargo.
      ctx.log.warn(
        { report: report.id, error: error instanceof Error ? error.message.split('\n')[0] : String(error) },
        'could not restore the GHSA of a sandbox report in the GitHub simulator',
      );
    }
  }
  return restored;
}
