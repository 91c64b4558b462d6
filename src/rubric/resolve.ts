import { makeIssue, type Issue, type SourcePosition } from '../issues/issue.js';
import { fromZod } from '../issues/zod.js';
import { locateIssues, readDocument, type Path, type SourceDocument } from '../source/document.js';
import { preparedDocument } from './sources.js';
import type { Limits } from '../source/limits.js';
import { isText } from '../source/read.js';
import { knownKeysAt } from './keys.js';
import { rubricSchema, type IndicatorDocument, type RubricDocument } from './schema.js';

type InputDecl = NonNullable<NonNullable<RubricDocument['inputs']>[string]>;
type MetricDecl = NonNullable<NonNullable<RubricDocument['metrics']>[string]>;

/** A rubric document with its variant chain applied: what compilation works on. */
export type ResolvedDocument = Omit<RubricDocument, 'extends' | 'overrides' | 'remove' | 'add' | 'inputs' | 'metrics' | 'indicators'> & {
  inputs?: Record<string, InputDecl>;
  metrics?: Record<string, MetricDecl>;
  indicators: IndicatorDocument[];
};

/** Where a path of the resolved document came from, for line and column. */
export type Locate = (path: readonly (string | number)[]) => SourcePosition | undefined;

/** A file a resolver declines to read: outside the folder `extends` is confined to, or not a regular file (a FIFO, a device, standard input). */
export type RefusedFile = { file: string; refused: 'outside_root'; root: string } | { file: string; refused: 'not_a_file' };

/**
 * Finds the text of a rubric named by `extends` (a bundled id or a path relative to `from`).
 * `{ file, refused: 'outside_root', root }` declines a file outside the folder `extends` is
 * confined to; `{ file, refused: 'not_a_file' }` one that is not a regular file (a FIFO, a device,
 * `/dev/stdin`), which could block the reader for ever.
 */
export type RubricResolver = (ref: string, from: string | undefined) => { source: string | Uint8Array; file: string } | RefusedFile | undefined;

/** A document that can be a rubric: a mapping with an `id` and only a rubric's top-level keys. */
function looksLikeRubric(v: unknown): boolean {
  const keys = knownKeysAt(v, []) ?? [];
  return v !== null && typeof v === 'object' && !Array.isArray(v) && 'id' in v && Object.keys(v).every((k) => keys.includes(k));
}

interface Origin {
  base?: { locate: Locate; path: Path };
  patch?: { path: Path; keys: Set<string> };
  added?: Path;
}

const MAX_CHAIN = 16;

/**
 * Call a resolver the caller passed and read its answer once: it must return undefined or
 * `{ source: text or bytes, file: text }`. Anything else, or a resolver that throws, is a usage
 * error (`invalid_option` naming `resolve`), not an exception out of a `safe…` function.
 */
function askResolver(
  resolver: RubricResolver | undefined,
  ref: string,
  from: string | undefined,
): { found: { source: string | Uint8Array; file: string } | RefusedFile | undefined } | { issue: Issue } {
  const wrong = (received: string, receivedEn: string) => ({
    issue: makeIssue('invalid_option', {
      option: 'resolve',
      expected: '返回 undefined 或 { source: 文本或字节, file: 文本 } 的函数',
      expectedEn: 'a function returning undefined or { source: text or bytes, file: text }',
      received,
      receivedEn,
    }),
  });
  try {
    const answer: unknown = resolver?.(ref, from);
    if (answer === undefined || answer === null) return { found: undefined };
    if (typeof answer !== 'object') return wrong(`返回了 ${typeof answer}`, `it returned a ${typeof answer}`);
    const source: unknown = (answer as { source?: unknown }).source;
    const file: unknown = (answer as { file?: unknown }).file;
    // A file the resolver refuses to read (outside --extends-root / extendsRoot).
    const refused: unknown = (answer as { refused?: unknown }).refused;
    const root: unknown = (answer as { root?: unknown }).root;
    if (refused === 'outside_root' && typeof file === 'string' && typeof root === 'string') return { found: { file, refused, root } };
    if (refused === 'not_a_file' && typeof file === 'string') return { found: { file, refused } };
    if (!isText(source)) return wrong(`返回的 source 为 ${source === null ? 'null' : typeof source}`, `it returned a source that is ${source === null ? 'null' : `a ${typeof source}`}`);
    if (typeof file !== 'string') return wrong(`返回的 file 为 ${file === null ? 'null' : typeof file}`, `it returned a file that is ${file === null ? 'null' : `a ${typeof file}`}`);
    return { found: { source, file } };
  } catch {
    return wrong('调用时抛出了异常', 'it threw when called');
  }
}

