// Commands in GHSA comments are read strictly: a line that starts with the
// bot's mention is a command; anything the bot does not understand is
// answered with what it expected, never guessed at.
import { expect, it } from 'vitest';
import { commandsIn, parseCommand } from '../../../src/domain/bot/commands.ts';

it('a line starting with the mention is a command, in any case; quoted and mid-sentence mentions are not', () => {
  const body = [
    'Thanks for the report!',
    '@PSRT-bot accept',
    '> @psrt-bot reject spam',
    'ask @psrt-bot status',
  ].join('\n');
  expect(commandsIn(body, 'psrt-bot')).toEqual([{ ok: true, command: { name: 'accept' } }]);
});

it('each documented command is understood with its arguments', () => {
  expect(parseCommand('reject duplicate GHSA-2x3v-4w5c-6f7g')).toEqual({
    ok: true,
    command: { name: 'reject', reason: 'duplicate', detail: 'GHSA-2x3v-4w5c-6f7g' },
  });
  expect(parseCommand('reject spam')).toMatchObject({ ok: true, command: { reason: 'spam', detail: null } });
  expect(parseCommand('coordinator @encukou')).toEqual({
    ok: true,
    command: { name: 'coordinator', login: 'encukou' },
  });
  expect(parseCommand('grant @zip-expert 30')).toEqual({
    ok: true,
    command: { name: 'grant', login: 'zip-expert', days: 30 },
  });
  expect(parseCommand('grant @zip-expert')).toMatchObject({ ok: true, command: { days: null } });
  expect(parseCommand('extend 30 the fix needs a release')).toEqual({
    ok: true,
    command: { name: 'extend', days: 30, reason: 'the fix needs a release' },
  });
  for (const name of ['help', 'status', 'accept', 'assign-cve', 'public-issue', 'revoke @x', 'handoff @y'])
    expect(parseCommand(name).ok).toBe(true);
});

it('an unknown command, a missing argument or a number that is not a whole count of days says what was expected', () => {
  expect(parseCommand('publish')).toEqual({
    ok: false,
    problem: '`publish` is not a command the bot knows.',
  });
  expect(parseCommand('reject')).toMatchObject({
    ok: false,
    problem: expect.stringContaining('needs a reason'),
  });
  expect(parseCommand('reject duplicate')).toMatchObject({ ok: false });
  expect(parseCommand('grant @x 1e2')).toMatchObject({ ok: false });
  expect(parseCommand('extend 0x10 reasons')).toMatchObject({ ok: false });
  expect(parseCommand('coordinator not a login!')).toMatchObject({ ok: false });
  expect(parseCommand('accept now please')).toMatchObject({
    ok: false,
    problem: '`accept` takes nothing after it.',
  });
});
