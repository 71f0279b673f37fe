// An audit event's change as people read it: a report edit as a table of the
// fields that changed, each "before → after" (nested facts down to the part
// that changed, lists item by item); anything else as its fields, one a line.
// Long text folds away (a <details>, no script needed); everything is text.
import { canonicalJson } from '../../domain/audit.ts';

/** `{ field: { from, to } }`, as report changes are recorded (app/report-change `reportDiff`). */
type FieldDiff = Record<string, { from: unknown; to: unknown }>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isFieldDiff(change: unknown): change is FieldDiff {
  if (!isRecord(change)) return false;
  const values = Object.values(change);
  return (
    values.length > 0 &&
    values.every((v) => isRecord(v) && Object.keys(v).length === 2 && 'from' in v && 'to' in v)
  );
}

/** Where two values differ, by dotted path: objects are followed down, anything else compared whole. */
function differences(path: string, from: unknown, to: unknown): [string, unknown, unknown][] {
  if (!isRecord(from) || !isRecord(to)) return [[path, from, to]];
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])];
  return keys
    .filter((key) => canonicalJson(from[key]) !== canonicalJson(to[key]))
    .flatMap((key) => differences(`${path}.${key}`, from[key] ?? null, to[key] ?? null));
}

/** How long a value may be before it folds away. */
const FOLD_AT = 120;

/** One value as one line: strings as they are, an object as "key: value, …", the rest as JSON. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isRecord(value))
    return Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(', ');
  return JSON.stringify(value) ?? '';
}

function Folding({ text }: { text: string }) {
  if (text.length <= FOLD_AT && !text.includes('\n')) return <span class="value">{text}</span>;
  return (
    <details class="value">
      <summary>{`${text.slice(0, 80).replace(/\s+/g, ' ')}…`}</summary>
      <pre>{text}</pre>
    </details>
  );
}

function Value({ value }: { value: unknown }) {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0))
    return <span class="muted">—</span>;
  if (typeof value === 'boolean') return <span class="value">{value ? 'yes' : 'no'}</span>;
  if (Array.isArray(value))
    return (
      <ul class="items">
        {value.map((item) => (
          <li>
            <Folding text={asText(item)} />
          </li>
        ))}
      </ul>
    );
  return <Folding text={asText(value)} />;
}

/** Dotted paths to the leaves of an object, one level of nesting flattened for reading. */
function fieldsOf(change: Record<string, unknown>): [string, unknown][] {
  return Object.entries(change).flatMap(([key, value]): [string, unknown][] =>
    isRecord(value) && Object.keys(value).length > 0 && Object.keys(value).length <= 6
      ? Object.entries(value).map(([inner, v]): [string, unknown] => [`${key}.${inner}`, v])
      : [[key, value]],
  );
}

export function AuditChange({ change }: { change: unknown }) {
  if (isFieldDiff(change)) {
    const rows = Object.entries(change).flatMap(([field, { from, to }]) => differences(field, from, to));
    return (
      <table class="diff">
        <tbody>
          {rows.map(([field, from, to]) => (
            <tr>
              <th scope="row">{field}</th>
              <td class="from">
                <Value value={from} />
              </td>
              <td class="arrow" aria-label="became">
                →
              </td>
              <td class="to">
                <Value value={to} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  if (isRecord(change)) {
    const fields = fieldsOf(change);
    if (fields.length === 0) return <span class="muted">no details</span>;
    return (
      <dl class="change">
        {fields.map(([path, value]) => (
          <>
            <dt>{path}</dt>
            <dd>
              <Value value={value} />
            </dd>
          </>
        ))}
      </dl>
    );
  }
  return <Value value={change} />;
}