/** The dotted id path of the indicator a document path is inside, read off the raw document. */
function indicatorAt(raw: unknown, path: readonly (string | number)[]): string | undefined {
  const get = (o: unknown, k: string | number): unknown =>
    o !== null && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, k) ? (o as Record<string | number, unknown>)[k] : undefined;
  const ids: string[] = [];
  let cur: unknown = raw;
  let i = 0;
  if (path[0] === 'overrides' && typeof path[1] === 'string') return path[1];
  if (path[0] === 'add' && typeof path[1] === 'number' && path[2] === 'indicator') {
    cur = get(get(get(raw, 'add'), path[1]), 'indicator');
    i = 3;
    const node = cur as { id?: unknown; name?: unknown } | undefined;
    const id = node?.id ?? node?.name;
    if (typeof id === 'string' || typeof id === 'number') ids.push(String(id));
  }
  for (; i + 1 < path.length; i += 2) {
    const key = path[i];
    const idx = path[i + 1];
    if ((key !== 'indicators' && key !== 'children') || typeof idx !== 'number') break;
    cur = get(get(cur, key), idx);
    const node = cur as { id?: unknown; name?: unknown } | undefined;
    const id = node?.id ?? node?.name;
    if (typeof id !== 'string' && typeof id !== 'number') break;
    ids.push(String(id));
  }
  return ids.length ? ids.join('.') : undefined;
}

/**
 * Parse a rubric document (YAML text or object) and apply its `extends` chain.
 * Issues carry the file and position of the document they are about.
 */
