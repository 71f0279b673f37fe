import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { vendored } from '../../sim/conformance/vendored.ts';
import { exportRoster, getRoster, importRoster, resolvePrincipal } from '../../src/app/roster.ts';
import type { Principal } from '../../src/domain/report.ts';
import { listAudit } from '../../src/store/index.ts';
import { forEachEngine } from '../support/engines.ts';
import { anonymous, bot, devguideRoster, failsWith, sandboxFile, testApp } from './support.ts';

/** The published devguide files, vendored unmodified in `vendor/python-devguide/security/`. */
const publishedFile = (name: 'psrt.csv' | 'psrt-emeritus.csv'): Buffer =>
  readFileSync(vendored.devguideRoster(name));
const sandboxBytes = (name: string): Buffer =>
  readFileSync(new URL(`../../sandbox/${name}`, import.meta.url));

const members = sandboxFile('psrt.csv');
const emeritus = sandboxFile('psrt-emeritus.csv');
const memberLines = members.split('\n').filter(Boolean);
const emeritusLines = emeritus.split('\n').filter(Boolean);

/** The member list with line `n` (1-based) replaced. */
const withLine = (n: number, line: string): string =>
  memberLines
    .map((l, i) => (i === n - 1 ? line : l))
    .join('\n')
    .concat('\n');
/** The member list with only `keep` still marked Admin. */
const onlyAdmins = (...keep: string[]): string =>
  memberLines
    .map((line) => {
      const [name, login] = line.split(',');
      if (!line.includes('Admin') || keep.includes(login ?? '')) return line;
      return line.includes('"Admin, Release Manager"')
        ? `${name},${login},Release Manager`
        : `${name},${login},`;
    })
    .join('\n')
    .concat('\n');

describe('the devguide roster files', () => {
  it('the sandbox ships the lists exactly as the devguide publishes them', () => {
    for (const name of ['psrt.csv', 'psrt-emeritus.csv'] as const) {
      expect(sandboxBytes(name).equals(publishedFile(name)), `sandbox/${name}`).toBe(true);
    }
  });
});

