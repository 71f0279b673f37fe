// What the people in the demo stories do on GitHub, in the sandbox's simulator: a reporter
// reports privately or a maintainer opens a draft, at the story's time. A simulator that starts
// empty while the database kept its reports (no data folder to keep its state in) gets the
// GHSAs back under the same ids, as psrt's bot last saw them, so the bot finds nothing changed.
import type { AppContext } from '../app/context.ts';
import { getRoster } from '../app/roster.ts';
import type { Ghsa } from '../domain/bot/ghsa.ts';
import { ghsaStateOf, type Report } from '../domain/report.ts';
import { listReports, listSightings } from '../store/index.ts';
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
      : // A draft needs its affected products; they are added later, if ever.
        simulators.github.createAdvisory({
          as: ghsa.from.maintainer,
          ...place,
          advisory: { ...advisory, vulnerabilities: [] },
          ...restore,
        }),
  );
  return opened.ghsa_id;
}

/** Moves a restored GHSA to the state the report's state means on GitHub, as `as` at `at`. */
function followOnGhsa(simulators: Simulators, report: Report, as: string, at: Date): void {
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
 * Puts back what psrt's bot last saw of the GHSA (its fields, credits, collaborators, fork
 * and state), last changed when it was, acting as `maintainer`, an admin of its repository.
 */
function restoreAsSeen(simulators: Simulators, ghsa: Ghsa, repository: string, maintainer: string): void {
  const github = simulators.github;
  const ref = { ...ownerAndName(repository), ghsaId: ghsa.ghsaId, as: maintainer };
  const changedAt = ghsa.updatedAt ?? ghsa.createdAt ?? new Date();
  // The reporter's own credit as a finder stays; the bot's sighting names only the coordinator.
  const creditsOf = (at: typeof ref) =>
    (github.advisory(at).credits_detailed ?? []).map((credit) => ({
      login: credit.user.login,
      type: credit.type,
    }));
  simulators.at(changedAt, () => {
    const settled = ghsa.state !== 'triage';
    if (settled && (ghsa.cveId || ghsa.privateFork || ghsa.state === 'draft')) github.acceptReport(ref);
    if (ghsa.privateFork) github.startPrivateFork(ref);
    const changes: Record<string, unknown> = {
      ...(ghsa.cveId ? { cve_id: ghsa.cveId } : {}),
      ...(ghsa.cvssVector ? { cvss_vector_string: ghsa.cvssVector } : {}),
      ...(ghsa.coordinator
        ? { credits: [...creditsOf(ref), { login: ghsa.coordinator, type: 'coordinator' }] }
        : {}),
      ...(ghsa.collaboratingUsers.length > 0 ? { collaborating_users: ghsa.collaboratingUsers } : {}),
      ...(ghsa.collaboratingTeams.length > 0 ? { collaborating_teams: ghsa.collaboratingTeams } : {}),
      ...(ghsa.affected.length > 0
        ? {
            vulnerabilities: ghsa.affected.map((affected) => ({
              package: { ecosystem: affected.ecosystem, name: affected.package },
              vulnerable_version_range: affected.vulnerableVersionRange,
              patched_versions: affected.patchedVersions,
            })),
          }
        : {}),
    };
    if (Object.keys(changes).length > 0) github.editAdvisory({ ...ref, changes });
    if (ghsa.state === 'closed') github.closeAdvisory(ref);
    if (ghsa.state === 'published') github.publishAdvisory(ref);
  });
}

/**
 * Re-creates, in a fresh simulator, the GHSAs of the reports in the database (acting as the
 * reporter, or as an admin of the organisation for drafts), and returns how many. A GHSA the
 * bot has seen comes back as it last saw it; one it has not, in the state its report means.
 */
export async function restoreGhsas(ctx: AppContext, simulators: Simulators): Promise<number> {
  const reports = await everyReport(ctx);
  const sightings = new Map((await listSightings(ctx.store.db)).map((s) => [s.ghsaId, s.ghsa] as const));
  // Read after the reports: a GHSA another instance opens meanwhile is then known, not opened twice.
  const known = new Set(simulators.github.advisories().map((advisory) => advisory.ghsa_id));
  const admins = (await getRoster(ctx, 'member')).filter((m) => m.login && m.roles.includes('Admin'));
  let restored = 0;
  for (const report of reports) {
    if (!report.ghsaId || known.has(report.ghsaId)) continue;
    const { owner } = ownerAndName(report.repository);
    const maintainer = simulators.adminOf(owner) ?? admins[0]?.login ?? null;
    const seen = sightings.get(report.ghsaId) ?? null;
    const reporter = seen ? (seen.privatelyReported ? seen.author : null) : report.reporter;
    const opener = seen?.author ?? maintainer;
    const from = reporter ? { reporter } : opener ? { maintainer: opener } : null;
    if (!from || !maintainer) continue;
    try {
      simulators.github.addUser({ login: reporter ?? maintainer });
      openGhsa(simulators, {
        repository: report.repository,
        title: seen?.title ?? report.title,
        description: seen?.description ?? report.description,
        at: seen?.createdAt ?? report.createdAt,
        from,
        ghsaId: report.ghsaId,
      });
      if (seen) restoreAsSeen(simulators, seen, report.repository, maintainer);
      else followOnGhsa(simulators, report, maintainer, report.finishedAt ?? report.updatedAt);
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
