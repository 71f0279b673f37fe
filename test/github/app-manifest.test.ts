// psrt's GitHub App manifest is the one list of the permissions and events psrt uses: app.yml is it
// written out, the simulator's psrt App asks for the same, and docs/configuration.md names the same.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { psrtAppSeed } from '../../sim/github/index.ts';
import {
  appEvents,
  appManifest,
  appPermissionLevels,
  appPermissions,
  exampleUrl,
  manifestYaml,
} from '../../src/github/app-manifest.ts';

const repositoryFile = (name: string) => readFileSync(new URL(`../../${name}`, import.meta.url), 'utf8');

/** A section of a Markdown file: from its `## heading` to the next one. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  expect(start, `no "## ${heading}" section`).toBeGreaterThan(-1);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
}

describe("psrt's GitHub App manifest", () => {
  it('app.yml at the repository root is the manifest psrt app create sends (run `psrt app manifest --url https://psrt.example.org > app.yml` after a change)', () => {
    expect(repositoryFile('app.yml')).toBe(
      manifestYaml(appManifest({ name: 'psrt', publicUrl: exampleUrl })),
    );
  });

  it("asks for a private App with psrt's webhook and sign-in callback under the public URL, and no OAuth on install", () => {
    const manifest = appManifest({
      name: 'PSRT',
      publicUrl: 'https://psrt.python.org/',
      redirectUrl: 'http://127.0.0.1:41234/callback',
    });
    expect(manifest).toMatchObject({
      name: 'PSRT',
      url: 'https://psrt.python.org/',
      hook_attributes: { url: 'https://psrt.python.org/webhooks/github', active: true },
      redirect_url: 'http://127.0.0.1:41234/callback',
      callback_urls: ['https://psrt.python.org/signin/callback'],
      public: false,
      request_oauth_on_install: false,
    });
  });

  it('subscribes only to events a permission it asks for covers, as GitHub requires', () => {
    const needs: Record<string, string | null> = {
      repository_advisory: 'repository_advisories',
      security_advisory: null,
      issues: 'issues',
      issue_comment: 'issues',
      pull_request: 'pull_requests',
      push: 'contents',
    };
    for (const event of appEvents) {
      expect(Object.keys(needs)).toContain(event);
      const permission = needs[event];
      if (permission) expect(Object.keys(appPermissions)).toContain(permission);
    }
  });

  it("the simulator's psrt App asks for exactly the manifest's permissions and events", () => {
    const seed = psrtAppSeed(['python']);
    expect(seed.permissions).toEqual(appPermissionLevels());
    expect(seed.events).toEqual([...appEvents]);
  });

  it('docs/configuration.md ("The GitHub App") names exactly these permissions, levels and events', () => {
    const text = section(repositoryFile('docs/configuration.md'), 'The GitHub App');
    const named = [...text.matchAll(/\*\*([A-Z][A-Za-z ]+): (read|write)\*\*/g)].map(
      (m) => `${m[1]}: ${m[2]}`,
    );
    expect(named.sort()).toEqual(
      Object.values(appPermissions)
        .map((need) => `${need.title}: ${need.level}`)
        .sort(),
    );
    const events = /Subscribe it to the events ([^.]*)/.exec(text.replace(/\s+/g, ' '))?.[1] ?? '';
    expect([...events.matchAll(/`([a-z_]+)`/g)].map((m) => m[1])).toEqual([...appEvents]);
  });
});
