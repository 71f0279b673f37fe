// Writes docs/api-coverage.md from what the conformance suites actually did: runs
// `vitest run test/conformance` with PSRT_CONFORMANCE_RECORD set, then tabulates, for each operation
// psrt uses, whether the simulator answered it successfully, which test file checked it, and the
// allow-list entries that apply. Run: node --import tsx sim/conformance/coverage.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CoverageHit, type CoverageLine, RECORD_ENV } from './coverage-record.ts';
import { cveAllowList } from './cve-allowlist.ts';
import { descriptionPaths, githubDescription } from './descriptions.ts';
import { githubAllowList, githubWebhookAllowList } from './github-allowlist.ts';
import { type Allowance, describeAllowance, loadDescription } from './openapi.ts';
import { type UsedOperation, usedOperations } from './operations.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SUCCESS = (status: number) => (status >= 200 && status < 300) || status === 304;

function runSuites(): CoverageLine[] {
  const folder = mkdtempSync(join(tmpdir(), 'psrt-coverage-'));
  const record = join(folder, 'record.jsonl');
  writeFileSync(record, '');
  const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
  const run = spawnSync(process.execPath, [vitest, 'run', 'test/conformance'], {
    cwd: root,
    env: { ...process.env, [RECORD_ENV]: record },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const lines = readFileSync(record, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CoverageLine);
  rmSync(folder, { recursive: true, force: true });
  if (run.status !== 0)
    throw new Error('the conformance suites failed: fix them before regenerating the coverage');
  return lines;
}

/** `METHOD /path` of an operation, read from its description. */
function methodAndPath(op: UsedOperation): string {
  if (op.service === 'github-webhooks') return `POST (webhook \`${op.operation}\`)`;
  if (/^[A-Z]+ \//.test(op.operation)) return op.operation;
  const description =
    op.service === 'github' ? githubDescription() : loadDescription(descriptionPaths.cveServices());
  const paths = description.document.paths as Record<string, Record<string, { operationId?: string }>>;
  for (const [template, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (operation?.operationId === op.operation) return `${method.toUpperCase()} ${template}`;
    }
  }
  return '(not in the description)';
}

function namesOperation(allowance: Allowance, op: UsedOperation): boolean {
  if (allowance.where === 'operation')
    return `${allowance.method.toUpperCase()} ${allowance.path}` === op.operation;
  const ids = typeof allowance.operationId === 'string' ? [allowance.operationId] : allowance.operationId;
  const webhookId = op.operation.replace(/^repository-advisory-/, 'repository-advisory/');
  return ids.includes(op.operation) || (op.service === 'github-webhooks' && ids.includes(webhookId));
}

function allowancesFor(service: UsedOperation['service']): readonly Allowance[] {
  if (service === 'github') return githubAllowList;
  if (service === 'github-webhooks') return githubWebhookAllowList;
  return cveAllowList;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const PREFIX = { github: 'G', 'github-webhooks': 'W', cve: 'C' } as const;
const label = (service: UsedOperation['service'], index: number) => `${PREFIX[service]}${index + 1}`;

function table(service: UsedOperation['service'], lines: CoverageLine[]): string {
  const allowances = allowancesFor(service);
  const rows = usedOperations
    .filter((op) => op.service === service)
    .map((op) => {
      const hits = lines.flatMap((line) =>
        line.hits
          .filter((hit: CoverageHit) => hit.service === service && hit.operation === op.operation)
          .map((hit) => ({ ...hit, file: line.file })),
      );
      const statuses = [...new Set(hits.map((hit) => hit.status))].sort((a, b) => a - b);
      const implemented = hits.some((hit) => SUCCESS(hit.status)) ? 'yes' : 'no';
      const files = [...new Set(hits.map((hit) => `\`${hit.file}\``))].join(', ') || 'no';
      const applying = allowances.flatMap((allowance, index) =>
        namesOperation(allowance, op) ? [label(service, index)] : [],
      );
      const notes = [
        op.section,
        statuses.length ? `statuses seen: ${statuses.join(', ')}` : '',
        applying.length ? `allow-list: ${applying.join(', ')}` : '',
      ];
      return `| \`${op.operation}\` | ${cell(methodAndPath(op))} | ${implemented} | ${files} | ${cell(notes.filter(Boolean).join('; '))} |`;
    });
  const entries = allowances.map(
    (allowance, index) =>
      `- **${label(service, index)}** ${cell(describeAllowance(allowance))}: ${allowance.reason}`,
  );
  return [
    '| operationId | method + path | implemented by the simulator | checked in tests | notes |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    entries.length ? `Allow-list entries:\n\n${entries.join('\n')}` : 'Allow-list entries: none.',
  ].join('\n');
}

function render(lines: CoverageLine[]): string {
  return `# API coverage of the simulators

Generated by \`node --import tsx sim/conformance/coverage.ts\` from a run of \`test/conformance\`; do not edit by hand.

- **implemented by the simulator**: the simulator answered the operation successfully (2xx or 304) in the conformance suites.
- **checked in tests**: the test files whose requests and responses for it were checked against the official description (every exchange of a passing run conforms, after the allow-list).
- **notes**: where the spec notes (\`vendor/github-advisories/github-advisories.md\`) list it, the statuses seen, and the allow-list entries (\`sim/conformance/*-allowlist.ts\`) that apply, with their reasons.

Descriptions: GitHub REST \`@octokit/openapi\` (\`generated/api.github.com.json\`, OpenAPI 3.0.3), with the advisory comments preview it lacks from psrt's own description of it (\`sim/conformance/advisory-comments.openapi.json\`, written from GitHub's documentation of the preview, until \`@octokit/openapi\` has them), GitHub webhooks \`@octokit/openapi-webhooks\` (\`generated/api.github.com.json\`, OpenAPI 3.1), CVE Services \`vendor/cve-services/api-docs/openapi.json\` (OpenAPI 3.0.2, API 2.3.3), vendored unmodified from CVEProject/cve-services.

## GitHub REST (github-advisories.md §2–§5)

${table('github', lines)}

## GitHub webhooks (github-advisories.md §4)

${table('github-webhooks', lines)}

## CVE Services (the PSF CNA)

Request and response bodies are checked against the schema files the description refers to (\`../schemas/...\`), vendored unmodified from the same commit in \`vendor/cve-services/schemas\`; CVE records also against \`vendor/cve-services/src/middleware/schemas/CVE_JSON_5.1_bundled.json\`.

${table('cve', lines)}
`;
}

const lines = runSuites();
const target = join(root, 'docs', 'api-coverage.md');
writeFileSync(target, render(lines));
console.log(`wrote ${target}`);
