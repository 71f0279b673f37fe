// `GET /repos/{owner}/{repo}/community/profile`, exactly as the description has it: README,
// CONTRIBUTING, code of conduct, licence, issue and pull request templates. It has no entry for
// SECURITY.md (GitHub's community profile API does not report one); a security policy is read
// through the contents API at GitHub's lookup locations (`.github/`, root, `docs/`, the first
// found wins), as CODEOWNERS is. Health files are found in the same places and order.
import type { Hono } from 'hono';
import { routeRepo } from './access.ts';
import type { SimContext } from './context.ts';
import { json, notFound, type SimEnv } from './http.ts';
import { encodePath } from './render-repos.ts';
import type { Urls } from './render-user.ts';
import type { Repo, SimState } from './state.ts';
import { iso } from './state.ts';

/** GitHub's lookup order for community health files. */
export const HEALTH_FILE_FOLDERS = ['.github/', '', 'docs/'] as const;

/** The first file named `name` (any case, any extension) in `.github/`, the root, then `docs/`. */
export function findHealthFile(files: Map<string, string>, name: string): string | undefined {
  const pattern = new RegExp(`^${name}(\\.[a-z0-9]+)?$`, 'i');
  for (const folder of HEALTH_FILE_FOLDERS) {
    const found = [...files.keys()]
      .filter((path) => path.startsWith(folder) && pattern.test(path.slice(folder.length)))
      .sort()[0];
    if (found) return found;
  }
  return undefined;
}

/** Issue templates: a `ISSUE_TEMPLATE` folder or file in any of the three places. */
function findTemplate(files: Map<string, string>, name: string): string | undefined {
  const single = findHealthFile(files, name);
  if (single) return single;
  for (const folder of HEALTH_FILE_FOLDERS) {
    const prefix = `${folder}${name}/`.toLowerCase();
    const inside = [...files.keys()].filter((path) => path.toLowerCase().startsWith(prefix)).sort()[0];
    if (inside) return inside;
  }
  return undefined;
}

const licenses: { key: string; name: string; spdx: string; test: RegExp }[] = [
  { key: 'mit', name: 'MIT License', spdx: 'MIT', test: /Permission is hereby granted, free of charge/i },
  {
    key: 'apache-2.0',
    name: 'Apache License 2.0',
    spdx: 'Apache-2.0',
    test: /Apache License,?\s+Version 2\.0/i,
  },
  {
    key: 'bsd-3-clause',
    name: 'BSD 3-Clause "New" or "Revised" License',
    spdx: 'BSD-3-Clause',
    test: /Redistribution and use in source and binary forms[\s\S]*Neither the name/i,
  },
  {
    key: 'gpl-3.0',
    name: 'GNU General Public License v3.0',
    spdx: 'GPL-3.0',
    test: /GNU GENERAL PUBLIC LICENSE\s+Version 3/i,
  },
];

/** A licence GitHub recognises by its text, or `other` (CPython's LICENSE shows as Other). */
function renderLicense(text: string, urls: Urls) {
  const known = licenses.find((l) => l.test.test(text));
  const index = known ? licenses.indexOf(known) + 1 : 0;
  return {
    key: known?.key ?? 'other',
    name: known?.name ?? 'Other',
    spdx_id: known?.spdx ?? 'NOASSERTION',
    url: known ? `${urls.api}/licenses/${known.key}` : null,
    node_id: Buffer.from(`07:License${index}`).toString('base64'),
  };
}

export function renderCommunityProfile(state: SimState, repo: Repo, urls: Urls) {
  const files = repo.branches.get(repo.defaultBranch) ?? new Map<string, string>();
  const full = state.fullName(repo);
  const link = (path: string | undefined) =>
    path === undefined
      ? null
      : {
          url: `${urls.api}/repos/${full}/contents/${encodePath(path)}`,
          html_url: `${urls.html}/${full}/blob/${encodeURIComponent(repo.defaultBranch)}/${encodePath(path)}`,
        };
  const readme = findHealthFile(files, 'README');
  const contributing = findHealthFile(files, 'CONTRIBUTING');
  const conduct = findHealthFile(files, 'CODE_OF_CONDUCT');
  // Licences are detected at the root only, like GitHub's licence detection.
  const license = [...files.keys()].find((path) => /^(LICEN[CS]E|COPYING)(\.[a-z0-9]+)?$/i.test(path));
  const issueTemplate = findTemplate(files, 'ISSUE_TEMPLATE');
  const pullTemplate = findTemplate(files, 'PULL_REQUEST_TEMPLATE');
  const covenant = conduct !== undefined && /Contributor Covenant/i.test(files.get(conduct) ?? '');
  const conductKey = covenant ? 'contributor_covenant' : 'other';
  // The share of the checklist that is present: description, README, code of conduct,
  // contributing, licence, issue template, pull request template.
  const present = [repo.description, readme, conduct, contributing, license, issueTemplate, pullTemplate];
  const updated = new Date(Math.max(repo.pushedAt.getTime(), repo.updatedAt.getTime()));
  return {
    health_percentage: Math.round(
      (100 * present.filter((p) => p != null && p !== '').length) / present.length,
    ),
    description: repo.description,
    documentation: null,
    files: {
      code_of_conduct:
        conduct === undefined
          ? null
          : {
              url: `${urls.api}/codes_of_conduct/${conductKey}`,
              key: conductKey,
              name: covenant ? 'Contributor Covenant' : 'Other',
              html_url: link(conduct)?.html_url ?? null,
            },
      code_of_conduct_file: link(conduct),
      license:
        license === undefined
          ? null
          : { ...renderLicense(files.get(license) ?? '', urls), html_url: link(license)?.html_url },
      contributing: link(contributing),
      readme: link(readme),
      issue_template: link(issueTemplate),
      pull_request_template: link(pullTemplate),
    },
    updated_at: iso(updated),
    ...(state.orgOf(repo.ownerId) ? { content_reports_enabled: false } : {}),
  };
}

export function communityRoutes(app: Hono<SimEnv>, sim: SimContext): void {
  app.get('/repos/:owner/:repo/community/profile', (c) => {
    const repo = routeRepo(sim, c);
    // "The repository cannot be a fork": a fork has no community profile to read.
    if (repo.fork) throw notFound();
    return json(c, renderCommunityProfile(sim.state, repo, c.get('urls')));
  });
}
