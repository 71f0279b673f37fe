// The codec the simulators keep their state with: what goes in comes back as the same kind of
// thing, shared objects stay shared, and what it cannot keep is refused by name.
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CodecError, decode, encode } from '../../../sim/persist/codec.ts';

const roundTrip = (value: unknown) => decode(JSON.parse(JSON.stringify(encode(value))));

describe('keeping a simulator model as JSON', () => {
  it('Maps, Sets, Dates, nested lists and nulls come back as themselves', () => {
    const model = {
      at: new Date('2026-11-24T10:00:00.123Z'),
      byId: new Map<number, { name: string; tags: Set<string> }>([
        [7, { name: 'seven', tags: new Set(['a', 'b']) }],
      ]),
      branches: new Map([['main', new Map([['README.rst', 'CPython\n']])]]),
      nothing: null,
      list: [1, 'two', [true, null]],
    };
    expect(roundTrip(model)).toEqual(model);
  });

  it('a private key comes back able to sign, and a public key able to verify', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const model = { privateKey, publicKey };
    const back = roundTrip(model) as typeof model;
    const signature = sign('sha256', Buffer.from('psrt'), back.privateKey);
    expect(verify('sha256', Buffer.from('psrt'), back.publicKey, signature)).toBe(true);
    expect(back.privateKey.type).toBe('private');
  });

  it('an object reached twice comes back as one object, so a change through one path shows through the other', () => {
    const alice = { id: 1000, login: 'alice', name: null as string | null };
    const model = {
      accounts: new Map([[1000, alice]]),
      logins: new Map([['alice', alice]]),
      owner: { account: alice },
    };
    const back = roundTrip(model) as typeof model;
    const byLogin = back.logins.get('alice');
    if (!byLogin) throw new Error('alice is missing');
    byLogin.name = 'Alice';
    expect(back.accounts.get(1000)?.name).toBe('Alice');
    expect(back.owner.account).toBe(byLogin);
  });

  it('keys that look like its tags are kept as data', () => {
    const model = { permissions: { $ref: 'not a reference', $map: [1] }, plain: { $date: 'text' } };
    expect(roundTrip(model)).toEqual(model);
  });

  it('a class instance, a function or a broken date is refused, naming where it is', () => {
    class Socket {}
    expect(() => encode({ hooks: [new Socket()] })).toThrow(
      new CodecError('state.hooks[0]: a Socket instance cannot be kept (only plain data)'),
    );
    expect(() => encode({ send: () => 1 })).toThrow('state.send: a function cannot be kept');
    expect(() => encode({ at: new Date(Number.NaN) })).toThrow('state.at: an invalid date cannot be kept');
  });

  it('a damaged value is refused, naming where it is', () => {
    expect(() => decode({ at: { $date: 'yesterday' } })).toThrow('state.at: not a date');
    expect(() => decode({ a: { $ref: 99 } })).toThrow('state.a: a reference to nothing (99)');
    expect(() => decode({ m: { $map: [[1]] } })).toThrow('state.m entry 0: not a [key, value] pair');
    expect(() => decode({ k: { $key: { type: 'private', pem: 'nope' } } })).toThrow(
      'the private key cannot be read',
    );
    expect(() => decode({ x: { $what: 1, other: 2 } })).toThrow('state.x: unknown tag $what, other');
  });
});
