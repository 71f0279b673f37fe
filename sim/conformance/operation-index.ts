// Finds the operation a request is for: path templates (literal segments first, multi-segment
// tails), server base paths, and each operation's parameters with `$ref`s followed. One index per
// description and process.
import type { Description, Json } from './description.ts';
import { schemaOf } from './message-parts.ts';
import { PathMatcher } from './paths.ts';
import {
  escapePointerToken,
  getPointer,
  resolveRef,
  type SchemaLocation,
  type SchemaRegistry,
} from './schemas.ts';

export interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema?: SchemaLocation;
}

export interface Operation {
  operationId: string;
  method: string;
  pathTemplate: string;
  location: SchemaLocation;
  object: Json;
  parameters: Parameter[];
}

const indexes = new WeakMap<Description, OperationIndex>();

export function operationIndexFor(description: Description, registry: SchemaRegistry): OperationIndex {
  let index = indexes.get(description);
  if (!index) {
    index = new OperationIndex(description, registry);
    indexes.set(description, index);
  }
  return index;
}

export class OperationIndex {
  private readonly matcher: PathMatcher;
  private readonly operations = new Map<string, Operation>();

  constructor(
    private readonly description: Description,
    private readonly registry: SchemaRegistry,
  ) {
    const paths = (description.document.paths ?? {}) as Record<string, Json>;
    this.matcher = new PathMatcher(paths, (template) => this.hasMultiSegmentTail(template));
  }

  /** Whether some operation has this path, whatever its method (to tell 405 from 404). */
  pathKnown(method: string, url: string): boolean {
    return this.candidatePaths(url).some((path) => this.matcher.match(path, method.toLowerCase()).length > 0);
  }

  find(method: string, url: string): { op: Operation; params: Record<string, string> } | undefined {
    const wanted = method.toLowerCase();
    for (const path of this.candidatePaths(url)) {
      const best = this.matcher.match(path, wanted)[0];
      if (best?.template.methods.has(wanted)) {
        const op = this.operation(
          `/paths/${escapePointerToken(best.template.template)}`,
          wanted,
          best.template.template,
        );
        return { op, params: best.params };
      }
    }
    return undefined;
  }

  candidatePaths(url: string): string[] {
    const path = new URL(url, 'http://conformance.invalid').pathname;
    const stripped = this.description.basePaths
      .filter((base) => path === base || path.startsWith(`${base}/`))
      .map((base) => path.slice(base.length) || '/');
    return [...stripped, path];
  }

  operation(itemPointer: string, method: string, pathTemplate: string): Operation {
    const key = `${method} ${itemPointer}`;
    let op = this.operations.get(key);
    if (op) return op;
    const file = this.description.path;
    const item = (getPointer(this.description.document, itemPointer) ?? {}) as Json;
    const object = (item[method] ?? {}) as Json;
    const byKey = new Map<string, Parameter>();
    const collect = (list: unknown, pointer: string) => {
      if (!Array.isArray(list)) return;
      list.forEach((_entry, index) => {
        const found = this.registry.deref({ file, pointer: `${pointer}/${index}` });
        if (!found) return;
        const value = found.value as Json;
        const parameter: Parameter = {
          name: String(value.name),
          in: String(value.in),
          required: value.required === true,
          schema: value.schema ? schemaOf(found.location) : undefined,
        };
        byKey.set(`${parameter.in}:${parameter.name.toLowerCase()}`, parameter);
      });
    };
    collect(item.parameters, `${itemPointer}/parameters`);
    collect(object.parameters, `${itemPointer}/${method}/parameters`);
    op = {
      operationId: String(object.operationId ?? `${method.toUpperCase()} ${pathTemplate}`),
      method: method.toUpperCase(),
      pathTemplate,
      location: { file, pointer: `${itemPointer}/${method}` },
      object,
      parameters: [...byKey.values()],
    };
    this.operations.set(key, op);
    return op;
  }

  private hasMultiSegmentTail(template: string): boolean {
    const last = /\{([^}]+)\}$/.exec(template)?.[1];
    if (!last) return false;
    const item = (this.description.document.paths as Record<string, Json>)[template] ?? {};
    const lists = [item.parameters, ...Object.values(item).map((op) => (op as Json | undefined)?.parameters)];
    return lists.some(
      (list) =>
        Array.isArray(list) &&
        list.some((entry: Json) => {
          const value = (
            typeof entry.$ref === 'string'
              ? getPointer(this.description.document, resolveRef(entry.$ref, this.description.path).pointer)
              : entry
          ) as Json | undefined;
          return value?.name === last && value['x-multi-segment'] === true;
        }),
    );
  }
}
