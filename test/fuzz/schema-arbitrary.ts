// Request bodies from the JSON Schemas of psrt's OpenAPI document: values the
// schema allows (as far as a generator can tell: formats and patterns are
// followed where fast-check can), to be sent as they are or mutated.
import fc from 'fast-check';

type Schema = Record<string, unknown>;

/** Any JSON value, small. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constant(2 ** 53 + 1),
      fc.constant(-1),
    ),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom(
      '',
      '__proto__',
      'constructor',
      '2026-02-30',
      'CVSS:4.0/AV:N',
      'PSRT-2026-0001',
      '\u0000',
    ),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const formats: Record<string, fc.Arbitrary<string>> = {
  'date-time': fc
    .date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  date: fc
    .date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  email: fc.emailAddress(),
  uri: fc.webUrl(),
  url: fc.webUrl(),
};

function stringFor(schema: Schema): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? Math.min(schema.maxLength, 60) : 60;
  const format = typeof schema.format === 'string' ? formats[schema.format] : undefined;
  if (format) return format;
  if (typeof schema.pattern === 'string') {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((s) => s.length >= minLength && s.length <= ((schema.maxLength as number) ?? Infinity));
    } catch {
      // A pattern fast-check cannot generate from: any string, to be refused or not.
    }
  }
  return fc.string({ minLength, maxLength: Math.max(minLength, maxLength) });
}

/** Values of `schema`, resolving `$ref`s in `document`. */
export function arbitraryOf(schema: unknown, document: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (schema === true || schema === undefined || depth > 6) return anyJson;
  if (schema === false || typeof schema !== 'object' || schema === null) return fc.constant(null);
  const s = schema as Schema;
  if (typeof s.$ref === 'string') {
    const target = s.$ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as Schema | undefined)?.[key], document);
    return arbitraryOf(target, document, depth + 1);
  }
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  for (const key of ['anyOf', 'oneOf'] as const)
    if (Array.isArray(s[key]))
      return fc.oneof(...(s[key] as unknown[]).map((option) => arbitraryOf(option, document, depth + 1)));
  if (Array.isArray(s.allOf))
    return arbitraryOf(Object.assign({}, ...(s.allOf as Schema[])), document, depth + 1);
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : [];
  if (types.length > 1)
    return fc.oneof(...types.map((type) => arbitraryOf({ ...s, type }, document, depth + 1)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({
        min: typeof s.minimum === 'number' ? s.minimum : -1000,
        max: typeof s.maximum === 'number' ? s.maximum : 100_000,
      });
    case 'number':
      return fc.double({
        min: typeof s.minimum === 'number' ? s.minimum : -1000,
        max: typeof s.maximum === 'number' ? s.maximum : 100_000,
        noNaN: true,
      });
    case 'string':
      return stringFor(s);
    case 'array':
      return fc.array(arbitraryOf(s.items, document, depth + 1), {
        minLength: typeof s.minItems === 'number' ? s.minItems : 0,
        maxLength: Math.min(typeof s.maxItems === 'number' ? s.maxItems : 4, 4),
      });
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      const required = new Set((s.required ?? []) as string[]);
      const model = Object.fromEntries(
        Object.entries(properties).map(([key, value]) => [key, arbitraryOf(value, document, depth + 1)]),
      );
      return fc.record(model, { requiredKeys: [...required].filter((key) => key in model) });
    }
    default:
      return anyJson;
  }
}

/** `base` with one value somewhere in it replaced by one of `any`, or one key removed. */
export function mutatedJson(base: unknown, any: fc.Arbitrary<unknown> = anyJson): fc.Arbitrary<unknown> {
  if (base === null || typeof base !== 'object') return any;
  const object = base as Record<string, unknown>;
  const names = Object.keys(object);
  if (names.length === 0) return any;
  return fc.oneof(
    any,
    fc
      .constantFrom(...names)
      .chain((key) =>
        mutatedJson(object[key], any).map((value) =>
          Array.isArray(base) ? Object.assign([...base], { [key]: value }) : { ...object, [key]: value },
        ),
      ),
    fc
      .constantFrom(...names)
      .map((key) => Object.fromEntries(Object.entries(object).filter(([name]) => name !== key))),
  );
}
