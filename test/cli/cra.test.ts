// The CRA reporting of a report at the terminal, with the real `psrt` command on one embedded
// database: record awareness, see the early warning's draft and what it misses, complete it,
// record its submission with ENISA's reference, and a CSIRT's request with its answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, psrt, rosterWorkspace, type Workspace } from './psrt.ts';

const ws: Workspace = await rosterWorkspace();
afterAll(() => ws.remove());
const run = (...args: string[]) => psrt(ws.dir, [...args, '--as', 'sethmlarson']);
let id = '';

describe('psrt report cra at the terminal', () => {
  beforeAll(async () => {
    const created = await run(
      'report',
      'create',
      '--repo',
      'python/cpython',
      '--title',
      'zipfile: overflow',
      '--json',
    );
    id = json<{ id: string }>(created).id;
  });

  it('records awareness with its evidence and shows the clocks it starts', async () => {
    const aware = await run(
      'report',
      'cra',
      'aware',
      id,
      '--at',
      '2026-01-05T10:00:00Z',
      '--evidence',
      'Attacks seen',
    );
    expect(aware.code).toBe(0);
    expect(aware.stdout).toContain('Active exploitation recorded.');
    expect(aware.stdout).toContain(
      'actively exploited, aware 2026-01-05 10:00 UTC (recorded by sethmlarson): Attacks seen',
    );
    expect(aware.stdout).toMatch(/early warning\s+overdue, due 2026-01-06 10:00 UTC/);
    expect(aware.stdout).toContain(
      'draft early-warning: missing Member States where the product is made available',
    );
  });

  // Six commands in a row: up to a minute and more on a busy machine.
  it('shows a draft, completes it, and refuses a submission until it is complete', async () => {
    const shown = await run('report', 'cra', 'draft', 'show', id, '--stage', 'early-warning');
    expect(shown.stdout).toContain(
      'Member States where the product is made available [memberStates] (Art. 14(2)(a), missing)',
    );
    const refused = await run(
      'report',
      'cra',
      'submit',
      id,
      '--stage',
      'early-warning',
      '--reference',
      'SRP-1',
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      'misses required fields: Member States where the product is made available',
    );
    const edited = await run(
      'report',
      'cra',
      'draft',
      'edit',
      id,
      '--stage',
      'early-warning',
      '--set',
      'memberStates=All EU Member States',
    );
    expect(edited.stdout).toContain('draft early-warning: complete');
    const submitted = await run(
      'report',
      'cra',
      'submit',
      id,
      '--stage',
      'early-warning',
      '--reference',
      'SRP-2026-9',
    );
    expect(submitted.stdout).toContain(
      'early warning recorded as submitted (reference SRP-2026-9); its copy is kept.',
    );
    const frozen = await run('report', 'cra', 'draft', 'show', id, '--stage', 'early-warning');
    expect(frozen.stdout).toContain('early warning: submitted as SRP-2026-9, exactly:');
    expect(frozen.stdout).toContain('All EU Member States');
  }, 90_000);

  it("records a CSIRT's request and the answer given", async () => {
    const asked = await run(
      'report',
      'cra',
      'csirt-request',
      id,
      '--csirt',
      'CERT-FR',
      '--request',
      'Which versions?',
      '--asked-at',
      '2026-01-05T12:00:00Z',
      '--due',
      '2026-01-06T12:00:00Z',
    );
    expect(asked.stdout).toContain('CSIRT request 1 from CERT-FR, due 2026-01-06 12:00 UTC: Which versions?');
    const answered = await run('report', 'cra', 'csirt-answer', id, '1', '--answer', 'All of them', '--json');
    expect(
      json<{ cra: { csirtRequests: { answer: { text: string } }[] } }>(answered).cra.csirtRequests[0]?.answer
        .text,
    ).toBe('All of them');
  });

  it('names a field a stage does not have', async () => {
    const wrong = await run(
      'report',
      'cra',
      'draft',
      'edit',
      id,
      '--stage',
      'notification',
      '--set',
      'colour=blue',
    );
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('has no field "colour"');
  });
});
