import { ruleSchema } from '../rules/index.js';
import { indicatorSchema, inputDeclSchema, rubricSchema } from './schema.js';

/** The keys allowed at each kind of place in a rubric, read off the schema, for "did you mean" hints. */
const RUBRIC = Object.keys(rubricSchema.shape);
const INDICATOR = Object.keys(indicatorSchema.shape);
const INPUT = Object.keys(inputDeclSchema.shape);
const RULE: Record<string, string[]> = Object.fromEntries(
  ruleSchema.options.map((o) => [o.shape.kind.value, Object.keys(o.shape)]),
);

/** The value at `path` in `root` (own properties only), or undefined. */
export function at(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

export function knownKeysAt(root: unknown, path: readonly PropertyKey[]): readonly string[] | undefined {
  if (path.length === 0) return RUBRIC;
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (last === 'rule') {
    const kind = (at(root, path) as { kind?: unknown } | undefined)?.kind;
    return typeof kind === 'string' ? RULE[kind] : undefined;
  }
  if (parent === 'inputs') return INPUT;
  if (typeof last === 'number' && (parent === 'indicators' || parent === 'children')) return INDICATOR;
  return undefined;
}
