// Matches request URLs to an OpenAPI description's path templates. A literal segment beats a
// templated one at the same position (`/security-advisories/reports` is not `/{ghsa_id}`), and a
// parameter marked `x-multi-segment` (GitHub's contents `{path}`) may span several segments.

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface Segment {
  /** 2 = literal, 1 = literal text around a parameter, 0 = a whole-segment parameter. */
  weight: number;
  literal?: string;
  pattern?: RegExp;
  names: string[];
}

export interface PathTemplate {
  template: string;
  segments: Segment[];
  methods: Set<string>;
  /** The last parameter may absorb the rest of the path. */
  multiSegmentTail: boolean;
}

export interface PathMatch {
  template: PathTemplate;
  params: Record<string, string>;
}

function compileSegment(text: string): Segment {
  if (!text.includes('{')) return { weight: 2, literal: text, names: [] };
  const names: string[] = [];
  const source = text.replace(
    /\{([^}]+)\}|([^{]+)/g,
    (_all, name: string | undefined, literal: string | undefined) => {
      if (name !== undefined) {
        names.push(name);
        return '(.+?)';
      }
      return (literal ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    },
  );
  const whole = /^\{[^}]+\}$/.test(text);
  return { weight: whole ? 0 : 1, pattern: new RegExp(`^${source}$`), names };
}

export function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.split('/').slice(1);
}

export class PathMatcher {
  private readonly bySize = new Map<number, PathTemplate[]>();
  private readonly tails: PathTemplate[] = [];

  constructor(paths: Record<string, Record<string, unknown>>, multiSegment: (template: string) => boolean) {
    for (const [template, item] of Object.entries(paths)) {
      const methods = new Set(HTTP_METHODS.filter((method) => item && typeof item[method] === 'object'));
      const compiled: PathTemplate = {
        template,
        segments: splitPath(template).map(compileSegment),
        methods,
        multiSegmentTail: multiSegment(template),
      };
      const list = this.bySize.get(compiled.segments.length) ?? [];
      list.push(compiled);
      this.bySize.set(compiled.segments.length, list);
      if (compiled.multiSegmentTail) this.tails.push(compiled);
    }
  }

  /** All templates matching `path`, best first; `method` only ranks, so callers can tell 405 from 404. */
  match(path: string, method: string): PathMatch[] {
    const raw = splitPath(path);
    const found: { match: PathMatch; score: number[] }[] = [];
    for (const template of this.bySize.get(raw.length) ?? []) {
      const params = matchSegments(template.segments, raw);
      if (params) found.push({ match: { template, params }, score: scoreOf(template, method, false) });
    }
    for (const template of this.tails) {
      if (raw.length <= template.segments.length) continue;
      const head = template.segments.length - 1;
      const joined = [...raw.slice(0, head), raw.slice(head).join('/')];
      const params = matchSegments(template.segments, joined, true);
      if (params) found.push({ match: { template, params }, score: scoreOf(template, method, true) });
    }
    found.sort((a, b) => compareScores(b.score, a.score));
    return found.map((entry) => entry.match);
  }
}

function matchSegments(segments: Segment[], raw: string[], tail = false): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment;
    let text: string;
    try {
      text = decodeURIComponent(raw[i] as string);
    } catch {
      return null;
    }
    if (segment.literal !== undefined) {
      if (segment.literal !== text) return null;
      continue;
    }
    const last = tail && i === segments.length - 1;
    const found = last ? [text, text] : segment.pattern?.exec(text);
    if (!found || text === '') return null;
    segment.names.forEach((name, index) => {
      params[name] = found[index + 1] as string;
    });
  }
  return params;
}

function scoreOf(template: PathTemplate, method: string, viaTail: boolean): number[] {
  return [
    template.methods.has(method) ? 1 : 0,
    viaTail ? 0 : 1,
    ...template.segments.map((segment) => segment.weight),
  ];
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
