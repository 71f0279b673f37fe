import { readFileSync } from 'node:fs';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CnaClient } from '../../src/cna/index.ts';
import { createGitHubClient } from '../../src/github/index.ts';
import { parseRosterCsv } from '../../src/records/roster-csv.ts';
import { type SandboxServices, startSandboxServices } from '../../src/sandbox/index.ts';

const roster = parseRosterCsv(
  readFileSync(new URL('../../sandbox/psrt.csv', import.meta.url), 'utf8'),
  'member',
);
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

describe('the sandbox runs the production clients against in-process simulators', () => {
  let services: SandboxServices;
  beforeAll(async () => {
    services = await startSandboxServices(roster);
  });
  afterAll(async () => {
    await services.close();
  });

  it('the psrt GitHub App is installed on the python and pypa organisations', async () => {
    const github = createGitHubClient({ ...services.github, baseUrl: services.github.url, log: quiet });
    const installations = await github.listInstallations();
    expect(installations.map((i) => i.account && 'login' in i.account && i.account.login).sort()).toEqual([
      'pypa',
      'python',
    ]);
  });

  it('the PSRT team on GitHub holds the roster members', async () => {
    const github = createGitHubClient({ ...services.github, baseUrl: services.github.url, log: quiet });
    const python = services.github.installations.find((i) => i.account === 'python');
    if (!python) throw new Error('no installation on python');
    const team = await github.forInstallation(python.id).getTeamMembers('python', 'psrt');
    expect(team.map((member) => member.login).sort()).toEqual(
      roster.flatMap((entry) => (entry.login ? [entry.login] : [])).sort(),
    );
  });

  it('mail sent to the sandbox SMTP server is kept with its headers and text, newest first', async () => {
    expect(services.smtp.url).toBe(`smtp://127.0.0.1:${services.smtp.port}`);
    const mailer = createTransport({ host: services.smtp.host, port: services.smtp.port, secure: false });
    for (const n of [1, 2]) {
      await mailer.sendMail({
        from: 'psrt <psrt@python.org>',
        to: ['"Larson, Seth" <seth@python.org>', 'security@python.org'],
        subject: `Réponse ${n}: rapport reçu`,
        text: `Merci pour votre rapport n° ${n}.\n<b>not markup</b>\n${'long line '.repeat(20)}`,
      });
    }
    const [newest, older] = services.outgoingMail.messages();
    expect(newest).toMatchObject({
      from: 'psrt <psrt@python.org>',
      to: ['"Larson, Seth" <seth@python.org>', 'security@python.org'],
      subject: 'Réponse 2: rapport reçu',
      messageId: expect.stringMatching(/^<.+@.+>$/),
      date: expect.any(String),
    });
    expect(newest?.text).toContain(
      `Merci pour votre rapport n° 2.\n<b>not markup</b>\n${'long line '.repeat(20).trimEnd()}`,
    );
    expect(newest?.raw).toContain('Subject:');
    expect(older?.subject).toBe('Réponse 1: rapport reçu');
    mailer.close();
  });

  it('the PSF CNA can reserve a CVE ID', async () => {
    const cna = new CnaClient({
      baseUrl: services.cve.apiUrl,
      org: services.cve.org,
      user: services.cve.user,
      apiKey: services.cve.apiKey,
    });
    const reserved = await cna.reserveCveIds({ amount: 1, year: new Date().getUTCFullYear() });
    expect(reserved.cveIds).toHaveLength(1);
    expect(reserved.cveIds[0]?.cve_id).toMatch(/^CVE-\d{4}-\d{4,}$/);
  });
});
