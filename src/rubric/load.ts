import { thrown } from '../issues/guard.js';
import { RubricError, type SafeResult } from '../issues/errors.js';
import type { Issue } from '../issues/issue.js';
import { likelyCauseFirst } from '../issues/order.js';
import type { Limits } from '../source/limits.js';
import { readOptions } from '../source/options.js';
import type { SourceDocument } from '../source/document.js';
import { readSource, stackSafe } from '../source/read.js';
import { markRubric } from './brand.js';
import { compileRubric } from './compile.js';
import type { Rubric } from './types.js';
import { resolveDocument, type RubricResolver } from './resolve.js';
import { bundledRubricSource, preparedDocument } from './sources.js';

/**
 * Issues with the likely cause first (an unknown key near a known one, before what is missing:
 * {@link likelyCauseFirst}), then in file order when they all have positions; otherwise as found.
 */
export function sortByPosition(issues: Issue[]): Issue[] {
  const located = issues.every((i) => i.source);
  return likelyCauseFirst(issues, located ? (i) => [i.source!.line, i.source!.column] : undefined);
}

export interface LoadOptions {
  /** File name used in positions and messages. */
  file?: string;
  /** Limits for untrusted documents (sizes, depth, alias expansion, formula length). */
  limits?: Partial<Limits>;
  /**
   * Finds the rubric a variant `extends`. Bundled ids always resolve; pass a resolver to allow
   * files (the CLI resolves paths relative to the extending file).
   */
  resolve?: RubricResolver;
  /**
   * Confine `extends` to this folder (for servers that load uploaded rubrics): a file the
   * resolver returns outside it is `extends_outside_root`; bundled ids still resolve. The check
   * is on the `file` the resolver returns, so return real absolute paths (the CLI's resolver
   * follows symbolic links first, and declines to read a file outside the folder).
   */
  extendsRoot?: string;
}

/** `file` is inside the folder `root` (both absolute, or both relative); `.` and `..` are resolved. */
export function isWithin(root: string, file: string): boolean {
  const parts = (p: string) => {
    const out: string[] = [];
    for (const seg of p.split(/[\\/]+/)) {
      if (seg === '..') {
        if (out.length <= 1) return undefined;
        out.pop();
      } else if (seg !== '.' && (seg !== '' || out.length === 0)) out.push(seg);
    }
    return out;
  };
  const r = parts(root);
  const f = parts(file);
  if (!r || !f || f.length <= r.length || (r[0] === '') !== (f[0] === '')) return false;
  const win = /^[A-Za-z]:$/.test(r[0] ?? '');
  return r.every((seg, i) => (win ? seg.toLowerCase() === f[i]!.toLowerCase() : seg === f[i]));
}

/** Bundled rubrics by id: the resolver every load starts with. */
const bundledResolver: RubricResolver = (ref) => {
  const text = bundledRubricSource(ref);
  return text === undefined ? undefined : { source: text, file: `rubrics/${ref}.yaml` };
};

/**
 * Load, validate and compile a rubric without throwing.
 * @param source YAML text, UTF-8 bytes, or an already-parsed object
 * @returns `{ success: true, value: rubric, warnings }` or `{ success: false, issues }`
 * @example
 * const r = safeLoadRubric(yamlText, { file: 'rubric.yaml' });
 * if (!r.success) console.error(formatIssues(r.issues));
 */
export function safeLoadRubric(source: string | Uint8Array | object, opts: LoadOptions = {}): SafeResult<Rubric> {
  try {
    return loadSafely(source, opts);
  } catch {
    // A resolver of the caller's, or a value read deep in the source, that throws.
    return thrown('safeLoadRubric');
  }
}