forEachEngine('roster use-cases', (engine) => {
  const app = testApp(engine);
  const ctx = () => app.ctx();
  const snapshot = async () => ({
    members: await exportRoster(ctx(), 'member'),
    emeritus: await exportRoster(ctx(), 'emeritus'),
    audit: (await listAudit(app.store().db, 'roster')).length,
  });

  it('importing the devguide files and exporting them gives back the same bytes', async () => {
    const result = await importRoster(ctx(), bot, devguideRoster());
    expect(result).toEqual({ members: memberLines.length, emeritus: emeritusLines.length, bootstrap: true });
    expect(await exportRoster(ctx(), 'member')).toBe(members);
    expect(await exportRoster(ctx(), 'emeritus')).toBe(emeritus);
    expect(Buffer.from(await exportRoster(ctx(), 'member')).equals(publishedFile('psrt.csv'))).toBe(true);
    expect(
      Buffer.from(await exportRoster(ctx(), 'emeritus')).equals(publishedFile('psrt-emeritus.csv')),
    ).toBe(true);
  });

  it('the import reads names, logins and roles, and keeps the emeritus list apart', async () => {
    await app.importDevguideRoster();
    const roster = await getRoster(ctx());
    expect(roster.find((e) => e.login === 'ned-deily')).toMatchObject({
      list: 'member',
      name: 'Ned Deily',
      roles: ['Admin', 'Release Manager'],
    });
    expect(roster.find((e) => e.name === 'Łukasz Langa')).toMatchObject({
      login: 'ambv',
      roles: ['Release Manager'],
    });
    expect((await getRoster(ctx(), 'emeritus')).map((e) => e.login)).toEqual([
      null,
      'tiran',
      'birkenfeld',
      null,
      null,
      'mhammond',
      null,
      null,
      null,
    ]);
  });

  it('who someone is comes from the roster: members with their roles; emeritus members and others are outsiders', async () => {
    await app.importDevguideRoster();
    const principal = (login: string): Promise<Principal> => resolvePrincipal(ctx(), login);
    expect(await principal('Yhg1s')).toEqual({
      kind: 'user',
      login: 'Yhg1s',
      member: true,
      roles: ['Release Manager'],
    });
    expect(await principal('sethmlarson')).toMatchObject({ member: true, roles: ['Admin'] });
    expect(await principal('tiran')).toEqual({ kind: 'user', login: 'tiran', member: false, roles: [] });
    // On both lists (left, then rejoined), as the devguide had kushaldas until it took him off the
    // emeritus list: the member list decides.
    const rejoined = emeritus.replace('Mark Hammond,', 'Kushal Das,kushaldas,\nMark Hammond,');
    await importRoster(ctx(), await app.as('sethmlarson'), {
      emeritus: { text: rejoined, source: 'psrt-emeritus.csv' },
    });
    expect((await getRoster(ctx(), 'emeritus')).map((e) => e.login)).toContain('kushaldas');
    expect(await principal('kushaldas')).toMatchObject({ member: true });
    expect(await principal('mira-finds-bugs')).toMatchObject({ member: false });
  });

  it('the import is recorded in the audit log with the digest of each file', async () => {
    await app.importDevguideRoster();
    const [event] = await listAudit(app.store().db, 'roster');
    expect(event).toMatchObject({
      actor: 'system:bot',
      action: 'roster.import',
      change: {
        bootstrap: true,
        members: {
          source: 'psrt.csv',
          entries: memberLines.length,
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
        emeritus: { source: 'psrt-emeritus.csv', entries: emeritusLines.length },
      },
    });
  });

  describe('a malformed file changes nothing', () => {
    it('a bad line is named with its file and line number, and the roster stays as it was', async () => {
      await app.importDevguideRoster();
      const before = await snapshot();
      const error = await failsWith(
        'invalid',
        importRoster(ctx(), await app.as('sethmlarson'), {
          members: {
            text: withLine(3, 'Bénédikt Tran,picnixz,Admin;Release Manager'),
            source: 'new-psrt.csv',
          },
        }),
      );
      expect(error.message).toBe(
        'new-psrt.csv line 3: unknown role "Admin;Release Manager" (known: Admin, Release Manager, Steering Council, PSF Staff)',
      );
      expect(await snapshot()).toEqual(before);
    });

    it('every problem is listed, so one round of fixes is enough', async () => {
      await app.importDevguideRoster();
      const text = withLine(2, 'Barry Warsaw,warsaw').replace(
        'Emma Smith,emmatyping,',
        'Emma Smith,Ee Durbin,',
      );
      const error = await failsWith(
        'invalid',
        importRoster(ctx(), await app.as('sethmlarson'), { members: { text, source: 'psrt.csv' } }),
      );
      expect(error.message.split('\n')).toEqual([
        'psrt.csv line 2: expected 3 columns (Name,GitHub username,Notes), found 2',
        'psrt.csv line 9: "Ee Durbin" is not a GitHub username',
      ]);
    });

    it('a good member list does not go in when the emeritus list beside it is malformed', async () => {
      await app.importDevguideRoster();
      const before = await snapshot();
      const error = await failsWith(
        'invalid',
        importRoster(ctx(), await app.as('sethmlarson'), {
          members: { text: withLine(1, 'Adam Turner,AA-Turner,Admin'), source: 'psrt.csv' },
          emeritus: { text: `${emeritus}\n`, source: 'psrt-emeritus.csv' },
        }),
      );
      expect(error.message).toBe(
        `psrt-emeritus.csv line ${emeritusLines.length + 1}: blank line (remove it: every line is one person)`,
      );
      expect(await snapshot()).toEqual(before);
    });

    it('an empty file does not empty a list that has people on it, unless that is asked for', async () => {
      await app.importDevguideRoster();
      const before = await snapshot();
      const seth = await app.as('sethmlarson');
      const empty = { emeritus: { text: '', source: 'psrt-emeritus.csv' } };
      const error = await failsWith('refused', importRoster(ctx(), seth, empty));
      expect(error.message).toBe(
        `psrt-emeritus.csv has nobody in it, and importing it would empty the emeritus list (${emeritusLines.length} entries). If that is what you mean, import it again allowing an empty list (on the command line: --allow-empty).`,
      );
      expect(await snapshot()).toEqual(before);
      expect(await importRoster(ctx(), seth, { ...empty, allowEmpty: true })).toMatchObject({ emeritus: 0 });
      expect(await getRoster(ctx(), 'emeritus')).toEqual([]);
    });

    it('a file of thousands of bad lines is refused with the first twenty problems and a count of the rest', async () => {
      await app.importDevguideRoster();
      const text = 'no commas here\n'.repeat(4_000);
      const error = await failsWith(
        'invalid',
        importRoster(ctx(), await app.as('sethmlarson'), { members: { text, source: 'psrt.csv' } }),
      );
      const lines = error.message.split('\n');
      expect(lines).toHaveLength(21);
      expect(lines[0]).toBe('psrt.csv line 1: expected 3 columns (Name,GitHub username,Notes), found 1');
      expect(lines[20]).toBe('… and 3,980 more problems in psrt.csv');
    });

    it('a list longer than the limits is refused, saying the limits, before any line is read', async () => {
      await app.importDevguideRoster();
      const before = await snapshot();
      const rows = (n: number) => Array.from({ length: n }, (_, i) => `Person ${i},person-${i},`).join('\n');
      const seth = await app.as('sethmlarson');
      const tooLong = await failsWith(
        'invalid',
        importRoster(ctx(), seth, { emeritus: { text: rows(6_000), source: 'long.csv' } }),
      );
      expect(tooLong.message).toMatch(
        /^long\.csv line 1: the file has 6,000 lines; a list holds at most 5,000 people/,
      );
      // 370,000 valid rows once overflowed the stack building one insert; now they never get that far.
      const tooBig = await failsWith(
        'invalid',
        importRoster(ctx(), seth, { emeritus: { text: rows(370_000), source: 'big.csv' } }),
      );
      expect(tooBig.message).toMatch(
        /^big\.csv line 1: the file is larger than 1 MiB \(at most 1 MiB and 5,000 people per file/,
      );
      expect(await snapshot()).toEqual(before);
    });

    it('a list at the limit goes in whole', async () => {
      await app.importDevguideRoster();
      const text = Array.from({ length: 5_000 }, (_, i) => `Person ${i},person-${i},\n`).join('');
      const seth = await app.as('sethmlarson');
      expect(await importRoster(ctx(), seth, { emeritus: { text, source: 'big.csv' } })).toMatchObject({
        emeritus: 5_000,
      });
      expect(await exportRoster(ctx(), 'emeritus')).toBe(text);
    });

    it('a name or notes longer than 200 characters are refused, saying the limit', async () => {
      await app.importDevguideRoster();
      const error = await failsWith(
        'invalid',
        importRoster(ctx(), await app.as('sethmlarson'), {
          emeritus: {
            text: `${'N'.repeat(10_000)},someone,\nAnother,other,${'x'.repeat(201)}\n`,
            source: 'e.csv',
          },
        }),
      );
      expect(error.message.split('\n')).toEqual([
        'e.csv line 1: the name is 10,000 characters long; at most 200',
        'e.csv line 2: the notes are 201 characters long; at most 200',
      ]);
    });

    it('a malformed first import leaves the roster empty', async () => {
      await failsWith(
        'invalid',
        importRoster(ctx(), bot, {
          members: { text: `Name,GitHub username,Notes\n${members}`, source: 'psrt.csv' },
        }),
      );
      expect(await getRoster(ctx())).toEqual([]);
      expect(await listAudit(app.store().db, 'roster')).toEqual([]);
    });
  });

  describe('who may import', () => {
    it('after the first import, only admins may import again', async () => {
      await app.importDevguideRoster();
      const before = await snapshot();
      const next = { members: { text: withLine(1, 'Adam Turner,AA-Turner,Admin'), source: 'psrt.csv' } };
      for (const login of ['gpshead', 'hugovk', 'tiran', 'mira-finds-bugs']) {
        const error = await failsWith('forbidden', importRoster(ctx(), await app.as(login), next));
        expect(error.message).toBe('Only PSRT admins may do this (PEP 811); ask an admin.');
      }
      await failsWith('forbidden', importRoster(ctx(), anonymous, next));
      await failsWith('forbidden', importRoster(ctx(), bot, next));
      expect(await snapshot()).toEqual(before);

      const result = await importRoster(ctx(), await app.as('StanFromIreland'), next);
      expect(result).toEqual({ members: memberLines.length, emeritus: null, bootstrap: false });
      expect(await app.as('AA-Turner')).toMatchObject({ member: true, roles: ['Admin'] });
      expect(await exportRoster(ctx(), 'emeritus')).toBe(emeritus);
    });

    it('an import that would leave fewer than two admins is refused', async () => {
      await app.importDevguideRoster();
      const before = await snapshot();
      const admin = await app.as('sethmlarson');
      const one = await failureOfImport(admin, onlyAdmins('sethmlarson'), 'refused');
      expect(one.message).toBe(
        'This change would leave 1 admin (sethmlarson); the PSRT must always have at least 2. Designate another admin first.',
      );
      const none = await failureOfImport(admin, onlyAdmins(), 'refused');
      expect(none.message).toContain('This change would leave no admin;');
      expect(await snapshot()).toEqual(before);

      await importRoster(ctx(), admin, {
        members: { text: onlyAdmins('sethmlarson', 'warsaw'), source: 'psrt.csv' },
      });
      expect(
        (await getRoster(ctx(), 'member')).filter((e) => e.roles.includes('Admin')).map((e) => e.login),
      ).toEqual(['warsaw', 'sethmlarson']);
    });

    it('roster imports made at the same moment are applied one after the other, none failing', async () => {
      await app.importDevguideRoster();
      const [seth, stan] = [await app.as('sethmlarson'), await app.as('StanFromIreland')];
      const outcomes = await Promise.allSettled([
        importRoster(ctx(), seth, {
          members: { text: withLine(1, 'Adam Turner,AA-Turner,Admin'), source: 'a.csv' },
        }),
        importRoster(ctx(), stan, {
          members: { text: withLine(3, 'Bénédikt Tran,picnixz,Admin'), source: 'b.csv' },
        }),
        importRoster(ctx(), stan, {
          members: { text: withLine(4, 'Benjamin Peterson,benjaminp,Admin'), source: 'c.csv' },
        }),
        importRoster(ctx(), seth, { emeritus: { text: emeritus, source: 'd.csv' } }),
      ]);
      expect(
        outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason).split('\n')[0]] : [])),
      ).toEqual([]);
      expect((await listAudit(app.store().db, 'roster')).map((e) => e.action)).toEqual(
        Array(5).fill('roster.import'),
      );
      expect((await getRoster(ctx(), 'member')).length).toBe(memberLines.length);
    });

    it('a first import without admins cannot lock the roster: the member list can still be brought in', async () => {
      // Importing the emeritus list first is an easy slip; afterwards someone must still be able to add the members.
      await importRoster(ctx(), bot, { emeritus: { text: emeritus, source: 'psrt-emeritus.csv' } }).catch(
        () => null,
      );
      await importRoster(ctx(), bot, devguideRoster());
      expect(await exportRoster(ctx(), 'member')).toBe(members);
      expect(await app.as('sethmlarson')).toMatchObject({ member: true, roles: ['Admin'] });
    });
  });

  async function failureOfImport(actor: Principal, text: string, code: 'invalid' | 'refused' = 'invalid') {
    return failsWith(code, importRoster(ctx(), actor, { members: { text, source: 'psrt.csv' } }));
  }
});
