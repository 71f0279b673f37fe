// The GitHub Advisory Database (§2.12): a published repository advisory enters it only when
// GitHub reviews it (a control action, GitHub staff's work), a second review brings later edits
// in, and withdrawal marks the entry. Each step fires `security_advisory` (§4.3). The REST
// routes are public: no token needed, rate-limited like every call.
import type { Hono } from 'hono';
import type { SimContext } from './context.ts';
import { invalidQuery, parseGlobalQuery } from './global-advisory-query.ts';
import { cursorPageOf, GitHubError, json, notFound, type SimEnv, withLink } from './http.ts';
import { renderGlobalAdvisory } from './render-global.ts';
import type { Advisory, GlobalAdvisory, GlobalVulnerability, Vulnerability } from './state.ts';

/** `3.13.1`, `>= 3.13.1` or `3.13.1, 3.12.8` → the first version named. */
function firstPatched(patched: string | null): string | null {
  const first = patched
    ?.split(',')[0]
    ?.trim()
    .replace(/^(>=|=)\s*/, '');
  return first ? first : null;
}

/**
 * What review keeps of a package entry: only named packages can be looked up, and a missing
 * range means every version, which the Advisory Database writes as `>= 0`.
 */
function reviewedVulnerabilities(vulnerabilities: Vulnerability[]): GlobalVulnerability[] {
  return vulnerabilities.flatMap((v) =>
    v.package?.name
      ? [
          {
            ecosystem: v.package.ecosystem,
            name: v.package.name,
            vulnerableVersionRange: v.vulnerable_version_range?.trim() || '>= 0',
            firstPatchedVersion: firstPatched(v.patched_versions),
            vulnerableFunctions: [...(v.vulnerable_functions ?? [])],
          },
        ]
      : [],
  );
}

function reviewedContent(advisory: Advisory) {
  return {
    cveId: advisory.cveId,
    summary: advisory.summary,
    description: advisory.description,
    severity: advisory.severity,
    cvssV3: advisory.cvssV3 && { ...advisory.cvssV3 },
    cvssV4: advisory.cvssV4 && { ...advisory.cvssV4 },
    cweIds: [...advisory.cweIds],
    credits: advisory.credits
      .filter((c) => c.state === 'accepted')
      .map(({ userId, type }) => ({ userId, type })),
    vulnerabilities: reviewedVulnerabilities(advisory.vulnerabilities),
  };
}

/**
 * GitHub reviews a published repository advisory: the first review creates the Advisory
 * Database entry (`published`), a later one copies the advisory again (`updated`).
 */
export function reviewAdvisory(ctx: SimContext, advisory: Advisory): GlobalAdvisory {
  if (advisory.state !== 'published') {
    throw new GitHubError(
      422,
      `Only published advisories are reviewed into the GitHub Advisory Database; ${advisory.ghsaId} is \`${advisory.state}\`.`,
    );
  }
  if (ctx.state.repoById(advisory.repoId).private) {
    throw new GitHubError(
      422,
      'Advisories of private repositories are not reviewed into the GitHub Advisory Database.',
    );
  }
  const now = ctx.clock.now();
  const existing = ctx.state.globalAdvisory(advisory.ghsaId);
  if (existing) {
    Object.assign(existing, reviewedContent(advisory), { updatedAt: now });
    ctx.webhooks.securityAdvisoryEvent('updated', existing);
    return existing;
  }
  const created: GlobalAdvisory = {
    ghsaId: advisory.ghsaId,
    repoId: advisory.repoId,
    seq: advisory.seq,
    ...reviewedContent(advisory),
    publishedAt: advisory.publishedAt ?? now,
    updatedAt: now,
    githubReviewedAt: now,
    withdrawnAt: null,
  };
  ctx.state.globalAdvisories.set(created.ghsaId, created);
  ctx.webhooks.securityAdvisoryEvent('published', created);
  return created;
}

/** Withdrawal of the repository advisory withdraws its Advisory Database entry, if it has one. */
export function withdrawGlobalAdvisory(ctx: SimContext, ghsaId: string): void {
  const entry = ctx.state.globalAdvisory(ghsaId);
  if (!entry || entry.withdrawnAt) return;
  entry.withdrawnAt = ctx.clock.now();
  entry.updatedAt = entry.withdrawnAt;
  ctx.webhooks.securityAdvisoryEvent('withdrawn', entry);
}

export function globalAdvisoryRoutes(app: Hono<SimEnv>, sim: SimContext): void {
  app.get('/advisories', (c) => {
    const url = new URL(c.req.url);
    const query = parseGlobalQuery(url);
    const sorted = [...sim.state.globalAdvisories.values()].filter(query.matches).sort((a, b) => {
      const [ka, kb] = [query.keyOf(a), query.keyOf(b)];
      const d = ka[0] - kb[0] || ka[1] - kb[1];
      return query.descending ? -d : d;
    });
    const page = cursorPageOf(
      sorted,
      url,
      query.keyOf,
      query.descending,
      sim.config.cursorPageParam,
      invalidQuery,
    );
    withLink(c, page.link);
    return json(
      c,
      page.items.map((g) => renderGlobalAdvisory(sim.state, g, c.get('urls'), c.get('apiVersion'))),
    );
  });

  app.get('/advisories/:ghsa', (c) => {
    const entry = sim.state.globalAdvisory(c.req.param('ghsa'));
    if (!entry) throw notFound();
    return json(c, renderGlobalAdvisory(sim.state, entry, c.get('urls'), c.get('apiVersion')));
  });
}
