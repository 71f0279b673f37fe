// Structured JSON logs (pino), with one redaction layer every line passes through. Log lines carry
// ids and actions, never report text: a log is read by operators who may not be on the report, and
// is shipped to places with other access rules. So, whatever a caller hands the logger:
// - a field whose name says it holds content or a credential (title, description, body, text,
//   payload, subject, *token, *secret, password, private key, cookie …) is replaced, at any depth;
// - the configured secrets, PEM blocks and token-shaped strings are cut out of every string,
//   the message included.
// Lines logged while a request is handled carry its request id (withLogContext).
import { AsyncLocalStorage } from 'node:async_hooks';
import { type Logger, pino } from 'pino';

export type { Logger };

export const REDACTED = '[redacted]';

/** Field names whose values never reach a log line, whatever they hold. */
const secretField =
  /^(authorization|proxy-authorization|cookie|set-cookie|password|passphrase|[a-z_-]*secret|[a-z_-]*token|api[-_]?key|private[-_]?key|pem|title|description|body|text|html|content|payload|subject|comment|comments|summary|details|attachments?)$/i;

/** Credentials recognisable by their shape: PEM blocks, psrt and GitHub tokens, JWTs, Basic/Bearer values. */
const secretShapes = [
  /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(-----END [A-Z0-9 ]+-----|$)/g,
  /\bpsrt_[A-Za-z0-9_-]{8,}/g,
  /\bgh[opsu]_[A-Za-z0-9]{16,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{16,}/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g,
  /\btoken\s+[A-Za-z0-9_-]{20,}/gi,
];

/** A redactor: `secrets` are the configured ones (shorter than 8 characters they are not looked for). */
export function redactor(secrets: Iterable<string | null | undefined> = []): (value: unknown) => unknown {
  const known = [...new Set([...secrets].filter((s): s is string => typeof s === 'string' && s.length >= 8))]
    // Longest first, so a secret containing another is cut whole.
    .sort((a, b) => b.length - a.length);
  const scrub = (text: string): string => {
    let out = text;
    for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    for (const shape of secretShapes) out = out.replace(shape, REDACTED);
    return out;
  };
  const walk = (value: unknown, depth: number, seen: Set<object>): unknown => {
    if (typeof value === 'string') return scrub(value);
    if (value === null || typeof value !== 'object') return value;
    if (depth > 8 || seen.has(value)) return '[…]';
    if (value instanceof Date) return value;
    seen.add(value);
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, seen));
    if (value instanceof Error) {
      // The same kind of error (pino's serializer names it by its class), its words scrubbed.
      const copy = Object.create(Object.getPrototypeOf(value)) as Error;
      copy.message = scrub(value.message);
      if (value.stack) copy.stack = scrub(value.stack);
      for (const [key, item] of Object.entries(value))
        (copy as unknown as Record<string, unknown>)[key] = secretField.test(key)
          ? REDACTED
          : walk(item, depth + 1, seen);
      return copy;
    }
    const entries = Object.entries(value);
    const out: Record<string, unknown> = {};
    for (const [key, item] of entries)
      out[key] = secretField.test(key) && item !== undefined ? REDACTED : walk(item, depth + 1, seen);
    return out;
  };
  return (value) => walk(value, 0, new Set());
}

const logContext = new AsyncLocalStorage<Record<string, unknown>>();

/** Runs `fn` with `fields` (a request id, say) on every line logged until it settles. */
export function withLogContext<T>(fields: Record<string, unknown>, fn: () => T): T {
  return logContext.run({ ...logContext.getStore(), ...fields }, fn);
}

export function createLogger(
  level: string,
  destination: NodeJS.WritableStream = process.stdout,
  secrets: Iterable<string | null | undefined> = [],
): Logger {
  const redact = redactor(secrets);
  return pino(
    {
      level,
      base: { app: 'psrt' },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => logContext.getStore() ?? {},
      hooks: {
        // Every call: (message), (object), (object, message, …); each part through the redactor.
        logMethod(args, method) {
          const redacted = args.map((arg) => redact(arg)) as Parameters<typeof method>;
          return method.apply(this, redacted);
        },
      },
    },
    destination,
  );
}
