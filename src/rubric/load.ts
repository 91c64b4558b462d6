import { RubricError, type SafeResult } from '../issues/errors.js';
import type { Issue } from '../issues/issue.js';
import type { Limits } from '../source/limits.js';
import { readOptions } from '../source/options.js';
import type { SourceDocument } from '../source/document.js';
import { readSource, stackSafe } from '../source/read.js';
import { markRubric } from './brand.js';
import { compileRubric, type Rubric } from './compile.js';
import { resolveDocument, type RubricResolver } from './resolve.js';
import { bundledRubricSource } from '../bundled.js';

/** Issues in file order when they have positions (a stable sort keeps the rest in place). */
export function sortByPosition(issues: Issue[]): Issue[] {
  if (!issues.every((i) => i.source)) return issues;
  return [...issues].sort((a, b) => a.source!.line - b.source!.line || a.source!.column - b.source!.column);
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
  const o = readOptions(opts, { file: 'text', limits: 'limits', resolve: 'function', extendsRoot: 'text' });
  if (!o.ok) return { success: false, issues: o.issues };
  const { limits } = o;
  const file = o.opts.file as string | undefined;
  const resolve = o.opts.resolve as RubricResolver | undefined;
  // Text is parsed; an object built in code is copied into plain data first (cycles, depth,
  // __proto__, getters, proxies).
  const read = readSource(source, limits, file);
  if (!read.ok) return { success: false, issues: read.issues };
  const root = o.opts.extendsRoot as string | undefined;
  const resolver: RubricResolver = (ref, from) => {
    const own = resolve?.(ref, from);
    if (own && root !== undefined && !('refused' in own) && !isWithin(root, own.file)) return { file: own.file, refused: 'outside_root', root };
    return own ?? bundledResolver(ref, from);
  };
  const done = stackSafe(() => loadStages(read.value, read.doc, file, limits, resolver), limits);
  return done.ok ? done.value : { success: false, issues: done.issues };
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
