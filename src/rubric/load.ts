import { RubricError, type SafeResult } from '../issues/errors.js';
import type { Issue } from '../issues/issue.js';
import { fromZod } from '../issues/zod.js';
import { locateIssues, readDocument, type SourceDocument } from '../source/document.js';
import { resolveLimits, type Limits } from '../source/limits.js';
import { compileRubric, type Rubric } from './compile.js';
import { rubricSchema } from './schema.js';
import { knownKeysAt } from './keys.js';

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
}

/**
 * Load, validate and compile a rubric without throwing.
 * @param source YAML text, UTF-8 bytes, or an already-parsed object
 * @returns `{ success: true, value: rubric, warnings }` or `{ success: false, issues }`
 * @example
 * const r = safeLoadRubric(yamlText, { file: 'rubric.yaml' });
 * if (!r.success) console.error(formatIssues(r.issues));
 */
export function safeLoadRubric(source: string | Uint8Array | object, opts: LoadOptions = {}): SafeResult<Rubric> {
  const limits = resolveLimits(opts.limits);
  let raw: unknown;
  let doc: SourceDocument | undefined;
  if (typeof source === 'string' || source instanceof Uint8Array) {
    const read = readDocument(source, limits, opts.file);
    if (!read.ok) return { success: false, issues: read.issues };
    doc = read.doc;
    raw = doc.value;
  } else {
    raw = source;
  }
  const locate = (issues: Issue[]) => sortByPosition(locateIssues(issues, doc));
  const parsed = rubricSchema.safeParse(raw);
  if (!parsed.success) {
    return { success: false, issues: locate(fromZod(parsed.error.issues, raw, [], (p) => knownKeysAt(raw, p))) };
  }
  const { rubric, issues } = compileRubric(parsed.data, { maxFormulaLength: limits.maxFormulaLength });
  if (!rubric) return { success: false, issues: locate(issues) };
  const withFile: Rubric = opts.file !== undefined ? { ...rubric, file: opts.file, warnings: locate([...rubric.warnings]) } : { ...rubric, warnings: locate([...rubric.warnings]) };
  return { success: true, value: Object.freeze(withFile), warnings: [...withFile.warnings] };
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