function loadSafely(source: string | Uint8Array | object, opts: LoadOptions): SafeResult<Rubric> {
  const o = readOptions(opts, { file: 'text', limits: 'limits', resolve: 'function', extendsRoot: 'text' });
  if (!o.ok) return { success: false, issues: o.issues };
  const { limits } = o;
  const file = o.opts.file as string | undefined;
  const resolve = o.opts.resolve as RubricResolver | undefined;
  // The same text, loaded again the same way, is the same rubric: it comes from the cache. Not
  // with a resolver of the caller's (the files it reads may have changed since).
  const key = typeof source === 'string' && resolve === undefined && o.opts.extendsRoot === undefined ? cacheKey(file, limits) : undefined;
  if (key !== undefined) {
    const hit = cached(source as string, key);
    if (hit) return { success: true, value: hit, warnings: [...hit.warnings] };
  }
  // Text is parsed; an object built in code is copied into plain data first (cycles, depth,
  // __proto__, getters, proxies).
  const prepared = preparedDocument(source, limits, file);
  const read = prepared ? { ok: true as const, value: prepared.value, doc: prepared } : readSource(source, limits, file);
  if (!read.ok) return { success: false, issues: read.issues };
  const root = o.opts.extendsRoot as string | undefined;
  const resolver: RubricResolver = (ref, from) => {
    const own = resolve?.(ref, from);
    if (own && root !== undefined && !('refused' in own) && !isWithin(root, own.file)) return { file: own.file, refused: 'outside_root', root };
    return own ?? bundledResolver(ref, from);
  };
  const done = stackSafe(() => loadStages(read.value, read.doc, file, limits, resolver), limits);
  if (!done.ok) return { success: false, issues: done.issues };
  if (key !== undefined && done.value.success) remember(source as string, key, done.value.value);
  return done.value;
}

/**
 * Compiled rubrics by text, the most recently used last. A rubric is immutable (frozen, and
 * nothing in jixiao changes it after it is compiled), so loads of one text can share it. Small
 * and bounded: a server that loads many uploaded rubrics keeps the last few.
 */
const CACHE = new Map<string, Map<string, Rubric>>();
const CACHE_SIZE = 16;
/** Texts above this size are not kept. */
const CACHE_MAX_TEXT = 256 * 1024;

function cacheKey(file: string | undefined, limits: Limits): string {
  return `${file === undefined ? '' : `f${file}`}\u0000${limits.maxBytes},${limits.maxDepth},${limits.maxNodes},${limits.maxFormulaLength}`;
}

function cached(text: string, key: string): Rubric | undefined {
  const byKey = CACHE.get(text);
  const hit = byKey?.get(key);
  if (hit) {
    CACHE.delete(text);
    CACHE.set(text, byKey!);
  }
  return hit;
}

function remember(text: string, key: string, rubric: Rubric): void {
  if (text.length > CACHE_MAX_TEXT) return;
  const byKey = CACHE.get(text) ?? new Map<string, Rubric>();
  byKey.set(key, rubric);
  CACHE.delete(text);
  CACHE.set(text, byKey);
  while (CACHE.size > CACHE_SIZE) CACHE.delete(CACHE.keys().next().value!);
}

function loadStages(raw: unknown, doc: SourceDocument | undefined, file: string | undefined, limits: Limits, resolver: RubricResolver): SafeResult<Rubric> {
  const resolved = resolveDocument(raw, doc, { ...(file !== undefined ? { file } : {}), limits, resolver });
  if (!resolved.document) return { success: false, issues: sortByPosition(resolved.issues) };
  const at = (issues: readonly Issue[]) =>
    sortByPosition(issues.map((i) => {
      if (i.source) return i;
      const p = resolved.locate(i.path);
      return p ? { ...i, source: p } : i;
    }));
  const { rubric, issues } = compileRubric(resolved.document, { maxFormulaLength: limits.maxFormulaLength });
  if (!rubric) return { success: false, issues: at(issues) };
  const value: Rubric = Object.freeze(markRubric({ ...rubric, ...(file !== undefined ? { file } : {}), warnings: at(rubric.warnings) }));
  return { success: true, value, warnings: [...value.warnings] };
}

/**
 * Load, validate and compile a rubric; throws {@link RubricError} with every issue found.
 * @example
 * const rubric = loadRubric(fs.readFileSync('rubric.yaml', 'utf8'), { file: 'rubric.yaml' });
 */
export function loadRubric(source: string | Uint8Array | object, opts: LoadOptions = {}): Rubric {
  const r = safeLoadRubric(source, opts);
  if (!r.success) throw new RubricError(r.issues);
  return r.value;
}