export function resolveDocument(
  raw: unknown,
  src: SourceDocument | undefined,
  opts: { file?: string; limits: Limits; resolver?: RubricResolver; chain?: string[] },
): { document?: ResolvedDocument; locate: Locate; issues: Issue[] } {
  const here: Locate = (p) => src?.positionOf(p);
  // A bundled rubric's text was read by the schema when jixiao was built (src/rubric/prepared.ts).
  const parsed = src?.schemaOutput !== undefined && src.value === raw ? { success: true as const, data: src.schemaOutput as RubricDocument } : rubricSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = fromZod(parsed.error.issues, raw, [], (p) => knownKeysAt(raw, p)).map((i) => {
      const indicator = indicatorAt(raw, i.path);
      return indicator === undefined || i.indicator ? i : { ...i, indicator };
    });
    return { locate: here, issues: locateIssues(issues, src) };
  }
  const doc = parsed.data;
  const issue = (code: Parameters<typeof makeIssue>[0], params: Record<string, string | number | undefined>, path: Path) =>
    locateIssues([makeIssue(code, params, { path })], src)[0]!;

  if (doc.extends === undefined) {
    const issues: Issue[] = [];
    for (const key of ['overrides', 'remove', 'add'] as const)
      if (doc[key] !== undefined) issues.push(issue('variant_without_extends', { key }, [key]));
    if (!doc.indicators) issues.push(issue('missing_key', { key: 'indicators' }, []));
    for (const [name, v] of Object.entries(doc.inputs ?? {})) if (v === null) issues.push(issue('invalid_type', { expected: '输入数据声明', expectedEn: 'an input declaration', received: '空值', receivedEn: 'null' }, ['inputs', name]));
    for (const [name, v] of Object.entries(doc.metrics ?? {})) if (v === null) issues.push(issue('invalid_type', { expected: '公式', expectedEn: 'a formula', received: '空值', receivedEn: 'null' }, ['metrics', name]));
    if (issues.length) return { locate: here, issues };
    const { extends: _e, overrides: _o, remove: _r, add: _a, ...rest } = doc;
    return { document: rest as ResolvedDocument, locate: here, issues: [] };
  }

  // A variant: resolve its base first.
  const chain = opts.chain ?? (opts.file ? [opts.file] : []);
  if (doc.indicators !== undefined) return { locate: here, issues: [issue('variant_with_indicators', {}, ['indicators'])] };
  const asked = askResolver(opts.resolver, doc.extends, opts.file);
  if ('issue' in asked) return { locate: here, issues: [locateIssues([{ ...asked.issue, path: ['extends'] }], src)[0]!] };
  const found = asked.found;
  if (!found) return { locate: here, issues: [issue('extends_not_found', { ref: doc.extends }, ['extends'])] };
  if ('refused' in found) {
    if (found.refused === 'not_a_file') return { locate: here, issues: [issue('extends_not_a_file', { ref: doc.extends, file: found.file }, ['extends'])] };
    return { locate: here, issues: [issue('extends_outside_root', { ref: doc.extends, root: found.root }, ['extends'])] };
  }
  if (chain.includes(found.file) || chain.length >= MAX_CHAIN) {
    return { locate: here, issues: [issue('extends_cycle', { chain: [...chain, found.file].join(' → ') }, ['extends'])] };
  }
  // Whatever file `extends` named, its content is echoed only if it is a rubric.
  const prepared = preparedDocument(found.source, opts.limits, found.file);
  const read = prepared ? { ok: true as const, doc: prepared } : readDocument(found.source, opts.limits, found.file);
  if (!read.ok || !looksLikeRubric(read.doc.value)) {
    const limit = read.ok ? [] : read.issues.filter((i) => i.code === 'file_too_large' || i.code === 'encoding_invalid');
    return { locate: here, issues: limit.length ? limit : [issue('extends_not_rubric', { file: found.file }, ['extends'])] };
  }
  const base = resolveDocument(read.doc.value, read.doc, { ...opts, file: found.file, chain: [...chain, found.file] });
  if (!base.document) return base;

  const issues: Issue[] = [];
  const origins = new Map<IndicatorDocument, Origin>();
  const clone = (nodes: IndicatorDocument[], path: Path): IndicatorDocument[] =>
    nodes.map((n, i) => {
      const copy: IndicatorDocument = { ...n };
      origins.set(copy, { base: { locate: base.locate, path: [...path, i] } });
      if (n.children) copy.children = clone(n.children, [...path, i, 'children']);
      return copy;
    });
  const tree = clone(base.document.indicators, ['indicators']);
  const idOf = (n: IndicatorDocument) => n.id ?? n.name;
  const find = (id: string, nodes: IndicatorDocument[] = tree): { node: IndicatorDocument; siblings: IndicatorDocument[] } | undefined => {
    for (const n of nodes) {
      if (idOf(n) === id) return { node: n, siblings: nodes };
      const inner = n.children && find(id, n.children);
      if (inner) return inner;
    }
    return undefined;
  };

  (doc.remove ?? []).forEach((id, i) => {
    const hit = find(id);
    if (!hit) issues.push(issue('extends_unknown_indicator', { id }, ['remove', i]));
    else hit.siblings.splice(hit.siblings.indexOf(hit.node), 1);
  });
  for (const [id, patch] of Object.entries(doc.overrides ?? {})) {
    const hit = find(id);
    if (!hit) {
      issues.push(issue('extends_unknown_indicator', { id }, ['overrides', id]));
      continue;
    }
    const keys = new Set<string>();
    // An override keeps the id it addressed: a base indicator whose id defaulted to its name
    // keeps that id when the override renames it, so evaluations and `add` still find it.
    if (patch.name !== undefined && hit.node.id === undefined) hit.node.id = id;
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) continue;
      (hit.node as Record<string, unknown>)[k] = v;
      keys.add(k);
    }
    // A leaf's rule, a parent's children and a section's rows replace one another.
    if (patch.rule) delete hit.node.children, delete hit.node.rows;
    if (patch.children) delete hit.node.rule, delete hit.node.rows;
    if (patch.rows) delete hit.node.rule, delete hit.node.children;
    const o = origins.get(hit.node)!;
    o.patch = { path: ['overrides', id], keys };
  }
  (doc.add ?? []).forEach((a, i) => {
    let siblings = tree;
    if (a.parent !== undefined) {
      const parent = find(a.parent);
      if (!parent) {
        issues.push(issue('extends_unknown_indicator', { id: a.parent }, ['add', i, 'parent']));
        return;
      }
      if (parent.node.rule) {
        issues.push(issue('rule_and_children', {}, ['add', i, 'parent']));
        return;
      }
      siblings = parent.node.children ??= [];
    }
    let at = siblings.length;
    if (a.after !== undefined) {
      const idx = siblings.findIndex((s) => idOf(s) === a.after);
      if (idx < 0) {
        issues.push(issue('extends_unknown_indicator', { id: a.after }, ['add', i, 'after']));
        return;
      }
      at = idx + 1;
    }
    siblings.splice(at, 0, a.indicator);
    origins.set(a.indicator, { added: ['add', i, 'indicator'] });
  });
  if (issues.length) return { locate: here, issues };

  const mergeMap = <T>(b: Record<string, T> | undefined, d: Record<string, T | null> | undefined) => {
    const out: Record<string, T> = { ...(b ?? {}) };
    for (const [k, v] of Object.entries(d ?? {})) {
      if (v === null) delete out[k];
      else out[k] = v;
    }
    return out;
  };
  const { extends: _e, overrides: _o, remove: _r, add: _a, indicators: _i, ...own } = doc;
  const document: ResolvedDocument = {
    ...base.document,
    ...Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined)),
    inputs: mergeMap(base.document.inputs, doc.inputs),
    metrics: mergeMap(base.document.metrics, doc.metrics),
    indicators: tree,
  } as ResolvedDocument;

  // Map every path of the merged tree back to the file and place it came from.
  const byPath = new Map<string, Origin>();
  const walk = (nodes: IndicatorDocument[], path: Path) =>
    nodes.forEach((n, i) => {
      const o = origins.get(n);
      if (o) byPath.set([...path, i].join('\u0000'), o);
      if (n.children) walk(n.children, [...path, i, 'children']);
    });
  walk(tree, ['indicators']);
  const locate: Locate = (path) => {
    if (path[0] === 'indicators') {
      for (let n = path.length; n >= 2; n--) {
        const o = byPath.get(path.slice(0, n).join('\u0000'));
        if (!o) continue;
        const rest = path.slice(n);
        if (o.added) return src?.positionOf([...o.added, ...rest]);
        if (o.patch && (rest.length === 0 || o.patch.keys.has(String(rest[0])))) return src?.positionOf([...o.patch.path, ...rest]);
        if (o.base) return o.base.locate([...o.base.path, ...rest]);
      }
      return src?.positionOf(['extends']);
    }
    const key = path[0];
    if (key !== undefined && Object.prototype.hasOwnProperty.call(raw ?? {}, key)) {
      const sub = (raw as Record<string, unknown>)[String(key)];
      if (path.length < 2 || (sub && typeof sub === 'object' && Object.prototype.hasOwnProperty.call(sub, path[1]!))) return src?.positionOf(path);
    }
    return base.locate(path);
  };
  return { document, locate, issues: [] };
}
