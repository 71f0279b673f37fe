// A simulator's in-memory model as JSON and back: Maps, Sets, Dates and crypto keys are tagged,
// and an object reached twice (an account in `accounts` and in `logins`) comes back as one
// object, so a restored model behaves like the one that was saved. Anything else (a class
// instance, a function) is refused by name: a model must be plain data to be kept.
import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';

/** The file could not be read back: what is wrong and where, e.g. `state.repos[3]: …`. */
export class CodecError extends Error {}

const tags = ['$map', '$set', '$date', '$key', '$ref', '$obj'] as const;
const isTagged = (value: Record<string, unknown>): boolean => {
  const keys = Object.keys(value);
  return keys.length === 1 && (tags as readonly string[]).includes(keys[0] ?? '');
};

/**
 * Containers (objects, arrays, Maps, Sets) are numbered in the order they are first met, depth
 * first; a container met again is written `{"$ref": n}`. The decoder numbers in the same order.
 */
export function encode(value: unknown): unknown {
  const seen = new Map<object, number>();
  const walk = (v: unknown, path: string): unknown => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new CodecError(`${path}: ${v} cannot be kept`);
      return v;
    }
    if (typeof v !== 'object') throw new CodecError(`${path}: a ${typeof v} cannot be kept`);
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) throw new CodecError(`${path}: an invalid date cannot be kept`);
      return { $date: v.toISOString() };
    }
    if (v instanceof KeyObject) {
      if (v.type === 'secret') throw new CodecError(`${path}: a secret key cannot be kept`);
      return {
        $key: {
          type: v.type,
          pem: v.export({ type: v.type === 'private' ? 'pkcs8' : 'spki', format: 'pem' }),
        },
      };
    }
    const ref = seen.get(v);
    if (ref !== undefined) return { $ref: ref };
    seen.set(v, seen.size);
    if (Array.isArray(v)) return v.map((item, i) => walk(item, `${path}[${i}]`));
    if (v instanceof Map)
      return {
        $map: [...v].map(([k, item], i) => [
          walk(k, `${path} key ${i}`),
          walk(item, `${path}.get(${JSON.stringify(k)})`),
        ]),
      };
    if (v instanceof Set) return { $set: [...v].map((item, i) => walk(item, `${path} item ${i}`)) };
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null)
      throw new CodecError(
        `${path}: a ${proto?.constructor?.name ?? 'class'} instance cannot be kept (only plain data)`,
      );
    const entries = Object.entries(v).filter(([, item]) => item !== undefined);
    const out = entries.map(([k, item]) => [k, walk(item, `${path}.${k}`)] as const);
    // A key that looks like a tag would be read back as one: such objects are written as pairs.
    if (entries.some(([k]) => k.startsWith('$'))) return { $obj: out.map(([k, item]) => [k, item]) };
    return Object.fromEntries(out);
  };
  return walk(value, 'state');
}

/** The inverse of `encode`; a malformed value throws a CodecError naming where it is. */
export function decode(json: unknown): unknown {
  const containers: unknown[] = [];
  const fail = (path: string, what: string): never => {
    throw new CodecError(`${path}: ${what}`);
  };
  const walk = (v: unknown, path: string): unknown => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
    if (typeof v !== 'object') return fail(path, `unexpected ${typeof v}`);
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      containers.push(out);
      v.forEach((item, i) => {
        out.push(walk(item, `${path}[${i}]`));
      });
      return out;
    }
    const o = v as Record<string, unknown>;
    if (!isTagged(o)) {
      if (Object.keys(o).some((k) => k.startsWith('$')))
        return fail(path, `unknown tag ${Object.keys(o).join(', ')}`);
      const out: Record<string, unknown> = {};
      containers.push(out);
      for (const [k, item] of Object.entries(o)) out[k] = walk(item, `${path}.${k}`);
      return out;
    }
    if ('$date' in o) {
      const date = typeof o.$date === 'string' ? new Date(o.$date) : new Date(Number.NaN);
      return Number.isNaN(date.getTime()) ? fail(path, 'not a date') : date;
    }
    if ('$key' in o) {
      const key = o.$key as { type?: unknown; pem?: unknown } | null;
      if (typeof key?.pem !== 'string' || (key.type !== 'public' && key.type !== 'private'))
        return fail(path, 'not a key');
      try {
        return key.type === 'private' ? createPrivateKey(key.pem) : createPublicKey(key.pem);
      } catch {
        return fail(path, `the ${key.type} key cannot be read`);
      }
    }
    if ('$ref' in o) {
      const target = typeof o.$ref === 'number' ? containers[o.$ref] : undefined;
      return target === undefined ? fail(path, `a reference to nothing (${String(o.$ref)})`) : target;
    }
    const pairs = (list: unknown): unknown[] =>
      Array.isArray(list) ? list : fail(path, 'a tagged value without its list');
    if ('$map' in o) {
      const out = new Map<unknown, unknown>();
      containers.push(out);
      pairs(o.$map).forEach((pair, i) => {
        if (!Array.isArray(pair) || pair.length !== 2) fail(`${path} entry ${i}`, 'not a [key, value] pair');
        const [k, item] = pair as [unknown, unknown];
        out.set(walk(k, `${path} key ${i}`), walk(item, `${path}.get(${JSON.stringify(k)})`));
      });
      return out;
    }
    if ('$set' in o) {
      const out = new Set<unknown>();
      containers.push(out);
      pairs(o.$set).forEach((item, i) => {
        out.add(walk(item, `${path} item ${i}`));
      });
      return out;
    }
    const out: Record<string, unknown> = {};
    containers.push(out);
    for (const [i, pair] of pairs(o.$obj).entries()) {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string')
        return fail(`${path} entry ${i}`, 'not a [key, value] pair');
      out[pair[0]] = walk(pair[1], `${path}.${pair[0]}`);
    }
    return out;
  };
  return walk(json, 'state');
}
